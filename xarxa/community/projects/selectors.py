"""Protected reads about community projects."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet

from xarxa.community.activities.models import Activity
from xarxa.community.attendance.models import Attendance
from xarxa.community.common import get_by_public_id
from xarxa.community.points.policies import require_point
from xarxa.community.points.selectors import points_in_reach
from xarxa.community.policies import CommunityPerm
from xarxa.community.projects.models import Project
from xarxa.core.policies import check_perm

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.community.points.models import Point


def project_list_for(
    user: User, *, point: Point | None = None, framework: str | None = None
) -> QuerySet[Project]:
    check_perm(user, CommunityPerm.VIEW)
    if point is not None:
        require_point(user, point, CommunityPerm.VIEW)
        projects = Project.objects.filter(point=point)
    else:
        projects = Project.objects.filter(point__in=points_in_reach(user))
    if framework:
        projects = projects.filter(framework=framework)
    return projects.select_related("point").annotate(
        activity_count=Count("activities", distinct=True)
    )


@dataclass
class ProjectView:
    project: Project
    activities: Sequence[Activity]  # with .session_count
    participants: int  # how many took part (a count only)
    others: list[Activity]  # the point's activities that could be linked (for who runs it)


def project_get_for(user: User, public_id: object) -> ProjectView:
    """A project with its linked activities and how many took part (a count only)."""
    project = get_by_public_id(Project.objects.select_related("point"), public_id)
    require_point(user, project.point, CommunityPerm.VIEW)
    activities = list(
        Activity.objects.filter(project=project)
        .annotate(session_count=Count("sessions", distinct=True))
        .order_by("starts_on")
    )
    participants = (
        Attendance.objects.filter(session__activity__project=project)
        .values("participant")
        .distinct()
        .count()
    )
    others: list[Activity] = []
    if user.has_perm(CommunityPerm.RUN):
        others = list(
            Activity.objects.filter(point_id=project.point_id)
            .exclude(project=project)
            .order_by("-starts_on")[:100]
        )
    return ProjectView(project, activities, participants, others)
