"""Referrals under /api/v1/referrals: the same services and selectors as the pages."""

from datetime import date, datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError

from xarxa.catalogue.models import Service
from xarxa.catalogue.selectors import service_get_for
from xarxa.core.concurrency import StaleEdit
from xarxa.people.models import Person
from xarxa.plans.selectors import goal_snapshot, open_goals_for
from xarxa.records.policies import RecordsPerm
from xarxa.records.selectors import case_find_for
from xarxa.referrals import selectors, services

router = Router(tags=["referrals"])


class ReferralIn(Schema):
    case: UUID
    person: UUID
    service: UUID
    reason: str
    request: str
    urgency: str = "ordinary"
    shared: list[str]
    consent_given: bool = False
    consent_by: str = ""
    consent_method: str = ""
    legal_basis: str = ""
    legal_basis_note: str = ""
    transition_from: UUID | None = None  # the catalogue service the person leaves
    goals: list[int] = []  # ids of open goals of the case's plan (see /plans) to carry
    send: bool = True


class MoveIn(Schema):
    to: str
    version: int
    reason: str = ""
    refusal_reason: str = ""
    alternative: str = ""
    outcome: str = ""


class ReferralOut(Schema):
    public_id: UUID
    state: str
    service: str
    receiving_team: str
    urgency: str
    answer_due: date | None
    overdue: bool
    version: int
    person: str | None  # None when the caller may no longer read what was shared
    reason: str | None
    request: str | None
    transition_from: str | None
    goals: list[dict] | None  # the plan goals carried, as they stood when referred
    next_states: list[str]


def _out(referral, *, shows_shared=True, next_states=()) -> dict:
    return {
        "public_id": referral.public_id,
        "state": referral.state,
        "service": referral.service.name,
        "receiving_team": referral.receiver_name,
        "urgency": referral.urgency,
        "answer_due": referral.answer_due,
        "overdue": referral.overdue,
        "version": referral.version,
        "person": referral.person.display_name if shows_shared else None,
        "reason": referral.reason if shows_shared else None,
        "request": referral.request if shows_shared else None,
        "transition_from": referral.transition_from.name if referral.transition_from else None,
        "goals": referral.goals if shows_shared else None,
        "next_states": list(next_states),
    }


def _invalid(error: ValidationError):
    return NinjaValidationError(
        [{"loc": [field], "msg": " ".join(msgs)} for field, msgs in error.message_dict.items()]
        if hasattr(error, "error_dict")
        else [{"loc": [], "msg": " ".join(error.messages)}]
    )


def _detail(user, public_id) -> dict:
    view = selectors.referral_get_for(user, public_id)
    services.notices_mark_read(actor=user, referral=view.referral)
    return _out(view.referral, shows_shared=view.shows_shared, next_states=view.next_states)


class MessageIn(Schema):
    text: str
    to_both: bool = True  # False: a note only the writer's side reads


class MessageOut(Schema):
    author: str
    side: str
    to_both: bool
    at: datetime
    text: str


class NoticeOut(Schema):
    referral: UUID
    service: str
    kind: str  # new, reminder, escalation, expired, answered, start_overdue
    at: datetime


class WaitingOut(Schema):
    position: int
    referral: UUID | None  # None when the caller's ABSS did not send it
    person: str | None  # the given name, on the same condition
    abss: str
    urgency: str
    accepted_at: datetime


def _message_out(message) -> dict:
    return {
        "author": message.author.get_full_name() or message.author.username,
        "side": message.side,
        "to_both": message.to_both,
        "at": message.at,
        "text": message.text,
    }


@router.get("/waiting/{uuid:service_public_id}", response=list[WaitingOut])
def waiting_list(request, service_public_id: UUID):
    """Who waits for a place at a service, in the order places are given. A place is
    assigned by moving the referral to ``in_progress``."""
    try:
        service = service_get_for(request.auth, service_public_id)
    except Service.DoesNotExist:
        raise Http404 from None
    return [
        {
            "position": row.position,
            "referral": row.referral.public_id if row.shows_person else None,
            "person": row.referral.person.given_names if row.shows_person else None,
            "abss": str(row.referral.case.abss),
            "urgency": row.referral.urgency,
            "accepted_at": row.referral.accepted_at,
        }
        for row in selectors.waiting_list_for(request.auth, service).rows
    ]


@router.get("/notices", response=list[NoticeOut])
def notices(request):
    """What the caller's teams have not seen yet, newest first (as on the inbox and the
    sent list); opening a referral marks its notices seen."""
    return [
        {"referral": n.referral.public_id, "service": n.referral.service.name, "kind": n.kind,
         "at": n.at}
        for n in selectors.notices_for(request.auth)
    ]  # fmt: skip


@router.get("/inbox", response=list[ReferralOut])
def inbox(request, page: int = 1, all: bool = False):
    """Referrals sent to the caller's teams (open ones unless ``all``)."""
    found = selectors.inbox_for(request.auth, page=page, open_only=not all)
    return [_out(r) for r in found.object_list]


@router.get("/sent", response=list[ReferralOut])
def sent(request, page: int = 1):
    return [_out(r) for r in selectors.outbox_for(request.auth, page=page).object_list]


@router.post("", response={201: ReferralOut})
def create(request, payload: ReferralIn):
    case, _via = case_find_for(request.auth, payload.case, perm=RecordsPerm.EDIT)
    person = get_object_or_404(Person, public_id=payload.person)
    service = get_object_or_404(Service, public_id=payload.service)
    data = payload.dict(exclude={"case", "person", "service", "send", "transition_from", "goals"})
    if payload.transition_from:
        data["transition_from"] = get_object_or_404(Service, public_id=payload.transition_from)
    open_goals = {g.pk: g for g in open_goals_for(request.auth, case)}
    unknown = [goal_id for goal_id in payload.goals if goal_id not in open_goals]
    if unknown:
        raise NinjaValidationError(
            [{"loc": ["goals"], "msg": f"Not open goals of this case's plan: {unknown}"}]
        )
    data["goals"] = [goal_snapshot(open_goals[goal_id]) for goal_id in payload.goals]
    try:
        referral = services.referral_create(
            actor=request.auth, case=case, person=person, service=service, data=data,
            send=payload.send,
        )  # fmt: skip
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, _detail(request.auth, referral.public_id))


@router.get("/{uuid:public_id}", response=ReferralOut)
def detail(request, public_id: UUID):
    return _detail(request.auth, public_id)


@router.get("/{uuid:public_id}/fhir")
def fhir(request, public_id: UUID):
    """The referral as an HL7 FHIR Bundle: ServiceRequest + Task (release 4)."""
    return selectors.referral_fhir_for(request.auth, public_id)


@router.get("/{uuid:public_id}/messages", response=list[MessageOut])
def messages(request, public_id: UUID):
    """The messages the caller's side may read (to both sides, or its own notes)."""
    return [_message_out(m) for m in selectors.referral_get_for(request.auth, public_id).messages]


@router.post("/{uuid:public_id}/messages", response={201: MessageOut})
def message_post(request, public_id: UUID, payload: MessageIn):
    view = selectors.referral_get_for(request.auth, public_id)
    try:
        message = services.message_post(
            actor=request.auth, referral=view.referral, text=payload.text,
            to_both=payload.to_both,
        )  # fmt: skip
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, _message_out(message))


@router.post("/{uuid:public_id}/move", response={200: ReferralOut, 409: dict})
def move(request, public_id: UUID, payload: MoveIn):
    """Move the referral to ``to`` (see ``next_states``); ``version`` is the one you read."""
    view = selectors.referral_get_for(request.auth, public_id)
    try:
        services.referral_move(
            actor=request.auth, referral=view.referral, expected_version=payload.version,
            **payload.dict(exclude={"version"}),
        )  # fmt: skip
    except StaleEdit:
        return Status(409, {"title": "The referral changed since you read it."})
    except ValidationError as error:
        raise _invalid(error) from None
    except KeyError:
        raise Http404 from None
    return _detail(request.auth, public_id)
