# ruff: noqa: F811 - the community fixtures are imported, then requested by name
"""The Òmnia pages in a real browser, each checked with axe: a facilitator's day, the
attendance sheet on a 360 px phone with the keyboard (tick, walk-in), the participant's
path; the technical office's figures."""

import datetime

import pytest

from tests.community.conftest import (  # noqa: F401 - fixtures
    activity,
    entity,
    point,
    registered,
    session,
    technical_office,
)
from xarxa.community import services
from xarxa.community.models import Attendance

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_facilitator_pages(page, sign_in_as, facilitator, point, activity, session, registered):
    services.enrolment_add(actor=facilitator.user, activity=activity, participant=registered)
    sign_in_as(facilitator)
    page.visit("/community/")
    page.visit(f"/community/points/{point.public_id}/")
    page.visit(f"/community/points/{point.public_id}/edit/")
    page.visit(f"/community/points/{point.public_id}/equipment/")
    page.visit("/community/needs/")
    project = services.project_create(
        actor=facilitator.user, point=point, title="Connectem", goals="Que ningú estigui sol.",
        starts_on=activity.starts_on, partners="Escola",
    )  # fmt: skip
    services.project_link_activity(actor=facilitator.user, project=project, activity=activity)
    page.visit(f"/community/points/{point.public_id}/projects/")
    page.visit(f"/community/projects/{project.public_id}/")
    page.visit(f"/community/points/{point.public_id}/activities/new/")
    with page.page.expect_navigation():
        page.page.locator("main form button[type=submit]").click()  # empty: errors shown
    page.check()
    page.visit(f"/community/points/{point.public_id}/participants/")
    page.visit(f"/community/activities/{activity.public_id}/")
    page.visit("/community/today/")
    page.visit(f"/community/participants/{registered.public_id}/")
    page.visit("/community/figures/")
    page.visit("/community/library/")
    page.visit("/community/news/")
    page.visit("/community/training/")


def test_attendance_on_a_phone_with_the_keyboard(
    page, sign_in_as, facilitator, activity, session, registered
):
    services.enrolment_add(actor=facilitator.user, activity=activity, participant=registered)
    page.page.set_viewport_size({"width": 360, "height": 740})
    sign_in_as(facilitator)
    page.visit(f"/community/sessions/{session.public_id}/")
    width = page.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the sheet scrolls sideways: {width}px"
    tick = page.page.locator(f"#row-{registered.public_id} button")
    tick.focus()
    page.page.keyboard.press("Enter")
    page.page.wait_for_selector(f"#row-{registered.public_id} button[aria-pressed=true]")
    assert Attendance.objects.filter(participant=registered).exists()
    page.check()
    page.page.select_option("#id_gender", "woman")
    page.page.select_option("#id_age_band", "65")
    page.page.select_option("#id_situation", "retired")
    with page.page.expect_navigation():
        page.page.locator(".sheet-walk-in button[type=submit]").press("Enter")
    page.check()
    assert Attendance.objects.filter(session=session).count() == 2
    assert page.page.locator(".sheet-tick[aria-pressed=true]").count() == 2
    width = page.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the sheet scrolls sideways: {width}px"


def test_technical_office_figures(page, sign_in_as, technical_office, point, session, facilitator):
    for _ in range(6):
        services.walk_in_add(
            actor=facilitator.user,
            session=session,
            gender="woman",
            age_band="65",
            situation="retired",
        )
    from xarxa.territory.models import Municipality

    point.kind = "mobile"
    point.save()
    montesquiu = Municipality.objects.get(ine_code="08131")
    services.stop_add(
        actor=technical_office.user, point=point, municipality=montesquiu,
        place="Casal", weekday=1, starts_at=datetime.time(10), ends_at=datetime.time(13),
    )  # fmt: skip
    sign_in_as(technical_office)
    page.visit(f"/community/points/{point.public_id}/")
    page.visit("/community/figures/")
    page.visit("/community/figures/?rows=situation&cols=age_band")
    page.visit("/community/news/")
    page.visit("/community/needs/")
    page.visit("/community/training/")
    page.visit("/community/training/facilitators/")
    page.visit("/community/")


def test_social_services_answer_a_request(page, sign_in_as, facilitator, social_worker, registered):
    from tests.factories import abss

    request = services.help_request_send(
        actor=facilitator.user, participant=registered, abss=abss("ABSS-VIC"),
        reason="Necessita ajuda amb el lloguer.", consent=True, consent_method="verbal",
    )  # fmt: skip
    sign_in_as(social_worker)
    page.visit("/community/help/")
    page.visit(f"/community/help/{request.public_id}/")
