from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from xarxa.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def current_code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def sign_in(client, username, password, **extra):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password, **extra}
    )


def test_passwords_are_hashed_with_argon2():
    from xarxa import settings as real_settings

    assert real_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_full_sign_in_enrols_then_verifies_the_second_factor(client, social_worker, password):
    from xarxa.accounts.services import activation_code_issue

    _, code = activation_code_issue(actor=None, user=social_worker.user)
    response = sign_in(client, social_worker.username, password)
    assert response["Location"] == reverse("accounts:second_factor")
    client.post(reverse("accounts:second_factor"), {"activation_code": code.lower()})
    page = client.get(reverse("accounts:second_factor"))
    assert b"<svg" in page.content  # QR code to enrol
    device = TOTPDevice.objects.get(user=social_worker.user, confirmed=False)

    refused = client.post(reverse("accounts:second_factor"), {"code": "000000"})
    assert refused.status_code == 200
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get(reverse("core:home")).status_code == 302  # still not verified

    # A failed code throttles the device briefly (brute-force protection): wait it out.
    with time_machine.travel(timezone.now() + timedelta(seconds=3), tick=False):
        done = client.post(reverse("accounts:second_factor"), {"code": current_code(device)})
    assert done.status_code == 200 and len(done.context["codes"]) == 10  # recovery codes
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get(reverse("core:home")).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, actor=social_worker.user).exists()


def test_second_sign_in_asks_only_for_the_code(client, social_worker, password):
    device = TOTPDevice.objects.create(user=social_worker.user, name="app", confirmed=True)
    sign_in(client, social_worker.username, password)
    page = client.get(reverse("accounts:second_factor"))
    assert b"<svg" not in page.content
    assert TOTPDevice.objects.filter(user=social_worker.user).count() == 1
    response = client.post(reverse("accounts:second_factor"), {"code": current_code(device)})
    assert response.status_code == 302


def test_wrong_password_is_refused_plainly_and_recorded(client, social_worker):
    response = sign_in(client, social_worker.username, "wrong")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert b"error-summary" in response.content
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).exists()


def test_repeated_failures_lock_the_account_from_that_address(client, social_worker, password):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, social_worker.username, "wrong")
    response = sign_in(client, social_worker.username, password)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_previous_sign_in_is_shown(client, social_worker, password):
    before = timezone.now() - timedelta(days=2)
    type(social_worker.user).objects.filter(pk=social_worker.user.pk).update(last_login=before)
    device = TOTPDevice.objects.create(user=social_worker.user, name="app", confirmed=True)
    sign_in(client, social_worker.username, password)
    client.post(reverse("accounts:second_factor"), {"code": current_code(device)})
    page = client.get(reverse("core:home")).content.decode()
    assert "last-login" in page
    assert timezone.localtime(before).strftime("%Y") in page


def test_demo_mode_skips_the_second_factor_and_says_so(client, social_worker, password, settings):
    settings.DEMO_MODE = True
    type(social_worker.user).objects.filter(pk=social_worker.user.pk).update(is_demo=True)
    sign_in(client, social_worker.username, password)
    page = client.get(reverse("core:home"))
    assert page.status_code == 200
    assert b"demo-banner" in page.content


def test_open_redirect_after_sign_in_is_refused(client, social_worker, password, settings):
    settings.DEMO_MODE = True
    type(social_worker.user).objects.filter(pk=social_worker.user.pk).update(is_demo=True)
    response = sign_in(client, social_worker.username, password, next="https://evil.example/")
    assert response["Location"] == reverse("core:home")


def test_sign_out_requires_post_and_ends_the_session(client_for, social_worker):
    client = client_for(social_worker.user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("core:home")).status_code == 302


def test_activity_renews_the_session_at_most_once_a_minute(client_for, social_worker):
    client = client_for(social_worker.user)
    age = settings.SESSION_COOKIE_AGE

    def expiry():
        return Session.objects.get(session_key=client.session.session_key).expire_date

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get(reverse("core:home"))
        first = expiry()
        assert first == start + timedelta(seconds=age)
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        page = client.get(reverse("core:home")).content.decode()
        assert expiry() == first  # no write for every page view
        # The browser's warning counts from the real renewal, not from this page.
        assert f'data-session-idle="{age - 30}"' in page
        assert client.get(reverse("core:home"))["X-Session-Expires-In"] == str(age - 30)
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        page = client.get(reverse("core:home")).content.decode()
        assert expiry() == start + timedelta(seconds=61 + age)
        assert f'data-session-idle="{age}"' in page
    with time_machine.travel(start + timedelta(seconds=62 + age), tick=False):
        assert client.get(reverse("core:home")).status_code == 302  # idle too long


def test_session_expires_after_inactivity_and_keep_alive_renews(client_for, social_worker):
    assert settings.SESSION_COOKIE_AGE <= 60 * 60
    client = client_for(social_worker.user)
    response = client.post(reverse("accounts:keep_alive"))
    assert response.json() == {"expires_in": settings.SESSION_COOKIE_AGE}
    session = Session.objects.get(session_key=client.session.session_key)
    remaining = (session.expire_date - timezone.now()).total_seconds()
    assert settings.SESSION_COOKIE_AGE - 5 < remaining <= settings.SESSION_COOKIE_AGE
    with time_machine.travel(timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE + 1)):
        assert client.get(reverse("core:home")).status_code == 302  # idle too long: signed out
