"""The named permissions of the people app (mapped to roles in ``accounts.roles``)."""

from enum import StrEnum


class PeoplePerm(StrEnum):
    VIEW = "people.view"  # search persons and read the cards within one's scope
    REGISTER = "people.register"  # register persons, edit them, record consents
    MERGE = "people.merge"  # merge duplicate records and undo a merge
    EXPORT = "people.export"  # subject-access export of everything held about a person
    RESTRICT = "people.restrict"  # freeze a record (right to restriction)
    BREAK_GLASS = "people.break_glass"  # time-limited emergency access with a reason
    VIEW_ACCESS_LOG = "people.view_access_log"  # who accessed a person's file
