"""The second factor: enrolment opened by an administrator's one-time activation code,
the authenticator (TOTP) confirmed by its first code, recovery codes (django-otp's static
device) for a lost phone. Every step is audited and the user is told by email."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from xarxa.accounts.models import ActivationCode, User
from xarxa.accounts.notices import send_account_notice
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction

# No 0/O, 1/I/L: read aloud or typed from a printout without doubt. 16 of 32 symbols: 80 bits.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 16


def _normalise(raw: str) -> str:
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def _display(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


@transaction.atomic
def activation_code_issue(*, actor: User | None, user: User) -> tuple[ActivationCode, str]:
    """A new one-time code for ``user`` (shown once). Earlier unused codes stop working, and
    so do the user's authenticator and recovery codes: the code is how a user enrols a
    first device or replaces a lost one."""
    now = timezone.now()
    ActivationCode.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    StaticDevice.objects.filter(user=user).delete()
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    code = ActivationCode.objects.create(
        user=user,
        code_hash=make_password(raw),
        issued_by=actor if actor is not None and actor.pk else None,
        expires_at=now + timedelta(hours=settings.ACTIVATION_CODE_HOURS),
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=code,
        details={"for": user.pk, "devices_removed": removed},
    )
    return code, _display(raw)


def _live_codes(user: User) -> list[ActivationCode]:
    return list(
        ActivationCode.objects.select_for_update().filter(
            user=user,
            used_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
    )


def activation_code_redeem(*, user: User, raw: str) -> ActivationCode:
    """The user typed an activation code: if it is one of theirs, live and unused, it is
    spent now. Wrong guesses count; past the limit every live code of the user is burnt."""
    typed = _normalise(raw)
    with transaction.atomic():
        live = _live_codes(user)
        for code in live:
            if check_password(typed, code.code_hash):
                code.used_at = timezone.now()
                code.save(update_fields=["used_at"])
                audit_record(actor=user, action=AuditAction.UPDATE, obj=code, details={"used": 1})
                return code
        for code in live:
            code.failed_attempts += 1
            if code.failed_attempts >= settings.ACTIVATION_CODE_MAX_ATTEMPTS:
                code.revoked_at = timezone.now()
            code.save(update_fields=["failed_attempts", "revoked_at"])
        audit_record(
            actor=user,
            action=AuditAction.LOGIN_FAILED,
            object_type="accounts.activationcode",
            details={"activation_code": "wrong"},
        )
    raise ValidationError(
        {
            "activation_code": _(
                "This activation code is not valid: it may be mistyped, used or expired. "
                "Ask your administrator for a new one."
            )
        }
    )


@transaction.atomic
def second_factor_device(*, user: User) -> tuple[TOTPDevice, bool]:
    """The user's confirmed authenticator, or (``enrolling``) the one being set up. Call it
    for enrolment only after an activation code was redeemed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        return device, False
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device, True


def _enrolled_notice() -> tuple[str, str]:
    return (
        _("Xarxa: a new authenticator was added to your account"),
        _(
            "An authenticator app was set up for your Xarxa account just now. If it was not "
            "you, tell your administrator at once."
        ),
    )


@transaction.atomic
def second_factor_confirm(*, device: TOTPDevice) -> list[str]:
    """The first code from a new authenticator was right: it becomes the user's device,
    any other is removed, and the user gets fresh recovery codes (returned, shown once)."""
    user = device.user
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    audit_record(actor=user, action=AuditAction.CREATE, obj=device, details={"confirmed": 1})
    send_account_notice(user, _enrolled_notice)
    return recovery_codes_renew(user=user)


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """New recovery codes for ``user``; the old ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": "recovery", "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    audit_record(actor=user, action=AuditAction.CREATE, obj=device, details={"codes": len(codes)})
    return codes


def _recovery_notice() -> tuple[str, str]:
    return (
        _("Xarxa: a recovery code was used"),
        _(
            "Someone signed in to your Xarxa account with one of your recovery codes. If it "
            "was not you, tell your administrator at once. Each code works once."
        ),
    )


def recovery_code_use(*, user: User, raw: str) -> StaticDevice | None:
    """Sign in with a recovery code: the device when the code was one of the user's (and
    is now spent), else None."""
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return None
    if not device.verify_token(raw.strip().lower()):  # throttled after wrong codes
        return None
    with transaction.atomic():
        left = device.token_set.count()
        audit_record(
            actor=user, action=AuditAction.LOGIN, obj=device, details={"recovery_codes_left": left}
        )
        send_account_notice(user, _recovery_notice)
    return device
