"""The named permissions of the records app (mapped to roles in ``accounts.roles``)."""

from enum import StrEnum


class RecordsPerm(StrEnum):
    VIEW = "records.view"  # read case files in one's scope
    EDIT = "records.edit"  # open, close, reopen case files; record interventions
    ASSIGN = "records.assign"  # change the reference professional or team of a case
    VIEW_CASELOAD = "records.view_caseload"
    MANAGE_PROBLEM_LIST = "records.manage_problem_list"
