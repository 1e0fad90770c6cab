"""What every write about a person checks first."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from xarxa.people.models import Person

MIN_REASON_LENGTH = 15


def refuse_if_restricted(person: Person) -> None:
    if person.is_restricted:
        raise ValidationError(
            _("This record is restricted at the person's request and cannot be changed."),
            code="restricted",
        )


def require_reason(reason: str, *, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            {
                field: _("Explain the reason in a sentence (at least %(n)d characters).")
                % {"n": MIN_REASON_LENGTH}
            }
        )
    return reason
