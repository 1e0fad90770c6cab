"""Who reaches which points, and the object-level rules built on it.

From the roles and teams of the user's dated assignments (``accounts.selectors.scope_for``):
the technical office (and, for figures only, an evaluator) reaches the whole network, a
managing-entity manager the points of their entity, a facilitator the point whose team
they belong to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from xarxa.accounts.roles import Role
from xarxa.accounts.selectors import scope_for
from xarxa.community.policies import CommunityPerm
from xarxa.core.policies import check_perm, deny
from xarxa.organisations.models import Team

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.community.points.models import Point
    from xarxa.organisations.models import Organisation

NETWORK_ROLES = {Role.TECHNICAL_OFFICE, Role.EVALUATOR}


@dataclass(frozen=True)
class PointScope:
    network: bool
    team_ids: frozenset[int]
    entity_ids: frozenset[int]

    def covers(self, point: Point) -> bool:
        return (
            self.network
            or point.team_id in self.team_ids
            or point.managing_entity_id in self.entity_ids
        )

    def covers_entity(self, entity: Organisation) -> bool:
        return self.network or entity.pk in self.entity_ids

    def filter(self, points: QuerySet[Point]) -> QuerySet[Point]:
        if self.network:
            return points
        return points.filter(
            Q(team_id__in=self.team_ids) | Q(managing_entity_id__in=self.entity_ids)
        )


def point_scope_for(user: User) -> PointScope:
    """The points ``user`` reaches (cached on the user for the request)."""
    cached = getattr(user, "_community_scope", None)
    if cached is not None:
        return cached
    scope = scope_for(user)
    network = bool(NETWORK_ROLES & set(scope.roles))
    entity_ids: frozenset[int] = frozenset()
    if Role.ENTITY_MANAGER in scope.roles and scope.team_ids:
        entity_ids = frozenset(
            Team.objects.filter(pk__in=scope.team_ids).values_list("organisation_id", flat=True)
        )
    team_ids = scope.team_ids if Role.OMNIA_FACILITATOR in scope.roles else frozenset()
    result = PointScope(network, frozenset(team_ids), entity_ids)
    if user.is_authenticated:
        user._community_scope = result  # type: ignore[attr-defined]
    return result


def require_point(actor: User, point: Point, perm: str) -> None:
    """``actor`` holds ``perm`` and reaches ``point``; refused (and audited) otherwise."""
    check_perm(actor, perm)
    if not point_scope_for(actor).covers(point):
        raise deny(actor, f"community.point:{point.pk}")


def may_on_point(user: User, perm: str, point: Point | None) -> bool:
    """For on-screen flags: ``user`` holds ``perm`` and reaches ``point``."""
    if point is None or not user.has_perm(perm):
        return False
    return point_scope_for(user).covers(point)


def require_entity(actor: User, entity: Organisation, *, what: str) -> None:
    """A new point for ``entity``: the technical office, or the entity's own manager."""
    check_perm(actor, CommunityPerm.MANAGE_POINT)
    if not point_scope_for(actor).covers_entity(entity):
        raise deny(actor, what)
