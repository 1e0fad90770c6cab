"""Referrals under /api/v1/referrals: the same services and selectors as the pages."""

import json
from datetime import date, datetime
from uuid import UUID

from django.http import HttpResponse
from ninja import Field, Router, Schema, Status

from xarxa.core.schemas import In, choice
from xarxa.records.policies import RecordsPerm
from xarxa.records.selectors import case_find_for
from xarxa.referrals import selectors, services
from xarxa.referrals.models import ConsentMethod, Message
from xarxa.referrals.selectors import ReferralView, Waiting
from xarxa.referrals.states import (
    LegalBasis,
    Outcome,
    RefusalReason,
    SharedData,
    State,
    Urgency,
)

router = Router(tags=["referrals"])


class ReferralIn(In):
    case: UUID
    person: UUID
    service: UUID
    reason: str
    request: str
    urgency: choice(Urgency) = "ordinary"  # type: ignore[valid-type]
    shared: list[choice(SharedData)]  # type: ignore[valid-type]
    consent_given: bool = False
    consent_by: str = ""
    consent_method: choice(ConsentMethod, blank=True) = ""  # type: ignore[valid-type]
    legal_basis: choice(LegalBasis, blank=True) = ""  # type: ignore[valid-type]
    legal_basis_note: str = ""
    transition_from: UUID | None = None  # the catalogue service the person leaves
    goals: list[int] = []  # ids of open goals of the case's plan (see /plans) to carry
    send: bool = True


class MoveIn(In):
    to: choice(State)  # type: ignore[valid-type]
    version: int
    reason: str = ""
    refusal_reason: choice(RefusalReason, blank=True) = ""  # type: ignore[valid-type]
    alternative: str = ""
    outcome: choice(Outcome, blank=True) = ""  # type: ignore[valid-type]


class ReferralOut(Schema):
    """A referral as a list shows it (what was shared included: the caller's side reads it)."""

    public_id: UUID
    state: str
    # None: a restricted service the caller may not know of (see referrals.shared).
    service: str | None = Field(alias="view.service", default=None)
    receiving_team: str | None = Field(alias="view.receiver", default=None)
    urgency: str
    answer_due: date | None
    overdue: bool
    version: int
    # What the caller reads of it (referrals.shared): None when not shared with the
    # caller's side, or no longer (a finished referral shows nothing to the receiver).
    person: str | None = Field(alias="view.person", default=None)
    reason: str | None = Field(alias="view.reason", default=None)
    request: str | None = Field(alias="view.request", default=None)
    transition_from: str | None = Field(alias="view.transition_from", default=None)
    goals: list[dict] | None = Field(alias="view.goals", default=None)  # as when referred
    next_states: list[str] = []


class ReferralDetailOut(ReferralOut):
    """One referral read through ``referral_get_for``: what was shared only while the
    caller's side may read it, and where the caller may move it."""

    public_id: UUID = Field(alias="referral.public_id")
    state: str = Field(alias="referral.state")
    service: str | None = Field(alias="shared.service", default=None)
    receiving_team: str | None = Field(alias="shared.receiver", default=None)
    urgency: str = Field(alias="referral.urgency")
    answer_due: date | None = Field(alias="referral.answer_due")
    overdue: bool = Field(alias="referral.overdue")
    version: int = Field(alias="referral.version")
    person: str | None = Field(alias="shared.person", default=None)
    reason: str | None = Field(alias="shared.reason", default=None)
    request: str | None = Field(alias="shared.request", default=None)
    transition_from: str | None = Field(alias="shared.transition_from", default=None)
    goals: list[dict] | None = Field(alias="shared.goals", default=None)
    contact: list[str] | None = Field(alias="shared.contact", default=None)
    household: list[str] | None = Field(alias="shared.household", default=None)
    problems: list[str] | None = Field(alias="shared.problems", default=None)
    next_states: list[str]


def _detail(user, public_id) -> ReferralView:
    view = selectors.referral_get_for(user, public_id)
    services.notices_mark_read(actor=user, referral=view.referral)
    return view


class MessageIn(In):
    text: str
    to_both: bool = True  # False: a note only the writer's side reads


class MessageOut(Schema):
    author: str
    side: str

    @staticmethod
    def resolve_author(message: Message) -> str:
        return message.author.get_full_name() or message.author.username

    to_both: bool
    at: datetime
    text: str


class NoticeOut(Schema):
    referral: UUID = Field(alias="referral.public_id")
    service: str | None = Field(alias="service_name", default=None)  # None: restricted
    kind: str  # new, reminder, escalation, expired, answered, start_overdue
    at: datetime


class WaitingOut(Schema):
    position: int
    referral: UUID | None  # None when the caller's ABSS did not send it
    person: str | None  # the given name, on the same condition
    abss: str
    urgency: str = Field(alias="referral.urgency")
    accepted_at: datetime = Field(alias="referral.accepted_at")

    @staticmethod
    def resolve_referral(row: Waiting) -> UUID | None:
        return row.referral.public_id if row.shows_person else None

    @staticmethod
    def resolve_person(row: Waiting) -> str | None:
        return row.referral.person.given_names if row.shows_person else None

    @staticmethod
    def resolve_abss(row: Waiting) -> str:
        return str(row.referral.case.abss)


@router.get("/waiting/{uuid:service_public_id}", response=list[WaitingOut])
def waiting_list(request, service_public_id: UUID):
    """Who waits for a place at a service, in the order places are given. A place is
    assigned by moving the referral to ``in_progress``."""
    service = selectors.service_with_places_get(request.auth, service_public_id)
    return selectors.waiting_list_for(request.auth, service).rows


@router.get("/notices", response=list[NoticeOut])
def notices(request):
    """What the caller's teams have not seen yet, newest first (as on the inbox and the
    sent list); opening a referral marks its notices seen."""
    return selectors.notices_for(request.auth)


@router.get("/inbox", response=list[ReferralOut])
def inbox(request, page: int = 1, all: bool = False):
    """Referrals sent to the caller's teams (open ones unless ``all``)."""
    found = selectors.inbox_for(request.auth, page=page, open_only=not all, exact=True)
    return list(found.object_list)


@router.get("/sent", response=list[ReferralOut])
def sent(request, page: int = 1):
    return list(selectors.outbox_for(request.auth, page=page, exact=True).object_list)


@router.post("", response={201: ReferralDetailOut})
def create(request, payload: ReferralIn):
    """Refer someone of a case file; an unknown person, service or goal is refused (422)."""
    case, _via = case_find_for(request.auth, payload.case, perm=RecordsPerm.EDIT)
    referral = services.referral_create(
        actor=request.auth, case=case, person=payload.person, service=payload.service,
        data=payload.dict(exclude={"case", "person", "service", "send"}), send=payload.send,
    )  # fmt: skip
    return Status(201, _detail(request.auth, referral.public_id))


@router.get("/{uuid:public_id}", response=ReferralDetailOut)
def detail(request, public_id: UUID):
    return _detail(request.auth, public_id)


@router.get(
    "/{uuid:public_id}/fhir",
    response={200: dict},
    openapi_extra={
        "responses": {200: {"description": "A FHIR R4B Bundle (ServiceRequest, Task, Patient)",
                            "content": {"application/fhir+json": {"schema": {"type": "object"}}}}}
    },
)  # fmt: skip
def fhir(request, public_id: UUID):
    """The referral as an HL7 FHIR Bundle: ServiceRequest, Task and the Patient (R4B)."""
    bundle = selectors.referral_fhir_for(request.auth, public_id)
    return HttpResponse(json.dumps(bundle), content_type="application/fhir+json")


@router.get("/{uuid:public_id}/messages", response=list[MessageOut])
def messages(request, public_id: UUID):
    """The messages the caller's side may read (to both sides, or its own notes)."""
    return selectors.referral_get_for(request.auth, public_id).messages


@router.post("/{uuid:public_id}/messages", response={201: MessageOut})
def message_post(request, public_id: UUID, payload: MessageIn):
    view = selectors.referral_get_for(request.auth, public_id)
    message = services.message_post(
        actor=request.auth, referral=view.referral, text=payload.text, to_both=payload.to_both
    )
    return Status(201, message)


@router.post("/{uuid:public_id}/move", response=ReferralDetailOut)
def move(request, public_id: UUID, payload: MoveIn):
    """Move the referral to ``to`` (see ``next_states``); ``version`` is the one you read.
    Someone else's move in between: 409 (the kit's stale-edit problem)."""
    view = selectors.referral_get_for(request.auth, public_id)
    services.referral_move(
        actor=request.auth, referral=view.referral, expected_version=payload.version,
        **payload.dict(exclude={"version"}),
    )  # fmt: skip
    return _detail(request.auth, public_id)
