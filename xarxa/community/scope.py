"""Which points a user reaches, from the roles and teams of their dated assignments
(``accounts.selectors.scope_for``): the technical office (and, for figures only, an
evaluator) the whole network, a managing-entity manager the points of their entity, a
facilitator the point whose team they belong to."""

from dataclasses import dataclass

from xarxa.accounts.roles import Role
from xarxa.accounts.selectors import scope_for
from xarxa.organisations.models import Team

NETWORK_ROLES = {Role.TECHNICAL_OFFICE, Role.EVALUATOR}


@dataclass(frozen=True)
class PointScope:
    network: bool
    team_ids: frozenset[int]
    entity_ids: frozenset[int]

    def covers(self, point) -> bool:
        return (
            self.network
            or point.team_id in self.team_ids
            or point.managing_entity_id in self.entity_ids
        )

    def filter(self, points):
        from django.db.models import Q

        if self.network:
            return points
        return points.filter(
            Q(team_id__in=self.team_ids) | Q(managing_entity_id__in=self.entity_ids)
        )


def point_scope_for(user) -> PointScope:
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
    result = PointScope(network, team_ids, entity_ids)
    if user.is_authenticated:
        user._community_scope = result
    return result
