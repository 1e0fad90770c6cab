"""API tokens: revoked from the account page and the command line, a maximum lifetime, an
optional read-only scope, and rate limits per token and per address."""

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from xarxa.accounts import services
from xarxa.accounts.models import ApiToken
from xarxa.core.models import AuditEvent
from xarxa.people.models import Person

pytestmark = pytest.mark.django_db
PERSON = {
    "given_names": "Nil",
    "first_surname": "Roca",
    "birth_date": "1990-05-01",
    "sex": "M",
    "municipality": "08298",
    "documents": [],
    "channels": [],
}


def bearer(raw: str, **extra) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", **extra)


@pytest.fixture
def limits(settings):
    """Small limits for the test, counted from zero, within one frozen minute (the limits
    count per window: a test crossing a minute boundary would start again from zero)."""
    cache.clear()

    def set_limit(name: str, count: int) -> None:
        settings.XARXA_RATE_LIMITS = {**settings.XARXA_RATE_LIMITS, name: (count, 60)}

    with time_machine.travel(timezone.now().replace(second=5), tick=False):
        yield set_limit
    cache.clear()


def test_revoke_a_token_from_the_account_page(client_for, social_worker, teammate):
    token, raw = services.api_token_issue(actor=None, user=social_worker.user)
    assert bearer(raw).get("/api/v1/me").status_code == 200
    page = client_for(social_worker.user).get(reverse("accounts:account")).content.decode()
    url = reverse("accounts:token_revoke", args=[token.pk])
    assert url in page
    # Someone else's token is not theirs to revoke.
    assert client_for(teammate.user).post(url).status_code == 404
    assert bearer(raw).get("/api/v1/me").status_code == 200
    assert client_for(social_worker.user).post(url).status_code == 302
    refused = bearer(raw).get("/api/v1/me")
    assert refused.status_code == 401
    assert refused["Content-Type"] == "application/problem+json"
    assert AuditEvent.objects.filter(object_type="accounts.apitoken", details__revoked=True)


def test_revoke_tokens_from_the_command_line(social_worker, capsys):
    one, raw_one = services.api_token_issue(actor=None, user=social_worker.user)
    _two, raw_two = services.api_token_issue(actor=None, user=social_worker.user)
    call_command("revoke_token", one.prefix)
    assert bearer(raw_one).get("/api/v1/me").status_code == 401
    assert bearer(raw_two).get("/api/v1/me").status_code == 200
    call_command("revoke_token", "--user", social_worker.username)
    assert bearer(raw_two).get("/api/v1/me").status_code == 401
    with pytest.raises(CommandError):
        call_command("revoke_token", "xarxa_nothing")


def test_tokens_have_a_maximum_lifetime(client_for, social_worker):
    too_long = settings.API_TOKEN_MAX_DAYS + 1
    with pytest.raises(ValidationError):
        services.api_token_issue(actor=None, user=social_worker.user, days=too_long)
    with pytest.raises(CommandError):
        call_command("issue_token", social_worker.username, "--days", str(too_long))
    refused = client_for(social_worker.user).post(
        reverse("accounts:token_create"), {"name": "script", "days": too_long}
    )
    assert refused.status_code == 200 and refused.context["form"].errors
    assert not ApiToken.objects.exists()


def test_a_read_only_token_reads_but_may_not_write(client_for, social_worker):
    shown = client_for(social_worker.user).post(
        reverse("accounts:token_create"), {"name": "report", "days": 30, "read_only": "on"}
    )
    raw = shown.context["raw_token"]
    api = bearer(raw)
    assert api.get("/api/v1/me").status_code == 200
    assert api.get("/api/v1/persons", {"q": "roca"}).status_code == 200
    refused = api.post("/api/v1/persons", PERSON, content_type="application/json")
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    assert "read" in refused.json()["detail"].lower() or refused.json()["title"]
    assert not Person.objects.exists()
    # The same user's full token writes.
    _, full = services.api_token_issue(actor=None, user=social_worker.user)
    created = bearer(full).post("/api/v1/persons", PERSON, content_type="application/json")
    assert created.status_code in {201, 409}


def test_each_token_has_its_own_rate_limit(social_worker, limits):
    limits("api_token", 3)
    _, raw = services.api_token_issue(actor=None, user=social_worker.user)
    _, other = services.api_token_issue(actor=None, user=social_worker.user)
    api = bearer(raw)
    for _ in range(3):
        assert api.get("/api/v1/me").status_code == 200
    refused = api.get("/api/v1/me")
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert int(refused["Retry-After"]) > 0
    assert bearer(other).get("/api/v1/me").status_code == 200


def test_each_address_has_a_rate_limit_on_the_api(social_worker, limits):
    limits("api_ip", 3)
    for _ in range(3):
        bearer("xarxa_guess", REMOTE_ADDR="198.51.100.7").get("/api/v1/me")
    assert bearer("xarxa_guess", REMOTE_ADDR="198.51.100.7").get("/api/v1/me").status_code == 429
    _, raw = services.api_token_issue(actor=None, user=social_worker.user)
    assert bearer(raw, REMOTE_ADDR="198.51.100.8").get("/api/v1/me").status_code == 200


def test_search_is_rate_limited_on_the_page_and_the_api(
    client_for, social_worker, teammate, limits
):
    limits("search", 2)
    client = client_for(social_worker.user)
    for _ in range(2):
        assert client.get(reverse("people:search"), {"q": "roca"}).status_code == 200
    assert client.get(reverse("people:search"), {"q": "roca"}).status_code == 429
    _, raw = services.api_token_issue(actor=None, user=teammate.user)
    api = bearer(raw)
    for _ in range(2):
        assert api.get("/api/v1/persons", {"q": "roca"}).status_code == 200
    refused = api.get("/api/v1/persons", {"q": "roca"})
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
