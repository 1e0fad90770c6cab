"""Notices: what a team must see (a new referral, a reminder, an answer, an expiry), each
kind given once per referral and team."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from xarxa.accounts.models import Assignment
from xarxa.accounts.selectors import scope_for
from xarxa.referrals.models import Notice, Referral
from xarxa.referrals.states import State

if TYPE_CHECKING:
    from xarxa.accounts.models import User

SENDER_NOTICES = {
    State.ACCEPTED: Notice.Kind.ANSWERED,
    State.REFUSED: Notice.Kind.ANSWERED,
    State.EXPIRED: Notice.Kind.EXPIRED,
}


def notify_sender(referral: Referral, kind: str) -> bool:
    """A notice to the sender's team in the sending ABSS, once per kind."""
    team_id = (
        Assignment.objects.valid_on(timezone.localdate())
        .filter(user_id=referral.sender_id)
        .filter(Q(abss_id=referral.sending_abss_id) | Q(team__abss_id=referral.sending_abss_id))
        .values_list("team_id", flat=True)
        .first()
    )
    if team_id is None:
        return False
    _, created = Notice.objects.get_or_create(referral=referral, team_id=team_id, kind=kind)
    return created


def notices_mark_read(*, actor: User, referral: Referral) -> int:
    """The notices of the actor's teams about this referral are seen once it is opened."""
    return Notice.objects.filter(
        referral=referral, team_id__in=scope_for(actor).team_ids, read_at__isnull=True
    ).update(read_at=timezone.now())


def notify(referral: Referral, kind: str) -> bool:
    """A notice to the receiving team, once per kind (a partner has no team: the sender
    follows the referral's state instead)."""
    if referral.receiving_team_id is None:  # a partner
        return False
    _, created = Notice.objects.get_or_create(
        referral=referral, team_id=referral.receiving_team_id, kind=kind
    )
    return created
