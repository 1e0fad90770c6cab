"""Sign-in in a real browser: password, then the administrator's activation code, the
enrolment and verification of the second factor and the recovery codes, with errors
announced and every step accessible."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone, translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.test_sign_in import current_code
from xarxa.accounts.services import activation_code_issue
from xarxa.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def ca(text: str) -> str:
    with translation.override("ca"):
        return translation.gettext(text)


def fill_password_step(page, username, password):
    page.get_by_label(ca("Username")).fill(username)
    page.get_by_label(ca("Password")).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name=ca("Continue")).click()


def test_first_sign_in_without_an_activation_code_enrols_nothing(page, social_worker, password):
    page.visit("/territory/abss/", expect_status=200)  # the gate shows the sign-in form
    assert page.url.endswith("/sign-in/?next=%2Fterritory%2Fabss%2F")

    fill_password_step(page, social_worker.username, "not the password")
    assert page.locator("#error-summary").is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    page.check()

    fill_password_step(page, social_worker.username, password)
    page.wait_for_url("**/sign-in/second-factor/")
    assert page.locator(".qr svg").count() == 0  # no authenticator without a code
    page.check()
    page.get_by_label(ca("Activation code from your administrator")).fill("AAAA-BBBB-CCCC-DDDD")
    with page.expect_navigation():
        page.get_by_role("button", name=ca("Continue")).click()
    assert page.locator("#error-summary").is_visible()
    page.check()
    assert not TOTPDevice.objects.filter(user=social_worker.user).exists()


def test_activation_code_enrols_the_authenticator_then_lands_on_start(
    page, social_worker, password
):
    _, code = activation_code_issue(actor=None, user=social_worker.user)
    page.visit("/territory/abss/", expect_status=200)
    fill_password_step(page, social_worker.username, password)
    page.wait_for_url("**/sign-in/second-factor/")
    page.get_by_label(ca("Activation code from your administrator")).fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name=ca("Continue")).click()
    assert page.locator(".qr svg").is_visible()
    secret = page.locator("code.secret").inner_text()
    device = TOTPDevice.objects.get(user=social_worker.user, confirmed=False)
    assert len(secret) >= 32
    page.check()

    page.get_by_label(ca("Six-digit code from your authenticator app")).fill("12345")
    with page.expect_navigation():
        page.get_by_role("button", name=ca("Verify")).click()
    assert page.locator("#error-summary").is_visible()
    page.check()

    # A wrong code throttles the device for a moment: sign in with the next valid code.
    with time_machine.travel(timezone.now() + timedelta(seconds=3), tick=True):
        page.get_by_label(ca("Six-digit code from your authenticator app")).fill(
            current_code(device)
        )
        with page.expect_navigation():
            page.get_by_role("button", name=ca("Verify")).click()
    assert page.locator(".recovery-codes li").count() == 10  # shown once
    page.check()
    with page.expect_navigation():
        page.get_by_role("link", name=ca("I have kept them, continue")).click()
    page.wait_for_url("**/territory/abss/")
    page.check()
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, actor=social_worker.user).exists()

    page.get_by_role("button", name=ca("Sign out")).click()
    page.wait_for_url("**/sign-in/")
    assert page.get_by_role("status").inner_text() == ca("You have signed out.")
    page.check()


def test_returning_user_types_only_the_code_and_sees_the_previous_sign_in(
    page, social_worker, password
):
    social_worker.user.last_login = timezone.now() - timedelta(days=1)
    social_worker.user.save(update_fields=["last_login"])
    device = TOTPDevice.objects.create(user=social_worker.user, name="app", confirmed=True)
    page.visit("/sign-in/")
    fill_password_step(page, social_worker.username, password)
    page.wait_for_url("**/sign-in/second-factor/")
    assert page.locator(".qr svg").count() == 0
    page.get_by_label(ca("Six-digit code from your authenticator app")).fill(current_code(device))
    page.get_by_role("button", name=ca("Verify")).click()
    page.wait_for_url(page.base_url + "/")
    assert page.locator(".last-login").is_visible()
    page.check()
