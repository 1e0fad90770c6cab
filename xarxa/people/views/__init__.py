"""Pages for persons, households, consents, merges and the data-protection officer's
reviews: thin adapters over selectors and services. One module per sub-domain."""

from xarxa.people.views.households import (
    consent_add,
    consent_withdraw,
    household,
    household_create,
    household_member_add,
    household_member_end,
)
from xarxa.people.views.persons import contacts, detail, edit, register, search
from xarxa.people.views.rights import (
    access_log,
    emergency_access,
    emergency_approvals,
    emergency_approve,
    emergency_review,
    emergency_reviews,
    merge,
    merge_undo,
    protection,
    restrict,
)

__all__ = [
    "access_log",
    "consent_add",
    "consent_withdraw",
    "contacts",
    "detail",
    "edit",
    "emergency_access",
    "emergency_approvals",
    "emergency_approve",
    "emergency_review",
    "emergency_reviews",
    "household",
    "household_create",
    "household_member_add",
    "household_member_end",
    "merge",
    "merge_undo",
    "protection",
    "register",
    "restrict",
    "search",
]
