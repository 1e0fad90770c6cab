"""Persons in a real browser: search, register (a duplicate is caught first), the card,
and the other people pages, each checked with axe-core."""

import pytest
from django.utils import translation

from tests.conftest import _persona
from tests.factories import PersonFactory
from xarxa.organisations.models import TeamKind
from xarxa.people import services
from xarxa.people.models import Person

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def ca(text: str) -> str:
    with translation.override("ca"):
        return translation.gettext(text)


def test_search_register_with_duplicate_warning_and_card(page, sign_in_as, social_worker):
    existing = PersonFactory(given_names="Aicha", first_surname="El Amrani", second_surname="")
    sign_in_as(social_worker)
    page.visit("/persons/?q=amrani+aica")  # one typo, any order, no JS
    page.get_by_role("link", name="Aicha El Amrani").wait_for()

    page.visit("/persons/new/")
    page.locator("#id_given_names").fill("Aïcha")
    page.locator("#id_first_surname").fill("El Amrani")
    page.locator("#id_document_kind").select_option("nie")
    page.locator("#id_document_number").fill("X1234567A")  # wrong check letter
    with page.expect_navigation():
        page.get_by_role("button", name=ca("Save")).click()
    page.check()
    assert page.locator("#id_document_number_error").is_visible()
    # a screen reader reads the error with the field
    described = page.locator("#id_document_number").get_attribute("aria-describedby")
    assert "id_document_number_error" in described.split()
    page.locator("#id_document_number").fill("X1234567L")
    with page.expect_navigation():
        page.get_by_role("button", name=ca("Save")).click()
    page.check()
    assert page.locator("input[name=confirm_new]").is_visible()  # a likely duplicate
    assert Person.objects.count() == 1
    page.locator("input[name=confirm_new]").check()
    with page.expect_navigation():
        page.get_by_role("button", name=ca("Save")).click()
    page.wait_for_url("**/persons/*/")
    page.check()
    created = Person.objects.exclude(pk=existing.pk).get()
    assert created.documents.get().number == "X1234567L"

    card = f"/persons/{created.public_id}/"
    for path in ("edit/", "contacts/", "household/", "consents/"):
        page.visit(card + path)
    household = services.household_create_with(
        actor=social_worker.user, person=created, address="Carrer Nou 3", municipality=None,
        relationship="reference", on=created.created_at.date(),
    )  # fmt: skip
    page.visit(f"/persons/households/{household.public_id}/?q=amrani")
    page.visit(card)


def test_merge_and_dpo_pages(page, sign_in_as, dpo):
    coordinator = _persona(
        "coord.vic", "team_coordinator", "ajuntament-vic", "SSB Vic",
        TeamKind.BASIC_SOCIAL_SERVICES, "ABSS-VIC",
    )  # fmt: skip
    survivor = PersonFactory()
    duplicate = PersonFactory(given_names="Montse")
    sign_in_as(coordinator)
    page.visit(f"/persons/{survivor.public_id}/merge/")
    page.visit(f"/persons/{survivor.public_id}/merge/?other={duplicate.public_id}")
    page.get_by_label(ca("Why are these the same person?")).fill("Mateix DNI i data de naixement")
    with page.expect_navigation():
        page.get_by_role("button", name=ca("Merge these records")).click()
    page.check()
    duplicate.refresh_from_db()
    assert duplicate.merged_into == survivor
    page.visit(f"/persons/merges/{survivor.merges_in.get().pk}/undo/")

    services.access_grant_open(
        actor=coordinator.user,
        person=survivor,
        reason="Urgència: ingrés hospitalari de la persona",
        reason_kind="health",
    )
    sign_in_as(dpo)
    page.visit("/persons/emergency-access/")
    page.visit("/persons/emergency-access/approvals/")
    page.visit(f"/persons/{survivor.public_id}/access-log/")
    page.visit(f"/persons/{survivor.public_id}/")


def test_emergency_access_page(page, sign_in_as, other_abss_worker):
    person = PersonFactory()
    sign_in_as(other_abss_worker)
    page.visit("/persons/?q=vilaro")
    page.visit(f"/persons/{person.public_id}/", expect_status=404)
    page.visit(f"/persons/{person.public_id}/emergency-access/")
