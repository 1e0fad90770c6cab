"""A facilitator asks the social services of an area to see a participant, with
consent; that area's social workers see and answer it, nobody else."""

import pytest
from django.urls import reverse

from tests.factories import abss
from xarxa.community.models import HelpRequest
from xarxa.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def test_ask_and_answer(client_for, facilitator, social_worker, other_abss_worker, registered):
    client = client_for(facilitator.user)
    url = reverse("community:participant_record", args=[registered.public_id, "help"])
    data = {"help-abss": abss("ABSS-VIC").pk, "help-reason": "No pot pagar el lloguer.",
            "help-consent_method": "verbal"}  # fmt: skip
    refused = client.post(url, data)  # no consent
    assert refused.status_code == 400 and not HelpRequest.objects.exists()
    assert client.post(url, {**data, "help-consent": "on"}).status_code == 302
    request = HelpRequest.objects.get()
    worker = client_for(social_worker.user)
    inbox = worker.get(reverse("community:help_requests")).content.decode()
    assert "Fatima Benali" in inbox
    detail = reverse("community:help_request", args=[request.public_id])
    assert worker.get(detail).status_code == 200
    request.refresh_from_db()
    assert request.state == "seen"
    assert AuditEvent.objects.filter(
        actor=social_worker.user, action=AuditAction.READ, object_type="community.helprequest"
    ).exists()
    other = client_for(other_abss_worker.user)
    assert "Fatima Benali" not in other.get(reverse("community:help_requests")).content.decode()
    assert other.get(detail).status_code == 404  # out of reach: as an unknown id
    assert other.post(detail, {"answer": "no"}).status_code == 404
    assert worker.post(detail, {"answer": ""}).status_code == 400
    assert worker.post(detail, {"answer": "La truquem dilluns."}).status_code == 302
    request.refresh_from_db()
    assert (request.state, request.answered_by) == ("answered", social_worker.user)
    assert (
        "La truquem dilluns."
        in client.get(
            reverse("community:participant", args=[registered.public_id])
        ).content.decode()
    )


def test_only_social_services_see_requests(client_for, facilitator, dpo, admin):
    for persona in (facilitator, dpo, admin):
        assert client_for(persona.user).get(reverse("community:help_requests")).status_code == 403
