"""Case files, interventions and the timeline under /api/v1/cases, and the subject-access
export under /api/v1/persons: the same selectors and services as the pages, so the same
access rules, masking and audit rows. Refusals propagate to the central error kit."""

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from xarxa.accounts.reauth import recent_password_required
from xarxa.core.types import ApiRequest
from xarxa.people.selectors import household_get_for, person_get_for
from xarxa.records import selectors, services
from xarxa.records.models import CaseFile, Intervention, TimelineEntry
from xarxa.records.policies import RecordsPerm
from xarxa.records.schemas import (
    CaseOpenIn,
    CaseOut,
    CasePage,
    CaseParticipantIn,
    InterventionIn,
    InterventionOut,
    InterventionPage,
    ParticipantEndIn,
    ReasonIn,
    TimelinePage,
)
from xarxa.records.selectors import CaseView
from xarxa.records.subject_access import (
    subject_access_prepare,
    subject_access_release,
    subject_access_response,
)

router = Router(tags=["records"])
persons_router = Router(tags=["people"])  # mounted at /persons beside the people router


@router.get("/mine", response=CasePage)
def mine(request: ApiRequest, status: str = "open", page: int = 1) -> Page[CaseFile]:
    """The caller's own case files as reference professional, longest without contact
    first."""
    return selectors.caseload_for(request.auth, status=status, page=page, exact=True)


@router.post("", response={201: CaseOut})
def open_case(request: ApiRequest, payload: CaseOpenIn) -> Status:
    """Open a case file for a person or a household, in the caller's ABSS."""
    if (payload.person is None) == (payload.household is None):
        raise ValidationError(_("Send either a person or a household."))
    reference = None
    if payload.reference_professional:
        staff = {u.username: u for u in selectors.opening_professionals_for(request.auth)}
        reference = staff.get(payload.reference_professional)
        if reference is None:
            message = _("The reference professional must work in this ABSS.")
            raise ValidationError({"reference_professional": [message]})
    if payload.person:
        person = person_get_for(request.auth, payload.person).person
        case = services.case_open(
            actor=request.auth,
            person=person,
            opened_on=payload.opened_on,
            reference_professional=reference,
        )
    else:
        assert payload.household is not None
        household = household_get_for(request.auth, payload.household).household
        case = services.case_open(
            actor=request.auth,
            household=household,
            opened_on=payload.opened_on,
            reference_professional=reference,
        )
    return Status(201, selectors.case_get_for(request.auth, case.public_id))


@router.get("/{uuid:public_id}", response=CaseOut)
def detail(request: ApiRequest, public_id: UUID) -> CaseView:
    return selectors.case_get_for(request.auth, public_id)


@router.post("/{uuid:public_id}/close", response=CaseOut)
def close(request: ApiRequest, public_id: UUID, payload: ReasonIn) -> CaseView:
    case, _via = selectors.case_find_for(request.auth, public_id, perm=RecordsPerm.EDIT)
    services.case_close(
        actor=request.auth, case=case, reason=payload.reason, expected_version=payload.version
    )
    return selectors.case_get_for(request.auth, public_id)


@router.post("/{uuid:public_id}/reopen", response=CaseOut)
def reopen(request: ApiRequest, public_id: UUID, payload: ReasonIn) -> CaseView:
    case, _via = selectors.case_find_for(request.auth, public_id, perm=RecordsPerm.EDIT)
    services.case_reopen(
        actor=request.auth, case=case, reason=payload.reason, expected_version=payload.version
    )
    return selectors.case_get_for(request.auth, public_id)


@router.post("/{uuid:public_id}/participants", response={201: CaseOut})
def participant_add(request: ApiRequest, public_id: UUID, payload: CaseParticipantIn) -> Status:
    """Someone joins the case file (any person the caller may read the file of)."""
    case, _via = selectors.case_find_for(request.auth, public_id, perm=RecordsPerm.EDIT)
    person = person_get_for(request.auth, payload.person).person
    services.case_participant_add(actor=request.auth, case=case, person=person, on=payload.on)
    return Status(201, selectors.case_get_for(request.auth, public_id))


@router.post("/{uuid:public_id}/participants/{uuid:person_public_id}/end", response=CaseOut)
def participant_end(
    request: ApiRequest, public_id: UUID, person_public_id: UUID, payload: ParticipantEndIn
) -> CaseView:
    """Someone is no longer covered by the case file; the history stays."""
    case, _via = selectors.case_find_for(request.auth, public_id, perm=RecordsPerm.EDIT)
    participant = selectors.case_participation_for(case, person_public_id=person_public_id)
    services.case_participant_end(
        actor=request.auth, case=case, participant=participant, on=payload.on
    )
    return selectors.case_get_for(request.auth, public_id)


@router.get("/{uuid:public_id}/interventions", response=InterventionPage)
def interventions(request: ApiRequest, public_id: UUID, page: int = 1) -> Page[Intervention]:
    """Newest first; an entry the caller may not read shows only its date and kind."""
    return selectors.case_get_for(request.auth, public_id, page=page, exact=True).interventions


@router.post("/{uuid:public_id}/interventions", response={201: InterventionOut})
def intervention_add(request: ApiRequest, public_id: UUID, payload: InterventionIn) -> Status:
    case, _via = selectors.case_find_for(request.auth, public_id, perm=RecordsPerm.EDIT)
    item = services.intervention_add(
        actor=request.auth,
        case=case,
        kind=payload.kind,
        occurred_on=payload.occurred_on or timezone.localdate(),
        duration_minutes=payload.duration_minutes,
        summary=payload.summary,
        confidentiality=payload.confidentiality,
        sensitivity=payload.sensitivity,
        persons=payload.persons,
    )
    item.readable = True  # the author reads their own note
    return Status(201, item)


@router.get("/persons/{uuid:person_public_id}/timeline", response=TimelinePage)
def timeline(
    request: ApiRequest,
    person_public_id: UUID,
    page: int = 1,
    kind: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    case: UUID | None = None,
) -> Page[TimelineEntry]:
    """One person's life-course timeline, newest first, 50 a page."""
    person = person_get_for(request.auth, person_public_id).person
    case_obj = None
    if case is not None:
        case_obj = selectors.case_of_person_for(request.auth, person, case)
    return selectors.timeline_for(
        request.auth,
        person,
        kinds=kind or None,
        date_from=date_from,
        date_to=date_to,
        case=case_obj,
        page=page,
        exact=True,
    )


@persons_router.get("/{uuid:public_id}/export")
@recent_password_required
def export(request: ApiRequest, public_id: UUID, format: str = "json") -> HttpResponse:
    """Everything held about the person (right of access): JSON, or `format=pdf`.
    Data-protection officer only; audited."""
    return subject_access_response(request.auth, public_id, format)


class SubjectAccessOut(Schema):
    id: UUID
    third_parties_redacted: int
    released: bool
    data: dict

    @staticmethod
    def resolve_id(obj) -> UUID:
        return obj.public_id

    @staticmethod
    def resolve_released(obj) -> bool:
        return obj.released_at is not None


@persons_router.post("/{uuid:public_id}/export/review", response={201: SubjectAccessOut})
@recent_password_required
def export_prepare(request: ApiRequest, public_id: UUID) -> Status:
    """Prepare the export for the officer's review (third parties redacted); the person
    can be given it only after `release`."""
    return Status(201, subject_access_prepare(request.auth, public_id))


@persons_router.post("/{uuid:public_id}/export/{uuid:export_id}/release", response=SubjectAccessOut)
@recent_password_required
def export_release(request: ApiRequest, public_id: UUID, export_id: UUID):
    """The officer has reviewed the prepared export: release it (409 if already released)."""
    return subject_access_release(request.auth, public_id, export_id)
