"""Every plan route, persona by persona: the ABSS that holds the case, outsiders,
specialised services without a referral. Refused: 403, an audit row, nothing changes."""

import pytest
from django.urls import reverse
from django.utils import timezone

from xarxa.core.models import AuditAction, AuditEvent
from xarxa.plans import services
from xarxa.plans.models import Action, Goal, Plan, Review

pytestmark = pytest.mark.django_db

PERSONAS = [
    "social_worker", "teammate", "coordinator", "other_abss_worker", "siad", "facilitator",
    "dpo", "admin", "evaluator",
]  # fmt: skip
HOLDERS = {"social_worker", "teammate", "coordinator"}  # staff of the case's ABSS
PLAN_READERS = HOLDERS | {"other_abss_worker", "siad"}  # hold plans.view somewhere


@pytest.fixture
def plan(social_worker, case):
    return services.plan_start(actor=social_worker.user, case=case, person_words="Feina")


def pages(plan):
    return {
        reverse("plans:case", args=[plan.case.public_id]): HOLDERS,
        reverse("plans:detail", args=[plan.public_id]): HOLDERS,
        reverse("plans:worklist"): PLAN_READERS,
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_by_persona(client_for, request, plan, coordinator, persona):
    user = request.getfixturevalue(persona).user
    client = client_for(user)
    for url, allowed in pages(plan).items():
        denied = AuditEvent.objects.filter(actor=user, action=AuditAction.DENIED).count()
        response = client.get(url)
        # refused: 403 for the role, 404 for a case outside the reach (as an unknown id)
        expected = (200,) if persona in allowed else (403, 404)
        assert response.status_code in expected, (persona, url, response.status_code)
        if expected != (200,):
            assert b"Feina" not in response.content
            after = AuditEvent.objects.filter(actor=user, action=AuditAction.DENIED).count()
            assert after >= denied + 1, (persona, url)


def _posts(plan):
    goal, action = plan.goals.first(), plan.actions.first()
    today = timezone.localdate().isoformat()
    posts = {
        reverse("plans:words", args=[plan.public_id]): {"person_words": "X", "version": 1},
        reverse("plans:goal_add", args=[plan.public_id]): {"description": "X"},
        reverse("plans:action_add", args=[plan.public_id]): {"description": "X", "who": "person"},
        reverse("plans:action_update", args=[action.pk]): {"status": "done", "version": 1},
        reverse("plans:review_add", args=[plan.public_id]): {
            "on": today, "what_changed": "X", "version": plan.version,
        },
        reverse("plans:close", args=[plan.public_id]): {"version": plan.version},
        reverse("plans:case", args=[plan.case.public_id]): {"template": "low"},
    }  # fmt: skip
    if goal is not None:
        posts[reverse("plans:goal_update", args=[goal.pk])] = {"status": "done", "version": 1}
    return posts


def _state(plan):
    plan.refresh_from_db()
    return (
        plan.person_words, plan.status, plan.version, Goal.objects.count(),
        Action.objects.filter(status="done").count(), Action.objects.count(),
        Review.objects.count(), Plan.objects.count(),
    )  # fmt: skip


@pytest.mark.parametrize(
    "persona", ["other_abss_worker", "siad", "facilitator", "dpo", "admin", "evaluator"]
)
def test_refused_writes_change_nothing(client_for, request, plan, persona):
    user = request.getfixturevalue(persona).user
    client = client_for(user)
    before = _state(plan)
    for url, data in _posts(plan).items():
        denied = AuditEvent.objects.filter(actor=user, action=AuditAction.DENIED).count()
        assert client.post(url, data).status_code in (403, 404), (persona, url)
        after = AuditEvent.objects.filter(actor=user, action=AuditAction.DENIED).count()
        assert after >= denied + 1, (persona, url)
    assert _state(plan) == before


@pytest.mark.parametrize(
    "persona", ["other_abss_worker", "siad", "facilitator", "dpo", "admin", "evaluator"]
)
def test_refused_api_changes_nothing(api_for, request, plan, persona):
    user = request.getfixturevalue(persona).user
    refused = 403 if user.has_perm("accounts.use_api") else 401  # 401: no API for the role
    api = api_for(user)
    before = _state(plan)
    url = f"/api/v1/plans/{plan.public_id}"
    action = plan.actions.first()
    calls = [
        api.get(url),
        api.get(f"/api/v1/plans/case/{plan.case.public_id}"),
        api.patch(url, {"version": 1, "person_words": "X"}, "application/json"),
        api.post(f"{url}/goals", {"description": "X"}, "application/json"),
        api.post(f"{url}/actions", {"description": "X", "who": "person"}, "application/json"),
        api.patch(
            f"/api/v1/plans/actions/{action.pk}",
            {"version": 1, "status": "done"},
            "application/json",
        ),
        api.post(f"{url}/reviews", {"version": 1, "what_changed": "X"}, "application/json"),
        api.post("/api/v1/plans", {"case": str(plan.case.public_id)}, "application/json"),
    ]
    assert {c.status_code for c in calls} <= {refused, 404}, persona  # 404: out of reach
    assert _state(plan) == before


def test_holders_may_write_through_the_api(api_for, teammate, coordinator, plan):
    for persona in (teammate, coordinator):
        api = api_for(persona.user)
        body = api.get(f"/api/v1/plans/{plan.public_id}").json()
        changed = api.patch(
            f"/api/v1/plans/{plan.public_id}",
            {"version": body["version"], "person_words": persona.username},
            "application/json",
        )
        assert changed.status_code == 200 and changed.json()["person_words"] == persona.username


def test_a_service_the_case_was_referred_to_reads_but_does_not_change(client_for, siad, plan):
    from xarxa.records.models import CaseAccess

    team_id = siad.user.assignments.get().team_id
    CaseAccess.objects.create(case=plan.case, team_id=team_id, reason="Derivació oberta")
    client = client_for(siad.user)
    assert client.get(reverse("plans:detail", args=[plan.public_id])).status_code == 200
    before = _state(plan)
    url = reverse("plans:goal_add", args=[plan.public_id])
    assert client.post(url, {"description": "X"}).status_code == 403
    assert _state(plan) == before
