"""Protected reads about persons: every one checks scope and writes the audit log. One
module per sub-domain; the names are re-exported here."""

from xarxa.people.selectors.households import (
    HouseholdView,
    consent_get_for,
    household_get_for,
    household_stay_for,
    person_memberships_for,
)
from xarxa.people.selectors.persons import (
    MAX_NUMBER_MATCHES,
    DuplicateCandidate,
    PersonCard,
    PersonView,
    deny_person,
    normalise_document_number,
    person_card_for,
    person_duplicates,
    person_for_emergency_access,
    person_get_for,
    person_search_elsewhere_for,
    person_search_for,
    person_writable_for,
    phone_search_values,
)
from xarxa.people.selectors.rights import (
    access_grant_get_for,
    access_grants_unreviewed_for,
    merge_get_for,
    merges_of_for,
    person_access_log_for,
)

__all__ = [
    "MAX_NUMBER_MATCHES",
    "DuplicateCandidate",
    "HouseholdView",
    "PersonCard",
    "PersonView",
    "access_grant_get_for",
    "access_grants_unreviewed_for",
    "consent_get_for",
    "deny_person",
    "household_get_for",
    "household_stay_for",
    "merge_get_for",
    "merges_of_for",
    "normalise_document_number",
    "person_access_log_for",
    "person_card_for",
    "person_duplicates",
    "person_for_emergency_access",
    "person_get_for",
    "person_memberships_for",
    "person_search_elsewhere_for",
    "person_search_for",
    "person_writable_for",
    "phone_search_values",
]
