"""Every write about persons: atomic, audited, refused on a restricted record. One module
per sub-domain; the names are re-exported here."""

from xarxa.people.services.common import MIN_REASON_LENGTH
from xarxa.people.services.consents import consent_record, consent_withdraw
from xarxa.people.services.emergency import (
    EMERGENCY_ACCESS_HOURS,
    access_grant_approve,
    access_grant_open,
    access_grant_review,
    person_protection_set,
    require_real_text,
)
from xarxa.people.services.households import (
    household_create,
    household_create_with,
    household_member_add,
    household_member_end,
)
from xarxa.people.services.merge import person_merge, person_merge_undo
from xarxa.people.services.persons import (
    PHONE_KINDS,
    WRITABLE_FIELDS,
    ChannelIn,
    DocumentIn,
    channel_add,
    document_add,
    normalise_channel,
    normalise_document,
    person_register,
    person_restrict,
    person_update,
    token_counts_check,
)
from xarxa.territory.selectors import municipality_of

__all__ = [
    "EMERGENCY_ACCESS_HOURS",
    "MIN_REASON_LENGTH",
    "PHONE_KINDS",
    "WRITABLE_FIELDS",
    "ChannelIn",
    "DocumentIn",
    "access_grant_approve",
    "access_grant_open",
    "access_grant_review",
    "channel_add",
    "consent_record",
    "consent_withdraw",
    "document_add",
    "household_create",
    "household_create_with",
    "household_member_add",
    "household_member_end",
    "municipality_of",
    "normalise_channel",
    "normalise_document",
    "person_merge",
    "person_merge_undo",
    "person_protection_set",
    "person_register",
    "person_restrict",
    "person_update",
    "require_real_text",
    "token_counts_check",
]
