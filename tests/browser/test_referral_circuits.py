"""A social worker in Manlleu refers one person to home care (SAD), to the SIAD, to a Punt
Òmnia and to a partner without an account, and each referral is followed in the browser
from sending to closure: the receiving teams from their inbox, the partner through its
single-use link, the sender recording what the partner reports. Every page is checked
with axe."""

import pytest

from tests.browser.steps import ca, refer_from_case
from tests.conftest import _persona
from tests.factories import PersonFactory, abss
from xarxa.catalogue.models import Service
from xarxa.organisations.models import Organisation, Team, TeamKind
from xarxa.records import services as records
from xarxa.referrals.models import Referral
from xarxa.referrals.states import State
from xarxa.territory.models import Municipality

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def service(code, kind, name, team=None, email=""):
    return Service.objects.create(
        code=code, organisation=Organisation.objects.get(code="coss"), kind=kind,
        texts={"ca": {"name": name}}, owner_team=team, email=email,
    )  # fmt: skip


def refer(page, case, service_name):
    refer_from_case(
        page, case, service_label=service_name,
        reason="Necessita suport per viure sola a casa.",
    )  # fmt: skip
    return Referral.objects.latest("id")


def step(page, button):
    with page.page.expect_navigation():
        page.page.get_by_role("button", name=ca(button), exact=True).click()
    page.check()


def close(page):
    form = page.page.locator("form:has(input[name=to][value=closed])")
    form.locator("select[name=outcome]").select_option("goals_met")
    form.locator("[name=reason]").fill("Objectius assolits.")
    step(page, "Close")


def follow_to_closure(page, referral):
    page.visit(f"/referrals/{referral.public_id}/")
    step(page, "Mark as received")
    step(page, "Accept")
    step(page, "First appointment held: in progress")
    close(page)


def test_four_referrals_from_manlleu_each_followed_to_closure(
    page, sign_in_as, other_abss_worker, siad, facilitator
):
    sender = other_abss_worker
    home_care_team = Team.objects.create(
        organisation=Organisation.objects.get(code="ajuntament-manlleu"), name="SAD Manlleu",
        kind=TeamKind.SPECIALISED_SERVICE, abss=abss("ABSS-MAN"),
    )  # fmt: skip
    home_care = _persona("sad.manlleu", "specialised_professional", "ajuntament-manlleu",
                         "SAD Manlleu 2", TeamKind.SPECIALISED_SERVICE)  # fmt: skip
    home_care.user.assignments.update(team=home_care_team)
    omnia_team = facilitator.user.assignments.get().team
    targets = {
        "SAD Manlleu": service("sad-manlleu", "home_care", "SAD Manlleu", home_care_team),
        "SIAD d'Osona": service("siad", "women", "SIAD d'Osona", siad.user.assignments.get().team),
        "Punt Òmnia de Manlleu": service(
            "omnia-manlleu", "digital", "Punt Òmnia de Manlleu", omnia_team
        ),
        "Casal d'acollida": service(
            "casal", "community", "Casal d'acollida", email="casal@example.org"
        ),
    }
    person = PersonFactory(
        given_names="Rosa", first_surname="Pujol", second_surname="Serra",
        municipality=Municipality.objects.get(ine_code="08112"), abss=abss("ABSS-MAN"),
    )  # fmt: skip
    case = records.case_open(actor=sender.user, person=person)

    sign_in_as(sender)
    sent = {name: refer(page, case, name) for name in targets}
    assert {r.state for r in sent.values()} == {State.SENT}
    partner_link = page.page.locator("code").inner_text()  # shown on the partner's referral
    assert "/referrals/answer/" in partner_link

    for receiver, name in ((home_care, "SAD Manlleu"), (siad, "SIAD d'Osona"),
                           (facilitator, "Punt Òmnia de Manlleu")):  # fmt: skip
        page.context.clear_cookies()
        sign_in_as(receiver)
        page.visit("/referrals/inbox/")
        assert page.page.get_by_role("table").get_by_text(name).count() >= 1
        follow_to_closure(page, sent[name])

    page.context.clear_cookies()  # the partner: no account, only the link
    page.visit(partner_link.removeprefix(page.base_url))
    page.page.check("input[value=accept]")
    step(page, "Send the answer")

    sign_in_as(sender)  # the sender records what the partner reports
    partner_referral = sent["Casal d'acollida"]
    page.visit(f"/referrals/{partner_referral.public_id}/")
    step(page, "First appointment held: in progress")
    close(page)

    for referral in sent.values():
        referral.refresh_from_db()
        assert referral.state == State.CLOSED, referral.service
        assert referral.outcome == "goals_met"
        assert list(referral.transitions.values_list("to_state", flat=True)) == [
            "sent", "received", "accepted", "in_progress", "closed",
        ]  # fmt: skip
    page.visit("/referrals/sent/")
    assert page.page.get_by_text(ca("Closed")).count() >= 4
