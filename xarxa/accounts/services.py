"""Every write about staff accounts: atomic and audited."""

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from xarxa.accounts.models import ApiToken, Assignment, User, hash_token
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.organisations.models import Team
from xarxa.territory.models import Abss


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    password: str | None = None,
) -> User:
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=user)
    return user


@transaction.atomic
def assignment_create(
    *,
    actor: User | None,
    user: User,
    team: Team,
    role: str,
    abss: Abss | None = None,
    valid_from: date | None = None,
    valid_until: date | None = None,
) -> Assignment:
    assignment = Assignment(
        user=user,
        team=team,
        role=role,
        abss=abss,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    assignment.full_clean()
    assignment.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=assignment, details={"role": role})
    return assignment


@transaction.atomic
def api_token_issue(
    *, actor: User | None, user: User, name: str = "personal", days: int | None = None
) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which is never stored or shown again."""
    raw = "xarxa_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[:12],
        key_hash=hash_token(raw),
        expires_at=timezone.now() + timedelta(days=days or settings.API_TOKEN_DEFAULT_DAYS),
    )
    audit_record(actor=actor, action=AuditAction.TOKEN, obj=token, details={"for": user.pk})
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=token, details={"revoked": True})


def sign_in_recorded(*, user: User) -> None:
    audit_record(actor=user, action=AuditAction.LOGIN, obj=user)


def sign_in_failed(*, username: str) -> None:
    audit_record(
        actor=None,
        action=AuditAction.LOGIN_FAILED,
        object_type="accounts.user",
        details={"username": username[:150]},
    )


def sign_out_recorded(*, user: User) -> None:
    audit_record(actor=user, action=AuditAction.LOGOUT, obj=user)


@transaction.atomic
def second_factor_device(*, user: User) -> tuple[TOTPDevice, bool]:
    """The user's confirmed authenticator, or (``enrolling``) the one being set up."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        return device, False
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device, True


def second_factor_confirm(*, device: TOTPDevice) -> None:
    """The first code from a new authenticator was right: it becomes the user's device."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
