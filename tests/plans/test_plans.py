"""Itineraries: templates per complexity prefill goals, actions and the review
frequency; reviews follow the latest complexity; stale edits are refused; worklist;
timeline; the API."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tests.plans.helpers import finalise
from xarxa.core.concurrency import StaleEdit
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.plans import selectors, services
from xarxa.plans.models import Action, Goal, Plan, Review
from xarxa.records.models import CaseStanding, TimelineEntry

pytestmark = pytest.mark.django_db

HIGH = ("housing", "finances", "mental_health", "social_network")


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 40))
def test_add_months_lands_in_the_right_month(day, months):
    later = services.add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day == day.day or later.day < day.day  # clipped at the month's end
    assert later >= day


def test_high_template_prefills_goals_actions_and_monthly_review(social_worker, case, person):
    finalise(social_worker.user, person, HIGH, level=1)
    standing = CaseStanding.objects.get(case=case)
    assert standing.level == "high"
    plan = services.plan_start(actor=social_worker.user, case=case, person_words="Vull un pis")
    today = timezone.localdate()
    assert plan.level == "high" and plan.template.code == "high"
    assert plan.next_review_due == services.add_months(today, 1)
    goals = {g.domain.code: g for g in plan.goals.select_related("domain")}
    assert set(goals) == set(HIGH)  # levels <= 3 get a goal in the high template
    assert all(g.baseline_level == 1 and g.target_level == 2 for g in goals.values())
    assert any("cas" in a.description.lower() for a in plan.actions.all())  # case conference
    assert CaseStanding.objects.get(case=case).review_due == plan.next_review_due
    assert TimelineEntry.objects.filter(person=person, kind="plan.agreed").count() == 1
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="plans.plan", person_id=str(person.pk)
    ).exists()
    with pytest.raises(ValidationError):
        services.plan_start(actor=social_worker.user, case=case)  # one active plan


def test_without_assessment_light_follow_up(social_worker, case):
    plan = services.plan_start(actor=social_worker.user, case=case)
    assert plan.level == "low" and plan.goals.count() == 0
    assert plan.next_review_due == services.add_months(timezone.localdate(), 6)


def test_review_follows_the_latest_complexity(social_worker, case, person):
    plan = services.plan_start(actor=social_worker.user, case=case)
    finalise(social_worker.user, person, ("housing", "finances"))  # medium
    plan.refresh_from_db()
    assert plan.level == "medium"
    assert plan.next_review_due == services.add_months(plan.agreed_on, 3)
    review = services.review_add(
        actor=social_worker.user, plan=plan, expected_version=plan.version,
        what_changed="Ha trobat feina a temps parcial",
    )  # fmt: skip
    assert review.next_review_due == services.add_months(timezone.localdate(), 3)
    assert TimelineEntry.objects.filter(kind="plan.review", object_id=str(review.pk)).exists()
    with pytest.raises(ValidationError):
        services.review_add(
            actor=social_worker.user, plan=plan, expected_version=plan.version, what_changed=" "
        )


def test_stale_edits_are_refused(social_worker, teammate, case):
    plan = services.plan_start(actor=social_worker.user, case=case)
    seen = plan.version
    services.plan_update(
        actor=teammate.user, plan=Plan.objects.get(pk=plan.pk), expected_version=seen,
        person_words="Tornar a estudiar",
    )  # fmt: skip
    with pytest.raises(StaleEdit):
        services.plan_update(
            actor=social_worker.user, plan=plan, expected_version=seen, person_words="Una altra"
        )
    assert Plan.objects.get(pk=plan.pk).person_words == "Tornar a estudiar"
    action = plan.actions.first()
    services.action_update(
        actor=teammate.user, action=action, expected_version=action.version, status="done"
    )
    with pytest.raises(StaleEdit):
        services.action_update(
            actor=social_worker.user, action=action, expected_version=1, status="cancelled"
        )
    assert Action.objects.get(pk=action.pk).status == "done"


def test_bad_input_changes_nothing(social_worker, case):
    plan = services.plan_start(actor=social_worker.user, case=case)
    before = (Goal.objects.count(), Action.objects.count(), Review.objects.count())
    for call in (
        lambda: services.goal_add(actor=social_worker.user, plan=plan, description=""),
        lambda: services.goal_add(
            actor=social_worker.user, plan=plan, description="x", target_level=9
        ),
        lambda: services.action_add(
            actor=social_worker.user, plan=plan, description="x", who="nobody"
        ),
        lambda: services.action_add(
            actor=social_worker.user,
            plan=plan,
            description="x",
            who="person",
            due_on=plan.agreed_on - timedelta(days=3),
        ),
        lambda: services.review_add(
            actor=social_worker.user,
            plan=plan,
            expected_version=plan.version,
            what_changed="x",
            on=timezone.localdate() + timedelta(days=2),
        ),
    ):
        with pytest.raises(ValidationError):
            call()
    assert (Goal.objects.count(), Action.objects.count(), Review.objects.count()) == before


def test_out_of_reach_writes_are_refused(social_worker, other_abss_worker, case):
    plan = services.plan_start(actor=social_worker.user, case=case)
    with pytest.raises(PermissionDenied):
        services.goal_add(actor=other_abss_worker.user, plan=plan, description="x")
    with pytest.raises(PermissionDenied):
        services.plan_start(actor=other_abss_worker.user, case=case)
    assert (
        AuditEvent.objects.filter(actor=other_abss_worker.user, action=AuditAction.DENIED).count()
        == 2
    )


def test_worklist_shows_overdue_reviews_and_actions(social_worker, case, person, client_for):
    plan = services.plan_start(actor=social_worker.user, case=case)
    old = timezone.localdate() - timedelta(days=400)
    Plan.objects.filter(pk=plan.pk).update(agreed_on=old, next_review_due=old)
    Action.objects.filter(plan=plan).update(due_on=old)
    work = selectors.worklist_for(social_worker.user)
    assert [p.pk for p in work.reviews] == [plan.pk] and work.reviews[0].overdue
    assert len(work.actions) == plan.actions.count() >= 1
    response = client_for(social_worker.user).get(reverse("plans:worklist"))
    assert response.status_code == 200 and case.number in response.content.decode()


def test_worklist_queries_do_not_grow(social_worker, person, client_for):
    from tests.factories import PersonFactory
    from xarxa.records import services as records

    def make():
        case = records.case_open(actor=social_worker.user, person=PersonFactory())
        plan = services.plan_start(actor=social_worker.user, case=case)
        past = timezone.localdate() - timedelta(days=200)
        Plan.objects.filter(pk=plan.pk).update(agreed_on=past, next_review_due=past)
        Action.objects.filter(plan=plan).update(due_on=past)

    client = client_for(social_worker.user)
    make()
    client.get(reverse("plans:worklist"))  # the session's first request does more
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("plans:worklist"))
    for _ in range(4):
        make()
    with CaptureQueriesContext(connection) as five:
        client.get(reverse("plans:worklist"))
    assert len(five) == len(one)


def test_plan_page_queries_do_not_grow(social_worker, case, client_for):
    plan = services.plan_start(actor=social_worker.user, case=case)
    client = client_for(social_worker.user)
    url = reverse("plans:detail", args=[plan.public_id])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for i in range(5):
        services.goal_add(actor=social_worker.user, plan=plan, description=f"Objectiu {i}")
        services.action_add(
            actor=social_worker.user, plan=plan, description=f"Acció {i}", who="professional"
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_pages_build_and_review_a_plan(social_worker, case, person, client_for):
    finalise(social_worker.user, person, ("housing", "finances"))
    client = client_for(social_worker.user)
    start = client.get(reverse("plans:case", args=[case.public_id]))
    assert start.status_code == 200 and "Acompanyament" in start.content.decode()
    created = client.post(
        reverse("plans:case", args=[case.public_id]),
        {"template": "medium", "person_words": "Poder pagar el lloguer"},
    )
    plan = Plan.objects.get()
    assert created["Location"] == reverse("plans:detail", args=[plan.public_id])
    assert plan.goals.count() == 2 and plan.person_words == "Poder pagar el lloguer"
    page = client.get(created["Location"]).content.decode()
    assert "Poder pagar el lloguer" in page
    client.post(
        reverse("plans:goal_add", args=[plan.public_id]),
        {"description": "Reduir deutes", "domain": "finances", "target_level": "3"},
    )
    assert plan.goals.filter(description="Reduir deutes", domain__code="finances").exists()
    client.post(
        reverse("plans:action_add", args=[plan.public_id]),
        {"description": "Sol·licitar l'ajut", "who": "person"},
    )
    action = plan.actions.get(description="Sol·licitar l'ajut")
    client.post(
        reverse("plans:action_update", args=[action.pk]),
        {"status": "done", "version": action.version},
    )
    action.refresh_from_db()
    assert action.status == "done"
    stale = client.post(
        reverse("plans:words", args=[plan.public_id]),
        {"person_words": "x", "version": plan.version + 5},
        follow=True,
    )
    assert any(m.level_tag == "error" for m in stale.context["messages"])
    plan.refresh_from_db()
    assert plan.person_words == "Poder pagar el lloguer"
    client.post(
        reverse("plans:review_add", args=[plan.public_id]),
        {"on": timezone.localdate().isoformat(), "what_changed": "Deutes renegociats",
         "version": plan.version},
    )  # fmt: skip
    assert plan.reviews.count() == 1
    timeline = client.get(reverse("records:timeline", args=[person.public_id])).content.decode()
    assert "intervenció revisat" in timeline


def test_api_plans(api_for, social_worker, other_abss_worker, case, person):
    finalise(social_worker.user, person, ("housing", "finances"))
    api = api_for(social_worker.user)
    assert {t["code"] for t in api.get("/api/v1/plans/templates").json()} == {
        "low", "medium", "high",
    }  # fmt: skip
    created = api.post(
        "/api/v1/plans", {"case": str(case.public_id), "person_words": "Feina"},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["level"] == "medium" and len(body["goals"]) == 2
    url = f"/api/v1/plans/{body['public_id']}"
    again = api.post("/api/v1/plans", {"case": str(case.public_id)}, "application/json")
    assert again.status_code == 422
    goal = api.post(f"{url}/goals", {"description": "Pis", "target_level": 3}, "application/json")
    assert goal.status_code == 201
    bad = api.post(f"{url}/goals", {"description": "X", "target_level": 7}, "application/json")
    assert bad.status_code == 422 and len(api.get(url).json()["goals"]) == 3
    action = api.post(f"{url}/actions", {"description": "Trucar", "who": "person"},
                      "application/json").json()["actions"][-1]  # fmt: skip
    done = api.patch(
        f"/api/v1/plans/actions/{action['id']}", {"version": action["version"], "status": "done"},
        "application/json",
    )  # fmt: skip
    assert done.status_code == 200
    stale = api.patch(
        f"/api/v1/plans/actions/{action['id']}",
        {"version": action["version"], "status": "pending"},
        "application/json",
    )
    assert stale.status_code == 409
    words = api.patch(url, {"version": body["version"], "person_words": "Feina i pis"},
                      "application/json")  # fmt: skip
    assert words.json()["person_words"] == "Feina i pis"
    review = api.post(
        f"{url}/reviews", {"version": words.json()["version"], "what_changed": "Millora"},
        "application/json",
    )  # fmt: skip
    assert review.status_code == 201 and len(review.json()["reviews"]) == 1
    assert api.get(f"/api/v1/plans/case/{case.public_id}").status_code == 200
    assert api.get("/api/v1/plans/worklist").status_code == 200
    outsider = api_for(other_abss_worker.user)
    assert outsider.get(url).status_code == 404
    assert (
        outsider.post(f"{url}/goals", {"description": "X"}, "application/json").status_code == 404
    )
    assert len(api.get(url).json()["goals"]) == 3


def test_action_status_through_htmx_returns_the_row(social_worker, case, client_for):
    plan = services.plan_start(actor=social_worker.user, case=case)
    action = plan.actions.first()
    client = client_for(social_worker.user)
    url = reverse("plans:action_update", args=[action.pk])
    row = client.post(url, {"status": "done", "version": action.version}, HTTP_HX_REQUEST="true")
    html = row.content.decode()
    assert row.status_code == 200 and html.startswith("<tr") and 'role="status"' in html
    assert Action.objects.get(pk=action.pk).status == "done"
    stale = client.post(url, {"status": "cancelled", "version": 1}, HTTP_HX_REQUEST="true")
    assert 'role="alert"' in stale.content.decode()
    assert Action.objects.get(pk=action.pk).status == "done"


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 1, 1)))
def test_default_frequencies_review_higher_complexity_sooner(day):
    due = {level: services.add_months(day, months) for level, months in
           services.DEFAULT_REVIEW_MONTHS.items()}  # fmt: skip
    assert due["high"] < due["medium"] < due["low"]


def test_templates_review_higher_complexity_sooner():
    months = {level: services.review_months_for(level) for level in ("low", "medium", "high")}
    assert months == {"low": 6, "medium": 3, "high": 1}
