"""A referral in a real browser: the social worker refers from the case file, the SIAD
receives it in its inbox and answers. Every page is checked with axe."""

import pytest

from tests.browser.steps import ca, refer_from_case
from tests.referrals.conftest import make_service
from xarxa.catalogue.models import Service
from xarxa.referrals.models import Referral

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_refer_then_receive_and_accept(page, sign_in_as, social_worker, siad, case):
    service = make_service()
    sign_in_as(social_worker)
    refer_from_case(
        page, case, reason="Situació de violència al domicili.", request="Acompanyament psicològic."
    )
    referral = Referral.objects.get()
    assert referral.state == "sent"
    page.visit("/referrals/sent/")

    page.page.context.clear_cookies()
    sign_in_as(siad)
    page.visit("/referrals/inbox/")
    page.page.get_by_role("table").get_by_role("link", name="SIAD d'Osona").click()
    page.page.wait_for_url(f"**/referrals/{referral.public_id}/")
    page.check()
    with page.page.expect_navigation():
        page.page.get_by_role("button", name=ca("Mark as received")).click()
    with page.page.expect_navigation():
        page.page.get_by_role("button", name=ca("Accept")).click()
    page.check()
    referral.refresh_from_db()
    assert referral.state == "accepted"
    page.visit(f"/referrals/waiting/{service.public_id}/")  # waiting for a place
    with page.page.expect_navigation():
        page.page.get_by_role("button", name=ca("Assign a place")).click()
    referral.refresh_from_db()
    assert referral.state == "in_progress"


def test_coordinator_figures_page(page, sign_in_as, social_worker, coordinator, siad, case):
    from tests.referrals.conftest import CONSENTED
    from xarxa.referrals import services

    services.referral_create(
        actor=social_worker.user, case=case, person=case.person, service=make_service(),
        data=CONSENTED, send=True,
    )  # fmt: skip
    sign_in_as(coordinator)
    page.visit("/referrals/figures/")
    page.visit("/referrals/figures/?date_from=2020-01-01&abss=")
    page.visit("/referrals/inbox/")


def test_partner_link_pages_are_accessible(page, social_worker, case):
    from tests.referrals.conftest import CONSENTED
    from xarxa.organisations.models import Organisation
    from xarxa.referrals import services

    partner = Service.objects.create(
        code="entitat", organisation=Organisation.objects.get(code="coss"), kind="community",
        texts={"ca": {"name": "Entitat d'acollida"}}, email="entitat@example.org",
    )  # fmt: skip
    referral = services.referral_create(
        actor=social_worker.user, case=case, person=case.person, service=partner,
        data=CONSENTED, send=True,
    )  # fmt: skip
    path = f"/referrals/answer/{services.partner_link_token(referral)}/"
    page.visit(path)
    page.page.check("input[value=accept]")
    with page.page.expect_navigation():
        page.page.get_by_role("button", name=ca("Send the answer")).click()
    page.check()
    page.visit(path, expect_status=410)


def test_a_transition_with_plan_goals_from_the_form(page, sign_in_as, social_worker, siad, case):
    from xarxa.plans import services as plans

    service = make_service()
    Service.objects.create(
        code="sis", organisation=service.organisation, kind="children_families",
        texts={"ca": {"name": "SIS d'Osona"}},
    )  # fmt: skip
    plan = plans.plan_start(actor=social_worker.user, case=case, person=case.person)
    plans.goal_add(actor=social_worker.user, plan=plan, description="Trobar feina")
    sign_in_as(social_worker)
    page.visit(f"/referrals/from/{case.public_id}/")  # axe: the goals' fieldset too
    page.page.get_by_label("Trobar feina").check()
    page.page.locator("#id_transition_from").select_option(label="SIS d'Osona")
    refer_from_case(page, case, reason="Fa 18 anys.", request="Continuïtat.", visit=False)
    referral = Referral.objects.get()
    assert [g["description"] for g in referral.goals] == ["Trobar feina"]
    assert referral.transition_from is not None
