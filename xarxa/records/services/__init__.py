"""Every write to the social record: atomic, audited, and added to the timeline. One
module per sub-domain; the names are re-exported here."""

from xarxa.records.services.cases import (
    ASSIGNMENT_FIELDS,
    case_close,
    case_open,
    case_participant_add,
    case_participant_end,
    case_reassign,
    case_reopen,
)
from xarxa.records.services.notes import (
    ALLOWED_FILES,
    MAX_ATTACHMENT_BYTES,
    attachment_add,
    intervention_add,
    problem_add,
    problem_end,
)

__all__ = [
    "ALLOWED_FILES",
    "ASSIGNMENT_FIELDS",
    "MAX_ATTACHMENT_BYTES",
    "attachment_add",
    "case_close",
    "case_open",
    "case_participant_add",
    "case_participant_end",
    "case_reassign",
    "case_reopen",
    "intervention_add",
    "problem_add",
    "problem_end",
]
