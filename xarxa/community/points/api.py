"""Points under /api/v1/community: the list, one point, its profile and its stops."""

from uuid import UUID

from ninja import Router, Schema, Status

from xarxa.community.points import selectors, services
from xarxa.community.points.models import Point
from xarxa.community.policies import CommunityPerm
from xarxa.core.schemas import In, LocalTime, model_choice, model_text

router = Router(tags=["community"])


class PointOut(Schema):
    public_id: UUID
    name: str
    kind: str
    municipality: str
    municipality_ine: str
    managing_entity: str
    address: str
    opening_hours: str
    accessibility: str
    step_free: bool
    description: str
    active: bool
    version: int

    @staticmethod
    def resolve_municipality(obj) -> str:
        return obj.municipality.name

    @staticmethod
    def resolve_municipality_ine(obj) -> str:
        return obj.municipality.ine_code

    @staticmethod
    def resolve_managing_entity(obj) -> str:
        return str(obj.managing_entity)


class PointDetailOut(PointOut):
    facilitators: list[str]

    @staticmethod
    def resolve_facilitators(obj) -> list[str]:
        return [a.user.display_name for a in selectors.facilitators_of(obj)]


class PointPatch(In):
    version: int
    name: model_text(Point, "name") | None = None  # type: ignore[valid-type]
    kind: model_choice(Point, "kind") | None = None  # type: ignore[valid-type]
    address: model_text(Point, "address") | None = None  # type: ignore[valid-type]
    opening_hours: model_text(Point, "opening_hours") | None = None  # type: ignore[valid-type]
    accessibility: str | None = None
    step_free: bool | None = None
    description: str | None = None
    active: bool | None = None


class StopIn(In):
    municipality: str  # INE code
    place: str
    weekday: int
    starts_at: LocalTime
    ends_at: LocalTime


class StopOut(Schema):
    municipality: str
    place: str
    weekday: int
    starts_at: LocalTime
    ends_at: LocalTime

    @staticmethod
    def resolve_municipality(obj) -> str:
        return obj.municipality.name


@router.get("/points", response=list[PointOut])
def points(request, q: str = ""):
    return selectors.point_list_for(request.user, search=q[:100])


@router.get("/points/{public_id}", response=PointDetailOut)
def point(request, public_id: UUID):
    return selectors.point_get_for(request.user, public_id)


@router.patch("/points/{public_id}", response=PointOut)
def point_patch(request, public_id: UUID, body: PointPatch):
    found = selectors.point_get_for(request.user, public_id, perm=CommunityPerm.MANAGE_POINT)
    data = body.dict(exclude_unset=True, exclude={"version"})
    data = {k: v for k, v in data.items() if v is not None}
    return services.point_update(
        actor=request.user, point=found, data=data, expected_version=body.version
    )


@router.get("/points/{public_id}/stops", response=list[StopOut])
def stops(request, public_id: UUID):
    found = selectors.point_get_for(request.user, public_id)
    return selectors.stops_of_for(request.user, found)


@router.post("/points/{public_id}/stops", response={201: StopOut})
def stop_add(request, public_id: UUID, body: StopIn):
    found = selectors.point_get_for(request.user, public_id, perm=CommunityPerm.MANAGE_POINT)
    return Status(201, services.stop_add(actor=request.user, point=found, **body.dict()))
