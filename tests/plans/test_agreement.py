"""The page and the API agree: the same service refuses an unknown reference with the
same message, and nothing changes. The review dates follow a new complexity in one bulk
update. A finalised assessment leads to the case's plan; the case file shows its
complexity."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.plans.helpers import finalise
from xarxa.plans import services
from xarxa.plans.models import Action, Goal, Plan
from xarxa.records import services as records

pytestmark = pytest.mark.django_db

CATALAN = {"accept-language": "ca"}
UNKNOWN_REFERRAL = "0f0f0f0f-0000-4000-8000-000000000000"


def _page_errors(response) -> list[str]:
    return [str(m) for m in response.context["messages"] if m.level_tag == "error"]


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("goal", 999999, "Trieu un objectiu d'aquest pla."),
        ("referral", UNKNOWN_REFERRAL, "Trieu una derivació d'aquest expedient."),
    ],
)
def test_an_unknown_goal_or_referral_is_refused_alike(
    social_worker, case, client_for, api_for, field, value, message
):
    plan = services.plan_start(actor=social_worker.user, case=case)
    before = Action.objects.count()
    action = {"description": "Trucar al servei", "who": "service", field: value}

    page = client_for(social_worker.user).post(
        reverse("plans:action_add", args=[plan.public_id]), action, follow=True, headers=CATALAN
    )
    assert page.status_code == 200
    assert _page_errors(page) == [message]  # was dropped silently, the action saved
    api = api_for(social_worker.user).post(
        f"/api/v1/plans/{plan.public_id}/actions", action, "application/json", headers=CATALAN
    )
    assert api.status_code == 422
    assert [(e["loc"], e["msg"]) for e in api.json()["errors"]] == [(["body", field], message)]
    assert Action.objects.count() == before


def test_an_unknown_domain_is_refused_alike(social_worker, case, client_for, api_for):
    plan = services.plan_start(actor=social_worker.user, case=case)
    goal = {"description": "Pis", "domain": "no-such-domain"}
    page = client_for(social_worker.user).post(
        reverse("plans:goal_add", args=[plan.public_id]), goal, follow=True, headers=CATALAN
    )
    api = api_for(social_worker.user).post(
        f"/api/v1/plans/{plan.public_id}/goals", goal, "application/json", headers=CATALAN
    )
    assert api.status_code == 422
    assert _page_errors(page) == [e["msg"] for e in api.json()["errors"]]
    assert not Goal.objects.filter(plan=plan).exists()


def test_a_known_referral_and_goal_are_linked(social_worker, case, client_for):
    plan = services.plan_start(actor=social_worker.user, case=case)
    goal = services.goal_add(actor=social_worker.user, plan=plan, description="Feina")
    client_for(social_worker.user).post(
        reverse("plans:action_add", args=[plan.public_id]),
        {"description": "Preparar el CV", "who": "person", "goal": goal.pk},
    )
    assert Action.objects.get(description="Preparar el CV").goal == goal


def test_review_dates_follow_a_complexity_in_one_bulk_update(social_worker, person):
    cases = [records.case_open(actor=social_worker.user, person=person) for _ in range(3)]
    for case in cases:
        services.plan_start(actor=social_worker.user, case=case)
    with CaptureQueriesContext(connection) as queries:
        finalise(social_worker.user, person, ("housing", "finances"))  # medium
    updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "plans_plan"')]
    assert len(updates) == 1
    plans = Plan.objects.filter(case__in=cases)
    assert {p.level for p in plans} == {"medium"}
    assert all(p.next_review_due == services.add_months(p.agreed_on, 3) for p in plans)
    assert all(p.version == 1 for p in plans)  # not a user edit


def test_a_finalised_assessment_leads_to_the_plan_and_the_case_shows_it(
    social_worker, case, person, client_for
):
    assessment = finalise(social_worker.user, person, ("housing", "finances"))
    client = client_for(social_worker.user)
    page = client.get(reverse("screening:assessment", args=[assessment.public_id]))
    assert reverse("plans:case", args=[case.public_id]) in page.content.decode()
    case_page = client.get(
        reverse("records:case_detail", args=[case.public_id]), headers={"accept-language": "en"}
    ).content.decode()
    assert "Complexity" in case_page and "Medium" in case_page
