"""Restriction of processing (GDPR art. 18) blocks every write and every share of the
person's data, not only identity edits: notes, attachments-bearing notes, assessments,
plans, referrals and consents, page and API alike. Only storage and the DPO remain."""

import pytest
from django.urls import reverse
from django.utils import timezone

from xarxa.people import services as people
from xarxa.records.models import CaseFile

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def restricted_case(case, dpo):
    person = case.participants.get().person
    people.person_restrict(actor=dpo.user, person=person, reason="Petició de la persona")
    return case


def test_no_note_on_a_restricted_persons_case(api_for, client_for, social_worker, restricted_case):
    case = restricted_case
    api = api_for(social_worker.user).post(
        f"/api/v1/cases/{case.public_id}/interventions",
        {"summary": "Visita a domicili"},
        content_type=JSON,
    )
    assert api.status_code == 422
    assert api.json()["errors"]
    page = client_for(social_worker.user).post(
        reverse("records:intervention_add", args=[case.public_id]),
        {
            "kind": "interview",
            "summary": "Visita a domicili",
            "occurred_on": timezone.localdate().isoformat(),
            "duration_minutes": 30,
            "confidentiality": "team",
        },
    )
    assert page.status_code in (200, 302)
    assert not case.interventions.exists()


def test_no_consent_no_case_no_assessment(api_for, social_worker, restricted_case):
    person = restricted_case.participants.get().person
    api = api_for(social_worker.user)
    consent = api.post(
        f"/api/v1/persons/{person.public_id}/consents",
        {
            "purpose": "share_health",
            "given_on": timezone.localdate().isoformat(),
            "method": "verbal",
        },
        content_type=JSON,
    )
    assert consent.status_code == 422
    opened = api.post("/api/v1/cases", {"person": str(person.public_id)}, content_type=JSON)
    assert opened.status_code == 422
    assert CaseFile.objects.count() == 1
    assert not person.consents.exists()


def test_no_assessment_and_no_plan(api_for, social_worker, restricted_case):
    person = restricted_case.participants.get().person
    api = api_for(social_worker.user)
    assessment = api.post(
        "/api/v1/assessments", {"person": str(person.public_id)}, content_type=JSON
    )
    assert assessment.status_code == 422
    plan = api.post("/api/v1/plans", {"case": str(restricted_case.public_id)}, content_type=JSON)
    assert plan.status_code == 422
    from xarxa.plans.models import Plan
    from xarxa.screening.models import Assessment

    assert not Assessment.objects.exists() and not Plan.objects.exists()


def test_lifting_the_restriction_opens_writes_again(api_for, social_worker, dpo, restricted_case):
    person = restricted_case.participants.get().person
    people.person_restrict(
        actor=dpo.user, person=person, reason="Restricció aixecada", restricted=False
    )
    api = api_for(social_worker.user).post(
        f"/api/v1/cases/{restricted_case.public_id}/interventions",
        {"summary": "Visita a domicili"},
        content_type=JSON,
    )
    assert api.status_code == 201
