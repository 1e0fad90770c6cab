"""Case files, interventions and the timeline under /api/v1/cases: the same selectors
and services as the pages, so the same access rules, masking and audit rows."""

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError

from xarxa.core.concurrency import StaleEdit
from xarxa.core.errors import stale_problem
from xarxa.people.selectors import household_get_for, person_get_for
from xarxa.records import selectors, services
from xarxa.records.policies import RecordsPerm

router = Router(tags=["records"])


class CaseSummaryOut(Schema):
    public_id: UUID
    number: str
    status: str
    abss: str
    opened_on: date
    closed_on: date | None
    last_contact: date | None = None


class ParticipantOut(Schema):
    public_id: UUID
    name: str
    since: date | None
    until: date | None


class AssignmentOut(Schema):
    reference_professional: str
    team: str
    abss: str
    municipality: str
    valid_from: date | None
    valid_until: date | None
    reason: str


class ProblemOut(Schema):
    code: str | None
    name: str | None
    group: str | None
    started_on: date
    ended_on: date | None
    restricted: bool


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


class CaseOut(CaseSummaryOut):
    version: int
    team: str
    municipality: str
    reference_professional: str
    closing_reason: str
    participants: list[ParticipantOut]
    assignments: list[AssignmentOut]
    problems: list[ProblemOut]


class InterventionPage(Schema):
    count: int
    page: int
    pages: int
    items: list[InterventionOut]


class CasePage(Schema):
    count: int
    page: int
    pages: int
    items: list[CaseSummaryOut]


class TimelineEntryOut(Schema):
    on: date
    kind: str
    restricted: bool
    title: str | None
    summary: str | None
    case: str | None


class TimelinePage(Schema):
    count: int
    page: int
    pages: int
    items: list[TimelineEntryOut]


class CaseOpenIn(Schema):
    person: UUID | None = None
    household: UUID | None = None
    opened_on: date | None = None
    reference_professional: str | None = None  # a username of the caller's ABSS


class ParticipantIn(Schema):
    person: UUID
    on: date | None = None


class ParticipantEndIn(Schema):
    on: date | None = None


class ReasonIn(Schema):
    reason: str
    version: int


class InterventionIn(Schema):
    kind: str = "interview"
    occurred_on: date | None = None
    duration_minutes: int = 30
    summary: str
    confidentiality: str = "team"
    sensitivity: str = ""
    persons: list[UUID] = []


def _staff(user) -> str:
    return user.get_full_name() or user.username


def _invalid(error: ValidationError):
    if hasattr(error, "error_dict"):
        items = error.message_dict.items()
    else:
        items = [("__all__", error.messages)]
    return NinjaValidationError(
        [
            {"loc": ["body", field], "msg": message, "type": "value_error"}
            for field, messages in items
            for message in messages
        ]
    )


def _stale(request, stale: StaleEdit):
    return stale_problem(request, stale)


def _summary(case) -> dict:
    return {
        "public_id": case.public_id,
        "number": case.number,
        "status": case.status,
        "abss": case.abss.code,
        "opened_on": case.opened_on,
        "closed_on": case.closed_on,
        "last_contact": getattr(case, "last_contact", None),
    }


def _intervention(item) -> dict:
    out = {"id": item.pk, "kind": item.kind, "occurred_on": item.occurred_on}
    if not item.readable:
        return {**out, "restricted": True}
    return {
        **out,
        "restricted": False,
        "duration_minutes": item.duration_minutes,
        "summary": item.summary,
        "confidentiality": item.confidentiality,
        "sensitivity": item.sensitivity,
        "author": _staff(item.author),
    }


def _page(page, items) -> dict:
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "items": items,
    }


def _case_out(view) -> dict:
    case = view.case
    return {
        **_summary(case),
        "version": case.version,
        "team": case.team.name,
        "municipality": case.municipality.ine_code,
        "reference_professional": _staff(case.reference_professional),
        "closing_reason": case.closing_reason,
        "participants": [
            {
                "public_id": p.person.public_id,
                "name": p.person.display_name,
                "since": p.valid_from,
                "until": p.valid_until,
            }
            for p in view.participants
        ],
        "assignments": [
            {
                "reference_professional": _staff(a.reference_professional),
                "team": a.team.name,
                "abss": case.abss.code if a.abss_id == case.abss_id else str(a.abss_id),
                "municipality": a.municipality.ine_code,
                "valid_from": a.valid_from,
                "valid_until": a.valid_until,
                "reason": a.reason,
            }
            for a in view.assignments
        ],
        "problems": [
            {
                "code": p.category.code if p.readable else None,
                "name": p.label if p.readable else None,
                "group": p.category.group if p.readable else None,
                "started_on": p.started_on,
                "ended_on": p.ended_on,
                "restricted": not p.readable,
            }
            for p in view.problems
        ],
    }


@router.get("/mine", response=CasePage)
def mine(request, status: str = "open", page: int = 1):
    """The caller's own case files as reference professional, longest without contact
    first."""
    found = selectors.caseload_for(request.auth, status=status, page=page)
    return _page(found, [_summary(c) for c in found])


@router.post("", response={201: CaseOut})
def open_case(request, payload: CaseOpenIn):
    """Open a case file for a person or a household, in the caller's ABSS."""
    if (payload.person is None) == (payload.household is None):
        raise _invalid(ValidationError(_("Send either a person or a household.")))
    opening = {"opened_on": payload.opened_on}
    if payload.reference_professional:
        staff = {u.username: u for u in selectors.opening_professionals_for(request.auth)}
        if payload.reference_professional not in staff:
            message = _("The reference professional must work in this ABSS.")
            raise _invalid(ValidationError({"reference_professional": [message]}))
        opening["reference_professional"] = staff[payload.reference_professional]
    try:
        if payload.person:
            person = person_get_for(request.auth, payload.person).person
            case = services.case_open(actor=request.auth, person=person, **opening)
        else:
            household = household_get_for(request.auth, payload.household).household
            case = services.case_open(actor=request.auth, household=household, **opening)
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, _case_out(selectors.case_get_for(request.auth, case.public_id)))


@router.get("/{uuid:public_id}", response=CaseOut)
def detail(request, public_id: UUID):
    return _case_out(selectors.case_get_for(request.auth, public_id))


def _status_change(request, public_id, payload: ReasonIn, change):
    case, _via = selectors.case_find_for(request.auth, public_id, perm=RecordsPerm.EDIT)
    try:
        change(
            actor=request.auth, case=case, reason=payload.reason, expected_version=payload.version
        )
    except StaleEdit as stale:
        return _stale(request, stale)
    except ValidationError as error:
        raise _invalid(error) from None
    return _case_out(selectors.case_get_for(request.auth, public_id))


@router.post("/{uuid:public_id}/close", response=CaseOut)
def close(request, public_id: UUID, payload: ReasonIn):
    return _status_change(request, public_id, payload, services.case_close)


@router.post("/{uuid:public_id}/reopen", response=CaseOut)
def reopen(request, public_id: UUID, payload: ReasonIn):
    return _status_change(request, public_id, payload, services.case_reopen)


@router.post("/{uuid:public_id}/participants", response={201: CaseOut})
def participant_add(request, public_id: UUID, payload: ParticipantIn):
    """Someone joins the case file (any person the caller may read the file of)."""
    case, _via = selectors.case_find_for(request.auth, public_id, perm=RecordsPerm.EDIT)
    person = person_get_for(request.auth, payload.person).person
    try:
        services.case_participant_add(actor=request.auth, case=case, person=person, on=payload.on)
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, _case_out(selectors.case_get_for(request.auth, public_id)))


@router.post("/{uuid:public_id}/participants/{uuid:person_public_id}/end", response=CaseOut)
def participant_end(request, public_id: UUID, person_public_id: UUID, payload: ParticipantEndIn):
    """Someone is no longer covered by the case file; the history stays."""
    case, _via = selectors.case_find_for(request.auth, public_id, perm=RecordsPerm.EDIT)
    participant = next(
        (
            p
            for p in case.participations
            if p.person.public_id == person_public_id and not p.valid_until
        ),
        None,
    )
    if participant is None:
        raise Http404
    try:
        services.case_participant_end(
            actor=request.auth, case=case, participant=participant, on=payload.on
        )
    except ValidationError as error:
        raise _invalid(error) from None
    return _case_out(selectors.case_get_for(request.auth, public_id))


@router.get("/{uuid:public_id}/interventions", response=InterventionPage)
def interventions(request, public_id: UUID, page: int = 1):
    """Newest first; an entry the caller may not read shows only its date and kind."""
    view = selectors.case_get_for(request.auth, public_id, page=page)
    return _page(view.interventions, [_intervention(i) for i in view.interventions])


@router.post("/{uuid:public_id}/interventions", response={201: InterventionOut})
def intervention_add(request, public_id: UUID, payload: InterventionIn):
    case, _via = selectors.case_find_for(request.auth, public_id, perm=RecordsPerm.EDIT)
    by_public_id = {
        str(p.person.public_id): p.person_id for p in case.participations if not p.valid_until
    }
    unknown = [str(p) for p in payload.persons if str(p) not in by_public_id]
    if unknown:
        message = _("Choose people who take part in this case file.")
        raise _invalid(ValidationError({"persons": [message]}))
    try:
        item = services.intervention_add(
            actor=request.auth,
            case=case,
            kind=payload.kind,
            occurred_on=payload.occurred_on or timezone.localdate(),
            duration_minutes=payload.duration_minutes,
            summary=payload.summary,
            confidentiality=payload.confidentiality,
            sensitivity=payload.sensitivity,
            persons=[by_public_id[str(p)] for p in payload.persons],
        )
    except ValidationError as error:
        raise _invalid(error) from None
    item.readable = True  # the author reads their own note
    return Status(201, _intervention(item))


@router.get("/persons/{uuid:person_public_id}/timeline", response=TimelinePage)
def timeline(
    request,
    person_public_id: UUID,
    page: int = 1,
    kind: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    case: UUID | None = None,
):
    """One person's life-course timeline, newest first, 50 a page."""
    person = person_get_for(request.auth, person_public_id).person
    case_obj = None
    if case is not None:
        cases = selectors.case_list_for_person(request.auth, person)
        case_obj = next((c for c in cases if c.public_id == case), None)
        if case_obj is None:
            raise Http404
    found = selectors.timeline_for(
        request.auth,
        person,
        kinds=kind or None,
        date_from=date_from,
        date_to=date_to,
        case=case_obj,
        page=page,
    )
    return _page(
        found,
        [
            {
                "on": e.on,
                "kind": e.kind,
                "restricted": not e.readable,
                "title": e.title if e.readable else None,
                "summary": (e.summary or None) if e.readable else None,
                "case": e.case.number if e.case_id and e.readable else None,
            }
            for e in found
        ],
    )
