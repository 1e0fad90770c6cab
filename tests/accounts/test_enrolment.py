"""Second-factor enrolment is not first-come: a one-time activation code issued by an
administrator (shown once, expiring, single use, stored hashed, audited) opens it; the
user is told by email, and gets recovery codes."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.hashers import check_password
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.test_sign_in import current_code, sign_in
from xarxa.accounts.models import ActivationCode
from xarxa.core.models import AuditEvent

pytestmark = pytest.mark.django_db
SECOND_FACTOR = "accounts:second_factor"


def issue_code(admin_client, username) -> str:
    """The administrator issues a code on the staff page; it is shown once."""
    response = admin_client.post(reverse("accounts:activation_code_issue", args=[username]))
    assert response.status_code == 200
    return response.context["activation_code"]


def enrol(client, device_owner, code, capture) -> TOTPDevice:
    """Redeem the activation code, then confirm the authenticator with its first code."""
    redeemed = client.post(reverse(SECOND_FACTOR), {"activation_code": code})
    assert redeemed.status_code == 302
    client.get(reverse(SECOND_FACTOR))  # the QR code is shown now
    device = TOTPDevice.objects.get(user=device_owner, confirmed=False)
    with capture(execute=True):
        done = client.post(reverse(SECOND_FACTOR), {"code": current_code(device)})
    assert done.status_code == 200  # the recovery codes, shown once
    return device


def test_a_password_alone_cannot_enrol_an_authenticator(client, social_worker, password):
    """Someone who learnt the password must not be the first to bind an authenticator."""
    sign_in(client, social_worker.username, password)
    page = client.get(reverse(SECOND_FACTOR))
    assert b"<svg" not in page.content
    assert "activation_code" in page.context["form"].fields
    assert not TOTPDevice.objects.filter(user=social_worker.user).exists()
    # Posting a six-digit code enrols nothing either.
    client.post(reverse(SECOND_FACTOR), {"code": "123456"})
    assert not TOTPDevice.objects.filter(user=social_worker.user, confirmed=True).exists()
    assert client.get(reverse("core:home")).status_code == 302


def test_activation_code_enrols_once_notifies_and_gives_recovery_codes(
    client, client_for, social_worker, admin, password, django_capture_on_commit_callbacks
):
    code = issue_code(client_for(admin.user), social_worker.username)
    stored = ActivationCode.objects.get(user=social_worker.user)
    assert code not in stored.code_hash and check_password(code.replace("-", ""), stored.code_hash)
    assert stored.issued_by == admin.user
    assert AuditEvent.objects.filter(actor=admin.user, object_type="accounts.activationcode")

    sign_in(client, social_worker.username, password)
    wrong = client.post(reverse(SECOND_FACTOR), {"activation_code": "AAAA-BBBB-CCCC-DDDD"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    enrol(client, social_worker.user, code, django_capture_on_commit_callbacks)

    assert client.get(reverse("core:home")).status_code == 200
    assert ActivationCode.objects.get(pk=stored.pk).used_at is not None
    recovery = StaticDevice.objects.get(user=social_worker.user)
    assert recovery.token_set.count() == 10
    assert [m.to for m in mail.outbox] == [[social_worker.user.email]]
    assert AuditEvent.objects.filter(
        actor=social_worker.user, object_type="otp_totp.totpdevice"
    ).exists()

    # Single use: the same code cannot enrol a second authenticator.
    TOTPDevice.objects.filter(user=social_worker.user).delete()
    other = type(client)()
    sign_in(other, social_worker.username, password)
    again = other.post(reverse(SECOND_FACTOR), {"activation_code": code})
    assert again.status_code == 200 and again.context["form"].errors


def test_activation_code_expires(client, client_for, social_worker, admin, password):
    code = issue_code(client_for(admin.user), social_worker.username)
    later = timezone.now() + timedelta(hours=73)
    with time_machine.travel(later, tick=False):
        sign_in(client, social_worker.username, password)
        refused = client.post(reverse(SECOND_FACTOR), {"activation_code": code})
    assert refused.status_code == 200 and refused.context["form"].errors
    assert not TOTPDevice.objects.filter(user=social_worker.user).exists()


def test_guessing_activation_codes_burns_them(client, client_for, social_worker, admin, password):
    code = issue_code(client_for(admin.user), social_worker.username)
    sign_in(client, social_worker.username, password)
    for _ in range(5):
        client.post(reverse(SECOND_FACTOR), {"activation_code": "AAAA-BBBB-CCCC-DDDD"})
    refused = client.post(reverse(SECOND_FACTOR), {"activation_code": code})
    assert refused.status_code == 200 and refused.context["form"].errors


def test_only_administrators_issue_activation_codes(client_for, social_worker, teammate):
    url = reverse("accounts:activation_code_issue", args=[teammate.username])
    assert client_for(social_worker.user).post(url).status_code == 403
    assert not ActivationCode.objects.exists()


def test_activation_code_from_the_command_line(social_worker, capsys):
    call_command("activation_code", social_worker.username)
    code = capsys.readouterr().out.strip()
    stored = ActivationCode.objects.get(user=social_worker.user)
    assert check_password(code.replace("-", ""), stored.code_hash)


def test_recovery_code_signs_in_once(
    client, client_for, social_worker, admin, password, django_capture_on_commit_callbacks
):
    code = issue_code(client_for(admin.user), social_worker.username)
    sign_in(client, social_worker.username, password)
    enrol(client, social_worker.user, code, django_capture_on_commit_callbacks)
    recovery = StaticDevice.objects.get(user=social_worker.user).token_set.first().token

    lost_phone = type(client)()
    sign_in(lost_phone, social_worker.username, password)
    with django_capture_on_commit_callbacks(execute=True):
        used = lost_phone.post(reverse(SECOND_FACTOR), {"recovery_code": recovery})
    assert used.status_code == 302
    assert lost_phone.get(reverse("core:home")).status_code == 200
    assert "recovery" in mail.outbox[-1].subject.lower() or "recuperació" in mail.outbox[-1].subject

    once_more = type(client)()
    sign_in(once_more, social_worker.username, password)
    refused = once_more.post(reverse(SECOND_FACTOR), {"recovery_code": recovery})
    assert refused.status_code == 200
    assert once_more.get(reverse("core:home")).status_code == 302
