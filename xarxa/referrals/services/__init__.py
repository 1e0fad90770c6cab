"""Writes on referrals, by sub-domain: the circuit (create, send, move, messages), notices,
the deadline job and partners' links. Refusals are checked before any transaction, so
their audit row stays."""

from xarxa.referrals.services.circuit import (
    ANSWER_WORKING_DAYS,
    ESCALATE_AFTER,
    EXPIRE_AFTER,
    add_working_days,
    carried_sensitivity,
    message_post,
    referral_create,
    referral_move,
)
from xarxa.referrals.services.deadlines import apply_deadlines
from xarxa.referrals.services.notices import notices_mark_read
from xarxa.referrals.services.partners import (
    PARTNER_LINK_DAYS,
    partner_answer,
    partner_link_token,
    partner_referral,
)

__all__ = [
    "ANSWER_WORKING_DAYS",
    "ESCALATE_AFTER",
    "EXPIRE_AFTER",
    "PARTNER_LINK_DAYS",
    "add_working_days",
    "apply_deadlines",
    "carried_sensitivity",
    "message_post",
    "notices_mark_read",
    "partner_answer",
    "partner_link_token",
    "partner_referral",
    "referral_create",
    "referral_move",
]
