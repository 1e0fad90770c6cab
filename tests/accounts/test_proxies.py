"""Behind a reverse proxy the caller's address comes from X-Forwarded-For, but only when
the proxy is trusted: the sign-in lockout, the sign-in rate limit and the audit log all
use that one address. The API's documentation needs a signed-in user in production."""

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from xarxa.accounts import services
from xarxa.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.5"


def via_proxy(client_address: str, remote: str = PROXY) -> Client:
    return Client(REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=f"{client_address}, {remote}")


@pytest.fixture
def proxy(settings):
    settings.XARXA_TRUSTED_PROXIES = [PROXY]


def sign_in(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_lockout_is_per_client_behind_a_trusted_proxy(proxy, social_worker, password):
    attacker = via_proxy("203.0.113.66")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(attacker, social_worker.username, "wrong")
    assert sign_in(attacker, social_worker.username, password).status_code == 429
    # The colleague behind the same proxy is not locked out by someone else's guesses.
    colleague = via_proxy("203.0.113.10")
    assert sign_in(colleague, social_worker.username, password).status_code == 302


def test_the_audit_log_records_the_client_behind_a_trusted_proxy(proxy, social_worker):
    sign_in(via_proxy("203.0.113.66"), social_worker.username, "wrong")
    event = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).latest("seq")
    assert event.ip_address == "203.0.113.66"


def test_a_forged_forwarded_header_from_an_untrusted_peer_is_ignored(proxy, social_worker):
    forged = via_proxy("203.0.113.66", remote="198.51.100.20")
    sign_in(forged, social_worker.username, "wrong")
    event = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).latest("seq")
    assert event.ip_address == "198.51.100.20"


def test_sign_in_is_rate_limited_per_client_address(proxy, settings, social_worker, password):
    cache.clear()
    settings.XARXA_RATE_LIMITS = {**settings.XARXA_RATE_LIMITS, "sign_in": (3, 60)}
    sprayer = via_proxy("203.0.113.77")
    other = via_proxy("203.0.113.78")
    with time_machine.travel(timezone.now().replace(second=5), tick=False):  # one window
        for n in range(3):
            assert sign_in(sprayer, f"someone{n}", "Summer2024!").status_code == 200
        assert sign_in(sprayer, social_worker.username, password).status_code == 429
        assert sign_in(other, social_worker.username, password).status_code == 302
    cache.clear()


def test_api_docs_need_a_signed_in_user_in_production(settings, client_for, social_worker):
    settings.PRODUCTION = True
    anonymous = Client()
    docs = anonymous.get("/api/v1/docs")
    assert docs.status_code == 302
    assert docs["Location"].startswith(reverse("accounts:login"))
    schema = anonymous.get("/api/v1/openapi.json")
    assert schema.status_code == 401
    assert schema["Content-Type"] == "application/problem+json"

    signed_in = client_for(social_worker.user)
    assert signed_in.get("/api/v1/docs").status_code == 200
    assert signed_in.get("/api/v1/openapi.json").status_code == 200
    _, raw = services.api_token_issue(actor=None, user=social_worker.user)
    with_token = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert with_token.get("/api/v1/openapi.json").status_code == 200


def test_api_docs_stay_open_on_a_local_machine(settings):
    settings.PRODUCTION = False
    assert Client().get("/api/v1/openapi.json").status_code == 200
