"""Protected reads about points: the list in reach, one point, its facilitators and its
current stops."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from xarxa.accounts.models import Assignment
from xarxa.accounts.roles import Role
from xarxa.community.common import get_by_public_id
from xarxa.community.points.models import Point, Stop
from xarxa.community.points.policies import point_scope_for, require_point
from xarxa.community.policies import CommunityPerm
from xarxa.core.policies import check_perm
from xarxa.organisations.models import Organisation

if TYPE_CHECKING:
    from xarxa.accounts.models import User


def point_list_for(user: User, *, kind: str = "", search: str = "") -> QuerySet[Point]:
    check_perm(user, CommunityPerm.VIEW)
    points = point_scope_for(user).filter(
        Point.objects.select_related("municipality", "managing_entity")
    )
    if kind:
        points = points.filter(kind=kind)
    if search:
        points = points.filter(Q(name__icontains=search) | Q(municipality__name__icontains=search))
    return points.order_by("municipality__name", "name")


def points_in_reach(user: User) -> QuerySet[Point]:
    """Every point ``user`` reaches (no permission check: for narrowing other reads)."""
    return point_scope_for(user).filter(Point.objects.all())


def facilitators_of(point: Point, on: date | None = None) -> QuerySet[Assignment]:
    """Staff with a dated Òmnia-facilitator assignment in the point's team."""
    return (
        Assignment.objects.valid_on(on or timezone.localdate())
        .filter(team_id=point.team_id, role=Role.OMNIA_FACILITATOR)
        .select_related("user")
        .order_by("user__last_name")
    )


def point_get_for(user: User, public_id: object, *, perm: str = CommunityPerm.VIEW) -> Point:
    point = get_by_public_id(
        Point.objects.select_related("municipality", "managing_entity", "team"), public_id
    )
    require_point(user, point, perm)
    return point


def points_with_facilitators(points: QuerySet[Point]) -> QuerySet[Point]:
    today = timezone.localdate()
    current = Assignment.objects.valid_on(today).filter(role=Role.OMNIA_FACILITATOR)
    return points.select_related("team").prefetch_related(
        Prefetch(
            "team__assignments",
            queryset=current.select_related("user"),
            to_attr="facilitators",
        )
    )


def stops_of_for(user: User, point: Point) -> QuerySet[Stop]:
    """Where and when a point stops today (its current schedule)."""
    require_point(user, point, CommunityPerm.VIEW)
    current: QuerySet[Stop] = Stop.objects.valid_on(timezone.localdate())
    return current.filter(point=point).select_related("municipality")


def entities_of(user: User, points: list[Point]) -> list[Organisation]:
    """The managing entities ``user`` may ask figures of: their own, or (for the whole
    network) those running ``points``."""
    scope = point_scope_for(user)
    ids = set(scope.entity_ids)
    if scope.network:
        ids |= {p.managing_entity_id for p in points}
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))
