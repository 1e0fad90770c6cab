"""Who may do what with referrals: the permission names, and the object-level rules: which
side of a referral a user is on, and who may refer from a case file."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from xarxa.accounts.selectors import scope_for
from xarxa.core.policies import check_perm, deny
from xarxa.records.policies import case_access_via
from xarxa.referrals.states import RECEIVER, SENDER, SYSTEM

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.records.models import CaseFile
    from xarxa.referrals.models import Referral


class ReferralsPerm(StrEnum):
    SEND = "referrals.send"  # refer a person from a case file
    RECEIVE = "referrals.receive"  # answer referrals sent to one's team
    VIEW_FIGURES = "referrals.view_figures"  # the coordinators' dashboard (no personal data)


__all__ = ["ReferralsPerm", "may_know_where", "party_of", "require_refer_from"]


def party_of(user: User | None, referral: Referral) -> str | None:
    """Which side of the referral the user is on: the sending professional (or a
    colleague of the sending ABSS), or staff of the receiving team; ``SYSTEM`` for the
    deadline job (no user)."""
    if user is None:
        return SYSTEM
    scope = scope_for(user)
    if referral.receiving_team_id in scope.team_ids and user.has_perm(ReferralsPerm.RECEIVE):
        return RECEIVER
    if user.has_perm(ReferralsPerm.SEND) and (
        user.pk == referral.sender_id or referral.sending_abss_id in scope.abss_ids
    ):
        return SENDER
    return None


def require_refer_from(actor: User, case: CaseFile) -> None:
    """Refer someone from a case file: the permission, and the reach of the case file (a
    refusal is audited)."""
    check_perm(actor, ReferralsPerm.SEND)
    if case_access_via(actor, case) is None:
        raise deny(actor, f"records.casefile:{case.pk}:refer")


def may_know_where(user: User | None, referral: Referral, party: str | None = None) -> bool:
    """A referral to a service whose catalogue entry is restricted (SIAD, SAI, mental
    health...) carries that service's sensitivity: on the sending side only the sender
    and the case's reference professional learn to whom and why; other colleagues see
    that a referral exists. The receiving team knows (it is the service)."""
    if referral.service.confidentiality != "restricted":
        return True
    if user is None:
        return True  # the deadline job
    if party is None:
        party = party_of(user, referral)
    if party == RECEIVER:
        return True
    return user.pk in {referral.sender_id, referral.case.reference_professional_id}
