"""A specialised team's access to the case it was referred: opened when the team accepts
the referral (its source is the referral), ended by any final state of the referral.
Called from the one place a referral changes state (``circuit.record``), inside its
transaction; the access predicates (people and records policies) read these rows."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.records.models import CaseAccess
from xarxa.referrals.states import FINAL, State

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.referrals.models import Referral

__all__ = ["access_follow", "access_source"]


def access_source(referral: Referral) -> str:
    return f"referrals.referral:{referral.pk}"


def access_follow(actor: User | None, referral: Referral, to: str) -> None:
    """Open the receiving team's access on acceptance; end it on any final state. A
    partner without accounts has no team, hence no access."""
    if to == State.ACCEPTED and referral.receiving_team_id is not None:
        _open(actor, referral, referral.receiving_team_id)
    elif to in FINAL:
        _end(actor, referral)


def _open(actor: User | None, referral: Referral, team_id: int) -> None:
    source = access_source(referral)
    today = timezone.localdate()
    if CaseAccess.objects.filter(source=source).valid_on(today).exists():
        return
    access = CaseAccess.objects.create(
        case_id=referral.case_id,
        team_id=team_id,
        reason=f"Referral accepted: {referral.service.code}"[:200],
        source=source,
        valid_from=today,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=access,
        person_id=referral.person_id,
        details={"referral": str(referral.public_id)},
    )


def _end(actor: User | None, referral: Referral) -> None:
    """End every open access this referral gave: from today on it opens nothing (an
    access opened and ended the same day keeps a one-day record ending yesterday)."""
    yesterday = timezone.localdate() - timedelta(days=1)
    for access in CaseAccess.objects.filter(source=access_source(referral)).exclude(
        valid_until__lte=yesterday
    ):
        access.valid_until = yesterday
        if access.valid_from is None or access.valid_from > yesterday:
            access.valid_from = yesterday
        access.save(update_fields=["valid_from", "valid_until"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=access,
            person_id=referral.person_id,
            reason=f"referral {referral.get_state_display()}",
            details={"referral": str(referral.public_id), "ended": True},
        )
