"""Demo assessments and plans: realistic levels, classifications, standings, plans for
the cases that need them, some overdue reviews; deterministic for a seed."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from xarxa.plans.models import Plan
from xarxa.records.models import CaseStanding
from xarxa.screening.complexity import classify
from xarxa.screening.models import Assessment, Classification, Score

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Assessment.objects.order_by("id").values_list("id", "case_id", "assessed_on")),
        list(Score.objects.order_by("assessment_id", "domain_id").values_list("level")),
        list(Plan.objects.order_by("case_id").values_list("case_id", "next_review_due")),
    )


def test_demo_assessments_and_plans():
    call_command("demo", "--persons", "3000", "--seed", "5")
    levels = Counter(Score.objects.filter(level__isnull=False).values_list("level", flat=True))
    total = sum(levels.values())
    assert (levels[3] + levels[4] + levels[5]) / total > 0.75  # most domains at 3-5
    assert 0.03 < (levels[1] + levels[2]) / total < 0.25
    standings = Counter(CaseStanding.objects.values_list("level", flat=True))
    assert standings["low"] > standings["medium"] > 0 and standings["high"] > 0
    assessment = Assessment.objects.order_by("id").first()
    by_code = {s.domain.code: s.level for s in assessment.scores.select_related("domain")}
    classification = Classification.objects.get(assessment=assessment)
    assert classify(by_code, classification.rule.definition) == classification.level
    planned = set(Plan.objects.values_list("case_id", flat=True))
    needing = set(
        CaseStanding.objects.filter(level__in=["high", "medium"]).values_list("case_id", flat=True)
    )
    assert needing <= planned
    today = timezone.localdate()
    overdue = Plan.objects.filter(next_review_due__lt=today).count()
    assert 0 < overdue < len(planned) / 2
    assert CaseStanding.objects.filter(review_due__lt=today).count() == overdue


def test_demo_screening_is_deterministic():
    from tests.demo.test_demo_people import wipe_people

    call_command("demo", "--persons", "600", "--seed", "7")
    first = snapshot()
    assert first[0]
    wipe_people()
    call_command("demo", "--persons", "600", "--seed", "7")
    assert snapshot() == first
