"""Segmentation: open case files by complexity per ABSS, team and professional, without
a recent assessment, with reviews overdue; drill-down only where the user works."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory, abss
from tests.plans.helpers import finalise
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.plans import services as plans
from xarxa.plans.models import Plan
from xarxa.records import services as records
from xarxa.records.models import CaseStanding
from xarxa.screening import selectors
from xarxa.territory.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(social_worker, other_abss_worker):
    """Vic: one high, one medium (its plan's review overdue), one never assessed, one low
    assessed 14 months ago. Manlleu: one low."""
    made = {}
    for name, low in (
        ("high", ("housing", "finances", "justice", "addictions")),
        ("medium", ("housing", "finances")),
        ("none", None),
        ("old", ()),
    ):
        person = PersonFactory()
        made[name] = records.case_open(actor=social_worker.user, person=person)
        if low is not None:
            on = timezone.localdate() - timedelta(days=430) if name == "old" else None
            finalise(social_worker.user, person, low, level=1 if name == "high" else 2, on=on)
    plan = plans.plan_start(actor=social_worker.user, case=made["medium"])
    past = timezone.localdate() - timedelta(days=5)
    Plan.objects.filter(pk=plan.pk).update(next_review_due=past)
    CaseStanding.objects.filter(case=made["medium"]).update(review_due=past)
    person = PersonFactory(
        municipality=Municipality.objects.get(ine_code="08112"), abss=abss("ABSS-MAN")
    )
    made["manlleu"] = records.case_open(actor=other_abss_worker.user, person=person)
    finalise(other_abss_worker.user, person, ())
    return made


def test_figures_per_abss_team_and_professional(coordinator, cases, social_worker):
    seg = selectors.segmentation_for(coordinator.user)
    total = seg.total
    assert (total.high, total.medium, total.low, total.none) == (1, 1, 2, 1)
    assert total.stale == 2 and total.overdue == 1  # never assessed + 14 months old
    by_abss = {s.params["abss"]: s for s in seg.abss}
    vic = by_abss[cases["high"].abss_id]
    assert vic.total == 4 and vic.drill
    assert not by_abss[cases["manlleu"].abss_id].drill  # figures only outside one's ABSS
    assert [p.params["professional"] for p in seg.professionals] == [social_worker.user.pk]
    only_manlleu = selectors.segmentation_for(coordinator.user, abss_id=cases["manlleu"].abss_id)
    assert only_manlleu.total.total == 1 and not only_manlleu.professionals


def test_evaluator_sees_aggregates_only(evaluator, cases, client_for):
    seg = selectors.segmentation_for(evaluator.user)
    assert seg.total.total == 5 and not seg.professionals
    assert not any(s.drill for s in seg.abss + seg.teams)
    client = client_for(evaluator.user)
    assert client.get(reverse("screening:segmentation")).status_code == 200
    url = reverse("screening:segment_cases") + f"?abss={cases['high'].abss_id}"
    assert client.get(url).status_code == 403
    assert AuditEvent.objects.filter(actor=evaluator.user, action=AuditAction.DENIED).exists()


def test_drill_down_lists_only_reachable_cases(coordinator, cases, client_for):
    client = client_for(coordinator.user)
    vic = cases["high"].abss_id
    page = client.get(reverse("screening:segment_cases"), {"abss": vic, "level": "high"})
    assert page.status_code == 200
    assert [c.pk for c in page.context["page"]] == [cases["high"].pk]
    stale = client.get(reverse("screening:segment_cases"), {"abss": vic, "flag": "stale"})
    assert {c.pk for c in stale.context["page"]} == {cases["none"].pk, cases["old"].pk}
    overdue = client.get(reverse("screening:segment_cases"), {"abss": vic, "flag": "overdue"})
    assert [c.pk for c in overdue.context["page"]] == [cases["medium"].pk]
    none = client.get(reverse("screening:segment_cases"), {"abss": vic, "level": "none"})
    assert [c.pk for c in none.context["page"]] == [cases["none"].pk]
    other = client.get(reverse("screening:segment_cases"), {"abss": cases["manlleu"].abss_id})
    assert other.status_code == 403
    assert AuditEvent.objects.filter(
        actor=coordinator.user, action=AuditAction.LIST, object_type="records.casefile"
    ).exists()


def test_segmentation_queries_do_not_grow(coordinator, social_worker, cases, client_for):
    client = client_for(coordinator.user)
    url = reverse("screening:segmentation")
    list_url = reverse("screening:segment_cases") + f"?abss={cases['high'].abss_id}"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    with CaptureQueriesContext(connection) as listed_few:
        client.get(list_url)
    for _ in range(3):
        person = PersonFactory()
        records.case_open(actor=social_worker.user, person=person)
        finalise(social_worker.user, person, ("housing",))
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    with CaptureQueriesContext(connection) as listed_more:
        response = client.get(list_url)
    assert len(response.context["page"]) == 7
    assert len(more) == len(few)
    assert len(listed_more) == len(listed_few)


@pytest.mark.parametrize(
    "persona,page,drill",
    [("coordinator", 200, 200), ("evaluator", 200, 403), ("social_worker", 403, 403),
     ("other_abss_worker", 403, 403), ("siad", 403, 403), ("facilitator", 403, 403),
     ("dpo", 403, 403), ("admin", 403, 403)],
)  # fmt: skip
def test_routes_by_persona(request, client_for, api_for, cases, persona, page, drill):
    user = request.getfixturevalue(persona).user
    client = client_for(user)
    vic = cases["high"].abss_id
    before = AuditEvent.objects.filter(actor=user, action=AuditAction.DENIED).count()
    assert client.get(reverse("screening:segmentation")).status_code == page
    got = client.get(reverse("screening:segment_cases"), {"abss": vic})
    assert got.status_code == drill
    if drill == 403:
        assert cases["high"].number.encode() not in got.content
    denied = AuditEvent.objects.filter(actor=user, action=AuditAction.DENIED).count() - before
    assert denied == (page == 403) + (drill == 403)
    if user.has_perm("accounts.use_api"):
        api = api_for(user)
        assert api.get("/api/v1/assessments/segmentation").status_code == page
        cases_api = api.get("/api/v1/assessments/segmentation/cases", {"abss": vic})
        assert cases_api.status_code == drill
        if drill == 200:
            assert len(cases_api.json()) == 4


def test_standings_follow_the_case_files(social_worker, teammate, coordinator, cases):
    from xarxa.records.models import CaseFile
    from xarxa.records.standing import standings_refresh

    case = cases["high"]
    records.case_reassign(
        actor=coordinator.user, case=case, expected_version=case.version,
        reason="Canvi de referent", reference_professional=teammate.user,
    )  # fmt: skip
    assert CaseStanding.objects.get(case=case).reference_professional_id == teammate.user.pk
    seg = selectors.segmentation_for(coordinator.user)
    assert {p.params["professional"] for p in seg.professionals} == {
        social_worker.user.pk, teammate.user.pk,
    }  # fmt: skip
    closed = cases["none"]
    records.case_close(actor=social_worker.user, case=closed, reason="Objectius assolits")
    assert CaseStanding.objects.get(case=closed).status == "closed"
    assert selectors.segmentation_for(coordinator.user).total.total == 4
    # A copy gone wrong (or missing) is put right by the refresh.
    CaseStanding.objects.filter(case=case).update(status="closed", reference_professional=None)
    CaseStanding.objects.filter(case=cases["old"]).delete()
    assert standings_refresh(CaseFile, CaseStanding) == 1
    fixed = CaseStanding.objects.get(case=case)
    assert (fixed.status, fixed.reference_professional_id) == ("open", teammate.user.pk)
    assert fixed.level == "high"  # the complexity is kept
    assert selectors.segmentation_for(coordinator.user).total.total == 4
