"""Roles and their scope. Which permissions each role holds is decided in one place,
``xarxa/permissions.py`` (named by ``settings.XARXA_ROLE_PERMISSIONS``): a permission not
granted there is denied.
"""

from collections.abc import Iterable
from functools import cache

from django.conf import settings
from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("Social worker")
    SOCIAL_EDUCATOR = "social_educator", _("Social educator")
    FAMILY_WORKER = "family_worker", _("Family worker")
    TEAM_COORDINATOR = "team_coordinator", _("Team coordinator")
    DIRECTOR = "director", _("Director")
    SPECIALISED_PROFESSIONAL = "specialised_professional", _("Specialised-service professional")
    OMNIA_FACILITATOR = "omnia_facilitator", _("Òmnia facilitator")
    ENTITY_MANAGER = "entity_manager", _("Managing-entity manager")
    TECHNICAL_OFFICE = "technical_office", _("Òmnia technical office")
    EVALUATOR = "evaluator", _("Evaluator")
    DATA_PROTECTION_OFFICER = "data_protection_officer", _("Data-protection officer")
    SYSTEM_ADMIN = "system_admin", _("System administrator")


class Scope(models.TextChoices):
    """Which records a role reaches: its ABSS, its Òmnia points, or the whole territory."""

    ABSS = "abss", _("Assigned ABSS")
    SERVICE = "service", _("Assigned services")
    OMNIA_POINTS = "omnia_points", _("Assigned Òmnia points")
    TERRITORY = "territory", _("Whole territory")
    NONE = "none", _("No personal data")


ROLE_SCOPE: dict[str, str] = {
    Role.SOCIAL_WORKER: Scope.ABSS,
    Role.SOCIAL_EDUCATOR: Scope.ABSS,
    Role.FAMILY_WORKER: Scope.ABSS,
    Role.TEAM_COORDINATOR: Scope.ABSS,
    Role.DIRECTOR: Scope.ABSS,
    Role.SPECIALISED_PROFESSIONAL: Scope.SERVICE,
    Role.OMNIA_FACILITATOR: Scope.OMNIA_POINTS,
    Role.ENTITY_MANAGER: Scope.OMNIA_POINTS,
    Role.TECHNICAL_OFFICE: Scope.OMNIA_POINTS,
    Role.EVALUATOR: Scope.NONE,
    Role.DATA_PROTECTION_OFFICER: Scope.NONE,
    Role.SYSTEM_ADMIN: Scope.NONE,
}


@cache
def _role_permissions() -> dict[str, frozenset[str]]:
    return import_string(settings.XARXA_ROLE_PERMISSIONS)


def permissions_for_roles(roles: Iterable[str]) -> frozenset[str]:
    granted: set[str] = set()
    for role in roles:
        granted |= _role_permissions().get(role, frozenset())
    return frozenset(str(p) for p in granted)
