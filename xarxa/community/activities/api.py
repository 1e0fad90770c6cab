"""Activities and sessions under /api/v1/community."""

from datetime import date
from uuid import UUID

from django.utils import timezone
from ninja import Router, Schema, Status

from xarxa.community.activities import selectors, services
from xarxa.community.activities.models import Activity, TargetGroup
from xarxa.community.points.selectors import point_get_for
from xarxa.community.policies import CommunityPerm
from xarxa.core.schemas import In, LocalTime, choice, model_choice, model_text

router = Router(tags=["community"])


class ActivityIn(In):
    title: model_text(Activity, "title")  # type: ignore[valid-type]
    axis: model_choice(Activity, "axis")  # type: ignore[valid-type]
    kind: model_choice(Activity, "kind")  # type: ignore[valid-type]
    starts_on: date
    ends_on: date | None = None
    description: str = ""
    target_groups: list[choice(TargetGroup)] = []  # type: ignore[valid-type]
    digcomp: list[str] = []
    actic: list[str] = []
    schedule: model_text(Activity, "schedule") = ""  # type: ignore[valid-type]
    capacity: int | None = None


class ActivityOut(Schema):
    public_id: UUID
    title: str
    axis: str
    kind: str
    starts_on: date
    ends_on: date | None
    target_groups: list[str]
    digcomp: list[str]
    actic: list[str]
    schedule: str
    capacity: int | None


class SessionsIn(In):
    first: date
    starts_at: LocalTime
    ends_at: LocalTime
    weeks: int = 1


class SessionOut(Schema):
    public_id: UUID
    activity: UUID
    title: str
    point: UUID
    date: date
    starts_at: LocalTime
    ends_at: LocalTime
    cancelled: bool

    @staticmethod
    def resolve_activity(obj) -> UUID:
        return obj.activity.public_id

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.activity.title

    @staticmethod
    def resolve_point(obj) -> UUID:
        return obj.point.public_id


@router.get("/points/{public_id}/activities", response=list[ActivityOut])
def activities(request, public_id: UUID):
    found = point_get_for(request.user, public_id)
    return list(selectors.activity_list_for(request.user, found))


@router.post("/points/{public_id}/activities", response={201: ActivityOut})
def activity_create(request, public_id: UUID, body: ActivityIn):
    found = point_get_for(request.user, public_id, perm=CommunityPerm.RUN)
    return Status(201, services.activity_create(actor=request.user, point=found, **body.dict()))


@router.post("/activities/{public_id}/sessions", response={201: list[SessionOut]})
def sessions_plan(request, public_id: UUID, body: SessionsIn):
    activity = selectors.activity_get_for(request.user, public_id)
    return Status(201, services.session_plan(actor=request.user, activity=activity, **body.dict()))


@router.get("/sessions", response=list[SessionOut])
def sessions_on(request, day: date | None = None):
    return selectors.sessions_on_for(request.user, day or timezone.localdate())


@router.post("/sessions/{public_id}/cancel", response=SessionOut)
def session_cancel(request, public_id: UUID):
    session = selectors.session_get_for(request.user, public_id)
    return services.session_cancel(actor=request.user, session=session)
