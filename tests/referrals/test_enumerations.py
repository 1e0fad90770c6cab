"""Enumerated fields take only their listed values through the API (issue 12, item 13): an
invented legal basis or refusal reason is a 422 that changes nothing, so it can never
reach the figures, which stay readable."""

import pytest
from django.urls import reverse

from xarxa.referrals.models import Referral
from xarxa.referrals.states import State

pytestmark = pytest.mark.django_db


def _body(case, person, service, **extra):
    return {
        "case": str(case.public_id), "person": str(person.public_id),
        "service": str(service.public_id), "reason": "Violència", "request": "Suport",
        "shared": ["identity"], **extra,
    }  # fmt: skip


@pytest.mark.parametrize(
    "invented",
    [
        {"consent_given": False, "legal_basis": "because_i_say_so", "legal_basis_note": "x" * 40},
        {"consent_given": True, "consent_by": "La persona", "consent_method": "telepathy"},
        {"consent_given": True, "consent_by": "La persona", "consent_method": "verbal",
         "urgency": "yesterday"},
        {"consent_given": True, "consent_by": "La persona", "consent_method": "verbal",
         "shared": ["everything"]},
    ],
)  # fmt: skip
def test_a_referral_with_an_invented_value_is_refused(
    api_for, social_worker, case, person, service, invented
):
    sent = api_for(social_worker.user).post(
        "/api/v1/referrals", _body(case, person, service, **invented), "application/json"
    )
    assert sent.status_code == 422
    assert sent["Content-Type"] == "application/problem+json"
    assert not Referral.objects.exists()


def test_an_invented_refusal_reason_is_refused_and_the_figures_stay_readable(
    api_for, client_for, referral, siad, coordinator
):
    receiver = api_for(siad.user)
    version = receiver.get(f"/api/v1/referrals/{referral.public_id}").json()["version"]
    refused = receiver.post(
        f"/api/v1/referrals/{referral.public_id}/move",
        {"to": "refused", "version": version, "refusal_reason": "i_do_not_like_it",
         "reason": "No"},
        "application/json",
    )  # fmt: skip
    assert refused.status_code == 422
    assert "refusal_reason" in str(refused.json()["errors"])
    referral.refresh_from_db()
    assert referral.state == State.SENT and referral.refusal_reason == ""
    assert client_for(coordinator.user).get(reverse("referrals:dashboard")).status_code == 200


def test_the_openapi_document_lists_the_values(client):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "because_i_say_so" not in str(schema)
    assert set(schema["MoveIn"]["properties"]["refusal_reason"]["enum"]) >= {"", "no_capacity"}
