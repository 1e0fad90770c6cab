"""The catalogue and the public directory in a real browser: accessible, and usable on
an old phone (320 px) by a citizen who is not signed in."""

import pytest
from django.utils import timezone

from xarxa.catalogue import osona
from xarxa.catalogue.models import Service

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def catalogue(social_worker):
    osona.load(timezone.localdate())
    return Service.objects.get(code="teleassistencia")


def test_citizen_finds_help_in_the_directory_on_a_small_phone(page, catalogue):
    page.page.set_viewport_size({"width": 320, "height": 640})
    page.visit("/directory/")
    page.page.select_option("#id_need", "gender_violence")
    with page.page.expect_navigation():
        page.page.get_by_role("button", name="Cerca").click()
    page.check()
    assert page.page.get_by_role("link", name="Vic Dones — SIAD").is_visible()
    page.visit(f"/directory/{catalogue.public_id}/")
    width = page.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320  # no sideways scrolling


def test_staff_catalogue_pages(page, sign_in_as, social_worker, catalogue):
    sign_in_as(social_worker)
    page.visit("/catalogue/")
    page.visit("/catalogue/?stale=1&need=housing")
    sbas = Service.objects.get(code="sbas-vic")
    page.visit(f"/catalogue/{sbas.public_id}/")
    page.visit(f"/catalogue/{sbas.public_id}/edit/")


def test_administrator_pages(page, sign_in_as, coordinator, catalogue):
    """The coordinator of Vic creates and edits the organisation's entries: every field."""
    sign_in_as(coordinator)
    page.visit("/catalogue/new/")
    sbas = Service.objects.get(code="sbas-vic")
    page.visit(f"/catalogue/{sbas.public_id}/edit/")
    page.visit(f"/catalogue/{sbas.public_id}/")
    page.visit("/catalogue/?retired=1")
