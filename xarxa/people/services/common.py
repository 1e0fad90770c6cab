"""What writes about a person check (the processing gate itself is
``people.policies.require_processing``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MIN_REASON_LENGTH = 15


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
