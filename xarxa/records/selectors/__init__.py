"""Protected reads of the social record: scoped, masked, audited. One module per
sub-domain; the names are re-exported here."""

from xarxa.records.selectors.cases import (
    CASE_PAGE_SIZE,
    PAGE_SIZE,
    CaseView,
    attachment_get_for,
    case_find_for,
    case_get_for,
    case_list_for_person,
    case_of_person_for,
    case_participant_candidates,
    case_participation_for,
    caseload_for,
    intervention_get_for,
)
from xarxa.records.selectors.staff import (
    ReassignChoices,
    colleagues_for_case,
    opening_professionals_for,
    reassign_choices_for,
)
from xarxa.records.selectors.timeline import timeline_for

__all__ = [
    "CASE_PAGE_SIZE",
    "PAGE_SIZE",
    "CaseView",
    "ReassignChoices",
    "attachment_get_for",
    "case_find_for",
    "case_get_for",
    "case_list_for_person",
    "case_of_person_for",
    "case_participant_candidates",
    "case_participation_for",
    "caseload_for",
    "colleagues_for_case",
    "intervention_get_for",
    "opening_professionals_for",
    "reassign_choices_for",
    "timeline_for",
]
