"""Community projects under /api/v1/community."""

from datetime import date
from uuid import UUID

from ninja import Router, Schema, Status

from xarxa.community.points.selectors import point_get_for
from xarxa.community.policies import CommunityPerm
from xarxa.community.projects import selectors, services
from xarxa.core.schemas import In

router = Router(tags=["community"])


class ProjectIn(In):
    title: str
    goals: str
    starts_on: date
    framework: str = ""
    partners: str = ""
    ends_on: date | None = None


class ProjectOut(Schema):
    public_id: UUID
    point: str
    title: str
    framework: str
    goals: str
    partners: list[str]
    starts_on: date
    ends_on: date | None
    results: str

    @staticmethod
    def resolve_point(obj) -> str:
        return obj.point.name

    @staticmethod
    def resolve_partners(obj) -> list[str]:
        return obj.partner_list


@router.get("/projects", response=list[ProjectOut])
def projects(request, framework: str = ""):
    return selectors.project_list_for(request.user, framework=framework)


@router.post("/points/{public_id}/projects", response={201: ProjectOut})
def project_create(request, public_id: UUID, body: ProjectIn):
    found = point_get_for(request.user, public_id, perm=CommunityPerm.RUN)
    return Status(201, services.project_create(actor=request.user, point=found, **body.dict()))
