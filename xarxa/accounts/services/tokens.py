"""Personal API tokens: issued with a bounded lifetime and an optional read-only scope,
revoked by their owner or from the command line. Only a hash is kept."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.accounts.models import ApiToken, User, hash_token
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction


@transaction.atomic
def api_token_issue(
    *,
    actor: User | None,
    user: User,
    name: str = "personal",
    days: int | None = None,
    read_only: bool = False,
) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which is never stored or shown again."""
    days = settings.API_TOKEN_DEFAULT_DAYS if days is None else days
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise ValidationError(
            {
                "days": _("A token lives between 1 and %(max)d days.")
                % {"max": settings.API_TOKEN_MAX_DAYS}
            }
        )
    raw = "xarxa_" + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name.strip() or "personal",
        prefix=raw[:12],
        key_hash=hash_token(raw),
        expires_at=timezone.now() + timedelta(days=days),
        read_only=read_only,
    )
    token.full_clean()
    token.save()
    audit_record(
        actor=actor,
        action=AuditAction.TOKEN,
        obj=token,
        details={"for": user.pk, "days": days, "read_only": read_only},
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: User | None, token: ApiToken) -> None:
    revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=token, details={"revoked": True})


@transaction.atomic
def api_tokens_revoke_all(*, actor: User | None, user: User) -> int:
    """Every live token of ``user`` stops working (a lost laptop, a leaving employee)."""
    live = list(ApiToken.objects.filter(user=user, revoked_at__isnull=True))
    for token in live:
        api_token_revoke(actor=actor, token=token)
    return len(live)
