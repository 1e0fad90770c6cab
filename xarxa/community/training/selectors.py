"""Protected reads about the facilitators' training plan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch
from django.utils import timezone

from xarxa.accounts.models import Assignment
from xarxa.accounts.roles import Role
from xarxa.community.common import get_by_public_id
from xarxa.community.points.selectors import points_in_reach
from xarxa.community.policies import CommunityPerm
from xarxa.community.training.models import (
    FACILITATOR_COMPETENCES,
    TrainingCourse,
    TrainingEnrolment,
)
from xarxa.core.policies import check_perm

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.community.points.models import Point


def courses_for(user: User) -> list[Any]:
    """The training plan, with the user's own enrolment on each course (``.mine``)."""
    check_perm(user, CommunityPerm.VIEW)
    mine = TrainingEnrolment.objects.filter(user=user)
    return list(
        TrainingCourse.objects.annotate(enrolled=Count("enrolments")).prefetch_related(
            Prefetch("enrolments", queryset=mine, to_attr="mine")
        )[:100]
    )


def course_get_for(
    user: User, public_id: object, *, perm: str = CommunityPerm.MANAGE_TRAINING
) -> TrainingCourse:
    """One course of the plan, for who holds ``perm`` (managing it, or enrolling)."""
    check_perm(user, perm)
    return get_by_public_id(TrainingCourse.objects.all(), public_id)


def enrolments_of_for(user: User, course: TrainingCourse) -> list[TrainingEnrolment]:
    check_perm(user, CommunityPerm.MANAGE_TRAINING)
    return list(
        TrainingEnrolment.objects.filter(course=course)
        .select_related("user")
        .order_by("user__last_name")
    )


@dataclass
class FacilitatorRow:
    user: User
    point: Point
    courses: list[TrainingCourse]
    competences: list[str]
    hours: int


def facilitator_competences_for(user: User) -> list[FacilitatorRow]:
    """The facilitators in the user's reach, with the courses they completed and the
    competences those courses give."""
    check_perm(user, CommunityPerm.VIEW)
    today = timezone.localdate()
    assignments = (
        Assignment.objects.valid_on(today)
        .filter(role=Role.OMNIA_FACILITATOR, team__community_point__in=points_in_reach(user))
        .select_related("user", "team__community_point")
        .order_by("user__last_name", "user__first_name")
    )
    users = {a.user_id: a for a in assignments}
    done: dict[int, list[TrainingCourse]] = {}
    for enrolment in TrainingEnrolment.objects.filter(
        user_id__in=list(users), completed_on__isnull=False
    ).select_related("course"):
        done.setdefault(enrolment.user_id, []).append(enrolment.course)
    rows = []
    for user_id, assignment in users.items():
        courses = done.get(user_id, [])
        codes = sorted({c for course in courses for c in course.competences})
        rows.append(
            FacilitatorRow(
                user=assignment.user,
                point=assignment.team.community_point,
                courses=courses,
                competences=[str(FACILITATOR_COMPETENCES[c]) for c in codes],
                hours=sum(course.hours for course in courses),
            )
        )
    return rows
