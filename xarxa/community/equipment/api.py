"""Equipment under /api/v1/community."""

from datetime import date
from uuid import UUID

from ninja import Router, Schema, Status

from xarxa.community.equipment import selectors, services
from xarxa.community.equipment.models import Device, Incident
from xarxa.community.points.selectors import point_get_for
from xarxa.community.policies import CommunityPerm
from xarxa.core.schemas import In, model_choice, model_text

router = Router(tags=["community"])


class DeviceIn(In):
    kind: model_choice(Device, "kind")  # type: ignore[valid-type]
    label: model_text(Device, "label")  # type: ignore[valid-type]
    year: int | None = None
    loanable: bool = False


class DeviceOut(Schema):
    public_id: UUID
    kind: str
    label: str
    year: int | None
    state: str
    loanable: bool
    lent: bool = False


class IncidentIn(In):
    kind: model_choice(Incident, "kind")  # type: ignore[valid-type]
    description: model_text(Incident, "description")  # type: ignore[valid-type]
    estimated_cost: int | None = None


class IncidentOut(Schema):
    public_id: UUID
    point: str
    kind: str
    description: str
    estimated_cost: int | None
    reported_on: date
    resolved_on: date | None

    @staticmethod
    def resolve_point(obj) -> str:
        return obj.point.name


class ConnectionOut(Schema):
    kind: str
    mbps: int | None
    public_wifi: bool
    checked_on: date


class EquipmentOut(Schema):
    connection: ConnectionOut | None
    devices: list[DeviceOut]
    incidents: list[IncidentOut]


@router.get("/points/{public_id}/equipment", response=EquipmentOut)
def equipment(request, public_id: UUID):
    found = point_get_for(request.user, public_id)
    return selectors.equipment_for(request.user, found)


@router.post("/points/{public_id}/devices", response={201: DeviceOut})
def device_add(request, public_id: UUID, body: DeviceIn):
    found = point_get_for(request.user, public_id, perm=CommunityPerm.MANAGE_POINT)
    return Status(201, services.device_add(actor=request.user, point=found, **body.dict()))


@router.post("/points/{public_id}/incidents", response={201: IncidentOut})
def incident_report(request, public_id: UUID, body: IncidentIn):
    found = point_get_for(request.user, public_id, perm=CommunityPerm.MANAGE_POINT)
    return Status(201, services.incident_report(actor=request.user, point=found, **body.dict()))


@router.get("/needs", response=list[IncidentOut])
def needs(request):
    incidents, _states = selectors.needs_for(request.user)
    return incidents
