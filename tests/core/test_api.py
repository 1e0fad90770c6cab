from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from xarxa.accounts.models import ApiToken
from xarxa.accounts.services import api_token_issue, api_token_revoke

pytestmark = pytest.mark.django_db


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_openapi_schema_is_published(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/territory/municipalities" in paths
    assert "/api/v1/audit/events" in paths


def test_missing_or_bad_token_gets_a_problem_document(client):
    for headers in ({}, bearer("xarxa_not-a-token")):
        response = client.get("/api/v1/me", **headers)
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"
        assert response["WWW-Authenticate"] == "Bearer"
        assert response.json()["status"] == 401


def test_issue_token_command_prints_a_working_token(client, social_worker, capsys):
    call_command("issue_token", social_worker.username)
    raw = capsys.readouterr().out.strip()
    assert raw.startswith("xarxa_")
    assert not ApiToken.objects.filter(key_hash=raw).exists()  # only the hash is stored
    me = client.get("/api/v1/me", **bearer(raw)).json()
    assert me["username"] == social_worker.username
    assert "territory.view" in me["permissions"]


def test_revoked_and_expired_tokens_are_refused(client, social_worker):
    token, raw = api_token_issue(actor=None, user=social_worker.user)
    api_token_revoke(actor=social_worker.user, token=token)
    assert client.get("/api/v1/me", **bearer(raw)).status_code == 401
    token, raw = api_token_issue(actor=None, user=social_worker.user, days=1)
    with time_machine.travel(timezone.now() + timedelta(days=1, seconds=1)):
        assert client.get("/api/v1/me", **bearer(raw)).status_code == 401


def test_same_policies_as_the_ui(client, social_worker, dpo):
    _, worker_token = api_token_issue(actor=None, user=social_worker.user)
    _, dpo_token = api_token_issue(actor=None, user=dpo.user)
    denied = client.get("/api/v1/audit/events", **bearer(worker_token))
    assert denied.status_code == 403
    assert denied["Content-Type"] == "application/problem+json"
    allowed = client.get("/api/v1/audit/events?limit=5", **bearer(dpo_token))
    assert allowed.status_code == 200
    assert allowed.json()["count"] >= 1


def test_territory_at_a_date(client, social_worker):
    _, raw = api_token_issue(actor=None, user=social_worker.user)
    before = client.get("/api/v1/territory/municipalities/08004?on=2023-01-01", **bearer(raw))
    after = client.get("/api/v1/territory/municipalities/08004?on=2024-01-01", **bearer(raw))
    assert before.json()["comarca"] == "Osona"
    assert after.json()["comarca"] == "Lluçanès"
    abss = client.get("/api/v1/territory/abss", **bearer(raw)).json()
    assert {a["code"] for a in abss} == {"ABSS-CCO", "ABSS-VIC", "ABSS-MAN", "ABSS-MLP"}


def test_bad_input_gets_a_clear_problem(client, social_worker):
    _, raw = api_token_issue(actor=None, user=social_worker.user)
    response = client.get("/api/v1/territory/municipalities?on=not-a-date", **bearer(raw))
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"]
    assert client.get("/api/v1/organisations/nope", **bearer(raw)).status_code == 404


def test_organisations_with_teams(client, social_worker):
    _, raw = api_token_issue(actor=None, user=social_worker.user)
    vic = client.get("/api/v1/organisations/ajuntament-vic", **bearer(raw)).json()
    assert vic["abss"] == "ABSS-VIC"
    assert any(t["name"] == "SSB Vic" for t in vic["teams"])
