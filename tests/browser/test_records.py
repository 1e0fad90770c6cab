"""The social record in a real browser: open a case for a person, write a quick note with
the keyboard alone, find it in the timeline; axe-core on every records page."""

import pytest
from django.utils import translation

from tests.factories import PersonFactory
from xarxa.records import services
from xarxa.records.models import CaseFile, Intervention

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def ca(text: str) -> str:
    with translation.override("ca"):
        return translation.gettext(text)


def test_quick_note_with_the_keyboard(page, sign_in_as, social_worker):
    person = PersonFactory(given_names="Aicha", first_surname="El Amrani", second_surname="")
    sign_in_as(social_worker)
    page.visit(f"/persons/{person.public_id}/")
    page.get_by_role("link", name=ca("Open a case file")).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url("**/cases/for/*/")
    page.check()
    page.get_by_role("button", name=ca("Open the case file")).focus()  # defaults: me, today
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url("**/cases/*/")
    page.check()
    case = CaseFile.objects.get()

    # The summary has the focus: type, Tab to "Save note", Enter. No mouse.
    assert page.evaluate("document.activeElement.name") == "summary"
    page.keyboard.type("Primera entrevista. Demana ajuda per pagar el lloguer.")
    save = ca("Save note")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == save:
            break
    else:
        pytest.fail("Save note is not reachable with Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.check()
    assert Intervention.objects.count() == 1
    # Ready for the next note: a confirmation, the summary empty and focused again.
    assert page.locator(".messages").is_visible()
    assert page.evaluate("document.activeElement.name") == "summary"
    assert page.locator("#id_summary").input_value() == ""

    page.visit(f"/cases/person/{person.public_id}/timeline/")
    assert page.get_by_text("pagar el lloguer").is_visible()
    page.visit(f"/cases/person/{person.public_id}/timeline/?kind=case")
    assert not page.get_by_text("pagar el lloguer").is_visible()

    note = Intervention.objects.get()
    for path in (
        "/cases/mine/",
        f"/cases/{case.public_id}/assign/",
        f"/cases/{case.public_id}/problems/",
        f"/cases/{case.public_id}/interventions/{note.pk}/files/",
    ):
        page.visit(path)


def test_case_file_fits_a_phone(page, sign_in_as, social_worker, coordinator, case):
    """At 360 px the case file (facts, people, who has held it) never scrolls sideways."""
    services.case_reassign(
        actor=coordinator.user,
        case=case,
        expected_version=case.version,
        reason="Canvi de professional de referència per una baixa llarga",
        team=case.team,
        reference_professional=coordinator.user,
    )
    page.page.set_viewport_size({"width": 360, "height": 740})
    sign_in_as(social_worker)
    page.visit(f"/cases/{case.public_id}/")
    overflow = page.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert overflow[0] <= overflow[1], f"the case file scrolls sideways: {overflow}"
    page.check()
