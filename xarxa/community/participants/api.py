"""Participants under /api/v1/community: adding them, enrolling them, their path and what
is recorded on it."""

from datetime import date
from uuid import UUID

from ninja import Router, Schema, Status

from xarxa.community.activities.selectors import activity_get_for
from xarxa.community.participants import selectors, services
from xarxa.community.participants.models import ActicResult, Outcome, Participant, SelfAssessment
from xarxa.community.points.selectors import point_get_for
from xarxa.community.policies import CommunityPerm
from xarxa.core.schemas import In, model_choice, model_text

router = Router(tags=["community"])


class ProfileIn(In):
    gender: model_choice(Participant, "gender")  # type: ignore[valid-type]
    age_band: model_choice(Participant, "age_band")  # type: ignore[valid-type]
    situation: model_choice(Participant, "situation")  # type: ignore[valid-type]
    origin: model_choice(Participant, "origin") = "not_stated"  # type: ignore[valid-type]


class ParticipantIn(ProfileIn):
    registered: bool = False
    consent: bool = False
    first_name: model_text(Participant, "first_name") = ""  # type: ignore[valid-type]
    last_name: model_text(Participant, "last_name") = ""  # type: ignore[valid-type]
    phone: model_text(Participant, "phone") = ""  # type: ignore[valid-type]
    email: str = ""


class ParticipantOut(Schema):
    public_id: UUID
    registered: bool
    name: str
    gender: str
    age_band: str
    origin: str
    situation: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.display_name if obj.registered else ""


class EnrolmentOut(Schema):
    activity: UUID
    participant: UUID

    @staticmethod
    def resolve_activity(obj) -> UUID:
        return obj.activity.public_id

    @staticmethod
    def resolve_participant(obj) -> UUID:
        return obj.participant.public_id


class SelfAssessmentIn(In):
    moment: model_choice(SelfAssessment, "moment")  # type: ignore[valid-type]
    scores: dict[str, int]


class SelfAssessmentOut(Schema):
    moment: str
    assessed_on: date
    scores: dict[str, int]


class ActicIn(In):
    level: model_choice(ActicResult, "level")  # type: ignore[valid-type]
    obtained_on: date


class ActicOut(Schema):
    level: str
    obtained_on: date


class OutcomeIn(In):
    kind: model_choice(Outcome, "kind")  # type: ignore[valid-type]
    on: date
    note: model_text(Outcome, "note") = ""  # type: ignore[valid-type]


class OutcomeOut(Schema):
    kind: str
    on: date
    note: str


class PathActivityOut(Schema):
    public_id: UUID
    title: str
    axis: str
    attended: int


class PathOut(Schema):
    participant: ParticipantOut
    uses: int
    activities: list[PathActivityOut]
    digcomp: list[str]
    actic: list[str]
    self_assessments: list[SelfAssessmentOut]
    actic_levels: list[ActicOut]
    outcomes: list[OutcomeOut]

    @staticmethod
    def resolve_actic_levels(obj) -> list:
        return obj.actic_results


@router.post("/points/{public_id}/participants", response={201: ParticipantOut})
def participant_add(request, public_id: UUID, body: ParticipantIn):
    found = point_get_for(request.user, public_id, perm=CommunityPerm.RUN)
    return Status(201, services.participant_add(actor=request.user, point=found, **body.dict()))


@router.post("/activities/{public_id}/enrolments", response={201: EnrolmentOut})
def enrolment_add(request, public_id: UUID, participant: UUID):
    activity = activity_get_for(request.user, public_id)
    found = selectors.participant_get_for(request.user, participant)
    return Status(
        201, services.enrolment_add(actor=request.user, activity=activity, participant=found)
    )


@router.get("/participants/{public_id}", response=PathOut)
def participant_path(request, public_id: UUID):
    participant = selectors.participant_get_for(request.user, public_id)
    return selectors.path_for(request.user, participant)


@router.post("/participants/{public_id}/self-assessments", response={201: SelfAssessmentOut})
def self_assessment(request, public_id: UUID, body: SelfAssessmentIn):
    participant = selectors.participant_get_for(request.user, public_id)
    result = services.self_assessment_record(
        actor=request.user, participant=participant, moment=body.moment, scores=body.scores
    )
    return Status(201, result)


@router.post("/participants/{public_id}/actic", response={201: ActicOut})
def actic(request, public_id: UUID, body: ActicIn):
    participant = selectors.participant_get_for(request.user, public_id)
    return Status(
        201,
        services.actic_result_record(actor=request.user, participant=participant, **body.dict()),
    )


@router.post("/participants/{public_id}/outcomes", response={201: OutcomeOut})
def outcome(request, public_id: UUID, body: OutcomeIn):
    participant = selectors.participant_get_for(request.user, public_id)
    return Status(
        201, services.outcome_record(actor=request.user, participant=participant, **body.dict())
    )
