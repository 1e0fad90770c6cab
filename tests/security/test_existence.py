"""An id tells nothing about whether a record exists: a record outside the user's reach
answers exactly as one that does not exist (404, the same page, the same problem
document), page and API, while the attempt on the existing one is still written to the
audit log as DENIED (so the person's access log shows it)."""

import re
import uuid

import pytest
from django.utils import timezone

from tests.community.conftest import entity, other_facilitator, point, registered
from tests.plans.helpers import finalise
from tests.referrals.conftest import referral, service
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.people.services import household_create_with
from xarxa.plans import services as plan_services

# fixtures used here
__all__ = ["entity", "other_facilitator", "point", "referral", "registered", "service"]

MISSING = uuid.UUID("7f1c7f36-0c6c-4f5e-9d6a-2b6f1c0f4e11")
# What differs between any two renderings: the form token, the session's remaining seconds.
VOLATILE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|data-session-[a-z]+="\d+"')


def _same(client, page_a: str, page_b: str) -> tuple[int, object]:
    a, b = client.get(page_a), client.get(page_b)
    assert a.status_code == b.status_code == 404, (a.status_code, b.status_code)
    if a["Content-Type"].startswith("application/"):
        assert a.json() == b.json()
        return a.status_code, a.json()
    body_a, body_b = (VOLATILE.sub("", r.content.decode()) for r in (a, b))
    assert body_a.replace(page_a, "") == body_b.replace(page_b, "")
    return a.status_code, body_a


def _denied(obj_type: str, user) -> bool:
    return AuditEvent.objects.filter(
        actor=user, action=AuditAction.DENIED, object_type__startswith=obj_type
    ).exists()


def _check(client_for, api_for, user, pairs, obj_type):
    """``pairs``: (path of the existing record, path of the missing one), pages and API."""
    web, api = client_for(user), api_for(user)
    for existing, missing in pairs:
        _same(api if existing.startswith("/api/") else web, existing, missing)
    assert _denied(obj_type, user), "the attempt on the existing record is audited"


def _both(template: str, public_id) -> tuple[str, str]:
    return template.format(public_id), template.format(MISSING)


def test_person(other_abss_worker, person, client_for, api_for):
    pairs = [
        _both("/persons/{}/", person.public_id),
        _both("/api/v1/persons/{}", person.public_id),
        _both("/api/v1/persons/{}/households", person.public_id),
        _both("/cases/person/{}/timeline/", person.public_id),
    ]
    _check(client_for, api_for, other_abss_worker.user, pairs, "people.person")
    denied = AuditEvent.objects.filter(action=AuditAction.DENIED, person_id=str(person.pk))
    assert denied.exists(), "the person's access log shows the attempt"


def test_case_file(other_abss_worker, case, client_for, api_for):
    pairs = [
        _both("/cases/{}/", case.public_id),
        _both("/api/v1/cases/{}", case.public_id),
        _both("/api/v1/cases/{}/interventions", case.public_id),
    ]
    _check(client_for, api_for, other_abss_worker.user, pairs, "records.casefile")


def test_referral(other_abss_worker, referral, client_for, api_for):
    pairs = [
        _both("/referrals/{}/", referral.public_id),
        _both("/api/v1/referrals/{}", referral.public_id),
    ]
    _check(client_for, api_for, other_abss_worker.user, pairs, "referrals.referral")
    assert AuditEvent.objects.filter(
        action=AuditAction.DENIED, person_id=str(referral.person_id)
    ).exists()


def test_plan(other_abss_worker, social_worker, case, client_for, api_for):
    plan = plan_services.plan_start(actor=social_worker.user, case=case, person_words="Feina")
    pairs = [
        _both("/plans/{}/", plan.public_id),
        _both("/api/v1/plans/{}", plan.public_id),
        _both("/plans/case/{}/", case.public_id),
        _both("/api/v1/plans/case/{}", case.public_id),
    ]
    _check(client_for, api_for, other_abss_worker.user, pairs, "records.casefile")


def test_assessment(other_abss_worker, social_worker, person, client_for, api_for):
    assessment = finalise(social_worker.user, person)
    pairs = [
        _both("/assessments/{}/", assessment.public_id),
        _both("/api/v1/assessments/{}", assessment.public_id),
    ]
    _check(client_for, api_for, other_abss_worker.user, pairs, "screening.assessment")


def test_household(other_abss_worker, social_worker, person, client_for, api_for):
    household = household_create_with(
        actor=social_worker.user,
        person=person,
        address="Carrer Major 1",
        municipality=None,
        relationship="reference",
        on=timezone.localdate(),
    )
    pairs = [
        _both("/persons/households/{}/", household.public_id),
        _both("/api/v1/persons/households/{}", household.public_id),
    ]
    _check(client_for, api_for, other_abss_worker.user, pairs, "people.household")


def test_community_participant(other_facilitator, registered, client_for, api_for):
    pairs = [
        _both("/community/participants/{}/", registered.public_id),
        _both("/api/v1/community/participants/{}", registered.public_id),
    ]
    _check(client_for, api_for, other_facilitator.user, pairs, "community.")


@pytest.mark.parametrize("lang", ["ca", "es"])
def test_the_page_says_it_neutrally(other_abss_worker, person, client_for, lang):
    client = client_for(other_abss_worker.user)
    response = client.get(f"/persons/{person.public_id}/", HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 404
    assert b"reach" not in response.content  # translated, not the English source
