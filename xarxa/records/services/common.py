"""What the record's services share: an audit row for each person concerned."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Model

from xarxa.core.audit import audit_record
from xarxa.records.models import CaseFile

if TYPE_CHECKING:
    from xarxa.accounts.models import User


def audit_each(actor: User, action: str, obj: Model, person_ids: list[int], **extra: Any) -> None:
    for person_id in person_ids:
        audit_record(actor=actor, action=action, obj=obj, person_id=person_id, **extra)


def participant_ids(case: CaseFile) -> list[int]:
    return list(case.participants.order_by("id").values_list("person_id", flat=True))
