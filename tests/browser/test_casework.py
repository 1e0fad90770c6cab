"""The daily round in a real browser: find or register a person, catch a duplicate,
open a case, write a quick note with the keyboard, read the timeline."""

import pytest
from django.utils import translation

from tests.factories import PersonFactory
from xarxa.people.models import Person
from xarxa.records.models import Intervention

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def ca(text: str) -> str:
    with translation.override("ca"):
        return translation.gettext(text)


def test_daily_round(page, sign_in_as, social_worker):
    PersonFactory(given_names="Aicha", first_surname="El Amrani", second_surname="")
    sign_in_as(social_worker)
    page.visit("/persons/")
    page.get_by_label(ca("Name, document, phone or birth date")).fill("amrani aicha")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Aicha El Amrani").wait_for()  # live results (htmx)
    page.check()

    # Registering her again is caught before saving.
    page.get_by_role("link", name=ca("Register a new person")).click()
    page.check()
    page.locator("#id_given_names").fill("Aïcha")
    page.locator("#id_first_surname").fill("El Amrani")
    with page.expect_navigation():
        page.get_by_role("button", name=ca("Save")).click()
    page.check()
    assert page.locator("input[name=confirm_new]").is_visible()
    assert Person.objects.count() == 1
    page.get_by_role("link", name="Aicha El Amrani").click()
    page.wait_for_url("**/persons/*/")
    page.check()

    page.get_by_role("link", name=ca("Open a case file")).click()
    page.wait_for_url("**/cases/for/*/")
    page.check()  # the reference professional is the user unless they choose a colleague
    page.get_by_role("button", name=ca("Open the case file")).click()
    page.wait_for_url("**/cases/*/")
    page.check()
    # The summary has the focus: type, then submit from the keyboard.
    assert page.evaluate("document.activeElement.name") == "summary"
    page.keyboard.type("Primera entrevista. Demana ajuda per pagar el lloguer.")
    page.get_by_role("button", name=ca("Save note")).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.check()
    assert Intervention.objects.count() == 1
    page.get_by_text(ca("People in this case file")).first.click()  # who the case covers
    page.check()
    page.get_by_role("link", name="Aicha El Amrani").click()
    page.get_by_role("link", name=ca("Timeline")).click()
    page.wait_for_url("**/timeline/")
    page.check()
    assert page.get_by_text("pagar el lloguer").is_visible()
    page.visit("/cases/mine/")
