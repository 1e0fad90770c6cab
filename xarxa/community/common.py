"""Small helpers every community sub-domain shares: finding a row by its public id (404
otherwise), checking a choice or a list of codes (a refusal otherwise), and writing who
read which registered participants' names to the audit log."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _

from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.community.participants.models import Participant

M = TypeVar("M", bound=models.Model)


def get_by_public_id(queryset: models.QuerySet[M], public_id: object) -> M:
    """The row with ``public_id``; a 404 for an unknown or malformed id."""
    try:
        return queryset.get(public_id=public_id)
    except (ObjectDoesNotExist, ValidationError, ValueError):
        raise Http404 from None


def find_by_public_id(queryset: models.QuerySet[M], public_id: object, field: str) -> M:
    """The row with ``public_id``; a refusal on ``field`` for an unknown reference."""
    try:
        return queryset.get(public_id=public_id)
    except (ObjectDoesNotExist, ValidationError, ValueError):
        raise ValidationError({field: _("Choose one of the options offered.")}) from None


def choice(value: Any, choices: type[Enum] | Mapping[str, Any], field: str) -> Any:
    """``value`` when it is one of ``choices`` (a Django choices class or a mapping)."""
    allowed = choices if isinstance(choices, Mapping) else choices.values  # type: ignore[attr-defined]
    if value not in allowed:
        raise ValidationError({field: _("Choose one of the options offered.")})
    return value


def codes(values: Iterable[str] | None, vocabulary: Iterable[str], field: str) -> list[str]:
    """The distinct codes of ``values``, each one known in ``vocabulary``."""
    known = set(vocabulary)
    unique = list(dict.fromkeys(values or []))
    unknown = [v for v in unique if v not in known]
    if unknown:
        raise ValidationError({field: _("Unknown code: %s") % ", ".join(unknown)})
    return unique


def audit_names(user: User, participants: Iterable[Participant], obj: models.Model | None) -> None:
    """A LIST audit row naming the registered participants whose names were read."""
    registered = [p.pk for p in participants if p.registered]
    if registered and obj is not None:
        audit_record(
            actor=user,
            action=AuditAction.LIST,
            obj=obj,
            details={"participants": registered[:200], "count": len(registered)},
        )
