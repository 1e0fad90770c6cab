"""The API's shapes for case files, interventions and the timeline, declared once: each
reads the objects the selectors return (a masked entry gives only its date and kind)."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from ninja import Field, Schema

from xarxa.accounts.models import User
from xarxa.core.schemas import In, model_choice
from xarxa.records.models import CaseAssignment, CaseFile, CaseProblem, Intervention, TimelineEntry

T = TypeVar("T")


def staff_name(user: User) -> str:
    return user.get_full_name() or user.username


class CaseSummaryOut(Schema):
    public_id: UUID
    number: str
    status: str
    abss: str = Field(alias="abss.code")
    opened_on: date
    closed_on: date | None
    last_contact: date | None = None

    @staticmethod
    def resolve_last_contact(case: CaseFile) -> date | None:
        return getattr(case, "last_contact", None)


class CaseParticipantOut(Schema):
    public_id: UUID = Field(alias="person.public_id")
    name: str = Field(alias="person.display_name")
    since: date | None = Field(alias="valid_from")
    until: date | None = Field(alias="valid_until")


class CaseAssignmentOut(Schema):
    reference_professional: str
    team: str = Field(alias="team.name")
    abss: str
    municipality: str = Field(alias="municipality.ine_code")
    valid_from: date | None
    valid_until: date | None
    reason: str

    @staticmethod
    def resolve_reference_professional(assignment: CaseAssignment) -> str:
        return staff_name(assignment.reference_professional)

    @staticmethod
    def resolve_abss(assignment: CaseAssignment) -> str:
        case = assignment.case
        return case.abss.code if assignment.abss_id == case.abss_id else str(assignment.abss_id)


class ProblemOut(Schema):
    """A problem on the list; its nature is hidden when the reader may not see it."""

    code: str | None
    name: str | None
    group: str | None
    started_on: date
    ended_on: date | None
    restricted: bool

    @staticmethod
    def resolve_code(problem: CaseProblem) -> str | None:
        return problem.category.code if problem.readable else None

    @staticmethod
    def resolve_name(problem: CaseProblem) -> str | None:
        return problem.label if problem.readable else None

    @staticmethod
    def resolve_group(problem: CaseProblem) -> str | None:
        return problem.category.group if problem.readable else None

    @staticmethod
    def resolve_restricted(problem: CaseProblem) -> bool:
        return not problem.readable


def _if_readable(item: Intervention, value: T) -> T | None:
    return value if item.readable else None


class InterventionOut(Schema):
    id: int
    kind: str
    occurred_on: date
    restricted: bool
    duration_minutes: int | None = None
    summary: str | None = None
    confidentiality: str | None = None
    sensitivity: str | None = None
    author: str | None = None

    @staticmethod
    def resolve_restricted(item: Intervention) -> bool:
        return not item.readable

    @staticmethod
    def resolve_duration_minutes(item: Intervention) -> int | None:
        return _if_readable(item, item.duration_minutes)

    @staticmethod
    def resolve_summary(item: Intervention) -> str | None:
        return _if_readable(item, item.summary)

    @staticmethod
    def resolve_confidentiality(item: Intervention) -> str | None:
        return _if_readable(item, item.confidentiality)

    @staticmethod
    def resolve_sensitivity(item: Intervention) -> str | None:
        return _if_readable(item, item.sensitivity)

    @staticmethod
    def resolve_author(item: Intervention) -> str | None:
        return _if_readable(item, staff_name(item.author))


class CaseOut(Schema):
    """A case file as ``case_get_for`` reads it (a CaseView)."""

    public_id: UUID = Field(alias="case.public_id")
    number: str = Field(alias="case.number")
    status: str = Field(alias="case.status")
    abss: str = Field(alias="case.abss.code")
    opened_on: date = Field(alias="case.opened_on")
    closed_on: date | None = Field(alias="case.closed_on")
    last_contact: date | None = None
    version: int = Field(alias="case.version")
    team: str = Field(alias="case.team.name")
    municipality: str = Field(alias="case.municipality.ine_code")
    reference_professional: str
    closing_reason: str = Field(alias="case.closing_reason")
    participants: list[CaseParticipantOut]
    assignments: list[CaseAssignmentOut]
    problems: list[ProblemOut]

    @staticmethod
    def resolve_last_contact(view: Any) -> date | None:
        return view.last_contact

    @staticmethod
    def resolve_reference_professional(view: Any) -> str:
        return staff_name(view.case.reference_professional)


class PageOut(Schema):
    count: int = Field(alias="paginator.count")
    page: int = Field(alias="number")
    pages: int = Field(alias="paginator.num_pages")


class InterventionPage(PageOut):
    items: list[InterventionOut] = Field(alias="object_list")


class CasePage(PageOut):
    items: list[CaseSummaryOut] = Field(alias="object_list")


class TimelineEntryOut(Schema):
    on: date
    kind: str
    restricted: bool
    title: str | None
    summary: str | None
    case: str | None

    @staticmethod
    def resolve_restricted(entry: TimelineEntry) -> bool:
        return not entry.readable

    @staticmethod
    def resolve_title(entry: TimelineEntry) -> str | None:
        return entry.title if entry.readable else None

    @staticmethod
    def resolve_summary(entry: TimelineEntry) -> str | None:
        return (entry.summary or None) if entry.readable else None

    @staticmethod
    def resolve_case(entry: TimelineEntry) -> str | None:
        return entry.case.number if entry.case is not None and entry.readable else None


class TimelinePage(PageOut):
    items: list[TimelineEntryOut] = Field(alias="object_list")


class CaseOpenIn(In):
    person: UUID | None = None
    household: UUID | None = None
    opened_on: date | None = None
    reference_professional: str | None = None  # a username of the caller's ABSS


class CaseParticipantIn(In):
    person: UUID
    on: date | None = None


class ParticipantEndIn(In):
    on: date | None = None


class ReasonIn(In):
    reason: str
    version: int


_Kind = model_choice(Intervention, "kind")
_Confidentiality = model_choice(Intervention, "confidentiality")
_Sensitivity = model_choice(Intervention, "sensitivity")


class InterventionIn(In):
    kind: _Kind = "interview"  # type: ignore[valid-type]
    occurred_on: date | None = None
    duration_minutes: int = 30
    summary: str
    confidentiality: _Confidentiality = "team"  # type: ignore[valid-type]
    sensitivity: _Sensitivity = ""  # type: ignore[valid-type]
    persons: list[UUID] = []
