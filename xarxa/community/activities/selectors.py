"""Protected reads about activities and sessions."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet

from xarxa.community.activities.models import Activity, Session
from xarxa.community.common import get_by_public_id
from xarxa.community.points.policies import require_point
from xarxa.community.points.selectors import points_in_reach
from xarxa.community.policies import CommunityPerm
from xarxa.core.policies import check_perm

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.community.points.models import Point


def activity_list_for(user: User, point: Point) -> QuerySet[Activity]:
    require_point(user, point, CommunityPerm.VIEW)
    return (
        Activity.objects.filter(point=point)
        .annotate(
            enrolled=Count("enrolments", distinct=True),
            session_count=Count("sessions", distinct=True),
        )
        .order_by("-starts_on", "title")
    )


def activity_get_for(user: User, public_id: object) -> Activity:
    activity = get_by_public_id(Activity.objects.select_related("point__municipality"), public_id)
    require_point(user, activity.point, CommunityPerm.RUN)
    return activity


def sessions_of(activity: Activity) -> QuerySet[Session]:
    """The sessions of an activity already read through ``activity_get_for``."""
    return Session.objects.filter(activity=activity).order_by("date", "starts_at")


def session_get_for(user: User, public_id: object, *, activity: Activity | None = None) -> Session:
    """One session of the user's points (of ``activity`` when given); 404 otherwise."""
    sessions = Session.objects.select_related("activity", "point")
    if activity is not None:
        sessions = sessions.filter(activity=activity)
    session = get_by_public_id(sessions, public_id)
    require_point(user, session.point, CommunityPerm.RUN)
    return session


def sessions_on_for(user: User, day: date) -> QuerySet[Session]:
    """The day view: the sessions of the user's points on ``day``."""
    check_perm(user, CommunityPerm.RUN)
    return (
        Session.objects.filter(point__in=points_in_reach(user), date=day)
        .select_related("activity", "point")
        .annotate(present=Count("attendances"))
        .order_by("starts_at", "point__name")
    )
