"""Restriction of processing (GDPR art. 18) blocks every write and every share of the
person's data, not only identity edits: notes, attachments-bearing notes, assessments,
plans, referrals and consents, page and API alike. Only storage and the DPO remain."""

import pytest
from django.core.exceptions import ValidationError
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


def test_no_referral_and_the_partner_link_shares_nothing(
    client, client_for, social_worker, case, dpo
):
    from tests.referrals.conftest import CONSENTED
    from xarxa.catalogue.models import Service
    from xarxa.organisations.models import Organisation
    from xarxa.referrals import services as referrals

    person = case.participants.get().person
    partner = Service.objects.create(
        code="entitat-acollida",
        organisation=Organisation.objects.get(code="coss"),
        kind="community",
        texts={"ca": {"name": "Entitat d'acollida"}},
        email="acollida@example.org",
    )
    referral = referrals.referral_create(
        actor=social_worker.user,
        case=case,
        person=person,
        service=partner,
        data=CONSENTED,
        send=True,
    )
    page = client_for(social_worker.user).get(
        reverse("referrals:detail", args=[referral.public_id])
    )
    path = page.context["partner_link"].split("testserver")[-1]
    assert client.get(path).status_code == 200
    people.person_restrict(actor=dpo.user, person=person, reason="Petició de la persona")
    assert client.get(path).status_code == 410  # the third party sees nothing more
    with pytest.raises(ValidationError):
        referrals.referral_create(
            actor=social_worker.user,
            case=case,
            person=person,
            service=partner,
            data=CONSENTED,
            send=True,
        )
    from xarxa.referrals.models import Referral

    assert Referral.objects.count() == 1
