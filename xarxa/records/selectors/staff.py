"""Who a case may be given to or named on: staff, teams and places to choose from."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from xarxa.accounts.models import User
from xarxa.accounts.selectors import scope_for
from xarxa.organisations.models import Team, TeamKind
from xarxa.people.policies import ABSS_ROLES
from xarxa.records.models import CaseFile
from xarxa.territory.models import Municipality


def colleagues_for_case(case: CaseFile) -> list[User]:
    """Staff of the case's ABSS who may be named on a note (one query)."""
    today = timezone.localdate()
    return list(
        User.objects.filter(
            Q(assignments__abss=case.abss_id) | Q(assignments__team__abss=case.abss_id),
            Q(assignments__valid_from__isnull=True) | Q(assignments__valid_from__lte=today),
            Q(assignments__valid_until__isnull=True) | Q(assignments__valid_until__gte=today),
            assignments__role__in=ABSS_ROLES,
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


@dataclass
class ReassignChoices:
    professionals: list[User]
    teams: list[Team]
    municipalities: list[Municipality]


def opening_professionals_for(user: User) -> list[User]:
    """Who may hold a case the user opens: staff of the user's own ABSS (the user first)."""
    abss_ids = scope_for(user).abss_ids
    today = timezone.localdate()
    colleagues = (
        User.objects.filter(
            Q(assignments__abss_id__in=abss_ids) | Q(assignments__team__abss_id__in=abss_ids),
            Q(assignments__valid_until__isnull=True) | Q(assignments__valid_until__gte=today),
            assignments__role__in=ABSS_ROLES,
            is_active=True,
        )
        .exclude(pk=user.pk)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    return [user, *colleagues]


def reassign_choices_for(case: CaseFile) -> ReassignChoices:
    """Who and where a case may be handed to: ABSS staff, basic teams, municipalities."""
    today = timezone.localdate()
    professionals = (
        User.objects.filter(
            Q(assignments__valid_until__isnull=True) | Q(assignments__valid_until__gte=today),
            assignments__role__in=ABSS_ROLES,
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    teams = (
        Team.objects.valid_on(today)
        .filter(kind=TeamKind.BASIC_SOCIAL_SERVICES, abss__isnull=False)
        .select_related("abss")
        .order_by("abss__code", "name")
    )
    municipalities = Municipality.objects.order_by("name")
    return ReassignChoices(list(professionals), list(teams), list(municipalities))
