"""Every referral route, persona by persona: sender side, receiving team, outsiders and
coordinators. Refused: 403, an audit row, and nothing changes."""

import pytest
from django.urls import reverse

from xarxa.core.models import AuditAction, AuditEvent
from xarxa.referrals.models import Message, Referral, Transition

pytestmark = pytest.mark.django_db

PERSONAS = [
    "social_worker", "teammate", "coordinator", "other_abss_worker", "siad", "facilitator",
    "dpo", "admin",
]  # fmt: skip
SENDERS = {"social_worker", "teammate", "coordinator"}  # the sending ABSS (Vic)
CASEWORK = SENDERS | {"other_abss_worker"}
RECEIVERS = CASEWORK | {"siad", "facilitator"}


def pages(referral):
    pid = referral.public_id
    return {
        reverse("referrals:inbox"): RECEIVERS,
        reverse("referrals:outbox"): CASEWORK,
        reverse("referrals:new", args=[referral.case.public_id]): SENDERS,
        reverse("referrals:detail", args=[pid]): SENDERS | {"siad"},
        # A restricted service: the sender's colleagues see that it exists, not where.
        reverse("referrals:fhir", args=[pid]): {"social_worker", "siad"},
        reverse("referrals:dashboard"): {"coordinator"},
        reverse("referrals:waiting_list", args=[referral.service.public_id]): {
            "siad",
            "coordinator",
        },
    }


def api_routes(referral):
    pid = referral.public_id
    return {
        f"/api/v1/referrals/{pid}": SENDERS | {"siad"},
        f"/api/v1/referrals/{pid}/messages": SENDERS | {"siad"},
        f"/api/v1/referrals/{pid}/fhir": {"social_worker", "siad"},
        f"/api/v1/referrals/waiting/{referral.service.public_id}": {"siad", "coordinator"},
        "/api/v1/referrals/inbox": RECEIVERS,
        "/api/v1/referrals/sent": CASEWORK,
        "/api/v1/referrals/notices": RECEIVERS,
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_by_persona(client_for, request, referral, coordinator, persona):
    user = request.getfixturevalue(persona).user
    client = client_for(user)
    for url, allowed in pages(referral).items():
        denied = AuditEvent.objects.filter(actor=user, action=AuditAction.DENIED).count()
        response = client.get(url)
        # refused: 403 for the role, 404 for a record outside the reach (as an unknown id)
        expected = (200,) if persona in allowed else (403, 404)
        assert response.status_code in expected, (persona, url, response.status_code)
        if expected != (200,):
            assert b"Fatima" not in response.content
            after = AuditEvent.objects.filter(actor=user, action=AuditAction.DENIED).count()
            assert after == denied + 1, (persona, url)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_api_route_by_persona(api_for, request, referral, coordinator, persona):
    client = api_for(request.getfixturevalue(persona).user)
    for url, allowed in api_routes(referral).items():
        response = client.get(url)
        if persona in allowed:
            assert response.status_code == 200, (persona, url, response.status_code)
        else:  # 401: this role has no API access at all
            assert response.status_code in (401, 403, 404), (persona, url, response.status_code)
            assert b"Fatima" not in response.content


@pytest.mark.parametrize("persona", ["other_abss_worker", "facilitator", "dpo", "admin"])
def test_refused_writes_change_nothing(client_for, request, referral, persona):
    client = client_for(request.getfixturevalue(persona).user)
    pid = referral.public_id
    before = (referral.state, Transition.objects.count(), Message.objects.count())
    posts = {
        reverse("referrals:move", args=[pid]): {"to": "received", "version": referral.version},
        reverse("referrals:message", args=[pid]): {"text": "Hola", "to_both": "on"},
        reverse("referrals:new", args=[referral.case.public_id]): {"service": referral.service_id},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code in (403, 404), (persona, url)
    referral.refresh_from_db()
    assert (referral.state, Transition.objects.count(), Message.objects.count()) == before
    assert Referral.objects.count() == 1
