"""The facilitators' training plan under /api/v1/community."""

from datetime import date
from uuid import UUID

from ninja import Router, Schema, Status

from xarxa.community.policies import CommunityPerm
from xarxa.community.training import selectors, services

router = Router(tags=["community"])


class CourseOut(Schema):
    public_id: UUID
    title: str
    starts_on: date
    hours: int
    competences: list[str]
    enrolled: bool
    completed_on: date | None

    @staticmethod
    def resolve_enrolled(obj) -> bool:
        return bool(obj.mine)

    @staticmethod
    def resolve_completed_on(obj) -> date | None:
        return obj.mine[0].completed_on if obj.mine else None


class TrainingEnrolmentOut(Schema):
    course: UUID

    @staticmethod
    def resolve_course(obj) -> UUID:
        return obj.course.public_id


class FacilitatorOut(Schema):
    facilitator: str
    point: str
    courses: list[str]
    hours: int
    competences: list[str]

    @staticmethod
    def resolve_facilitator(obj) -> str:
        return obj.user.display_name

    @staticmethod
    def resolve_point(obj) -> str:
        return obj.point.name

    @staticmethod
    def resolve_courses(obj) -> list[str]:
        return [c.title for c in obj.courses]


@router.get("/training", response=list[CourseOut])
def training(request):
    return selectors.courses_for(request.user)


@router.post("/training/{public_id}/enrolments", response={201: TrainingEnrolmentOut})
def training_enrol(request, public_id: UUID):
    course = selectors.course_get_for(request.user, public_id, perm=CommunityPerm.TRAIN)
    return Status(201, services.training_enrol(actor=request.user, course=course))


@router.get("/training/facilitators", response=list[FacilitatorOut])
def facilitators(request):
    return selectors.facilitator_competences_for(request.user)
