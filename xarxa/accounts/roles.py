"""Roles, the one place where they are mapped to named permissions, and their scope.

Permissions are declared by each app in its ``policies.py``. A permission not listed here
for a role is denied: there is no superuser shortcut.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from xarxa.accounts.policies import AccountsPerm
from xarxa.catalogue.policies import CataloguePerm
from xarxa.community.policies import CommunityPerm
from xarxa.core.policies import CorePerm
from xarxa.organisations.policies import OrganisationsPerm
from xarxa.people.policies import PeoplePerm
from xarxa.plans.permissions import PlansPerm
from xarxa.records.policies import RecordsPerm
from xarxa.referrals.permissions import ReferralsPerm
from xarxa.screening.permissions import ScreeningPerm
from xarxa.territory.policies import TerritoryPerm


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


_EVERY_STAFF = {TerritoryPerm.VIEW, OrganisationsPerm.VIEW, CataloguePerm.VIEW}
# The daily work of the basic social-services teams on persons and their case files.
_CASEWORK = {
    PeoplePerm.VIEW,
    PeoplePerm.REGISTER,
    PeoplePerm.BREAK_GLASS,
    RecordsPerm.VIEW,
    RecordsPerm.EDIT,
    RecordsPerm.VIEW_CASELOAD,
    ReferralsPerm.SEND,
    ReferralsPerm.RECEIVE,
    ScreeningPerm.ASSESS,
    PlansPerm.VIEW,
    PlansPerm.EDIT,
}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.SOCIAL_WORKER: frozenset(_EVERY_STAFF | _CASEWORK | {AccountsPerm.USE_API}),
    Role.SOCIAL_EDUCATOR: frozenset(_EVERY_STAFF | _CASEWORK | {AccountsPerm.USE_API}),
    Role.FAMILY_WORKER: frozenset(_EVERY_STAFF | _CASEWORK),
    Role.TEAM_COORDINATOR: frozenset(
        _EVERY_STAFF
        | _CASEWORK
        | {
            AccountsPerm.VIEW_STAFF,
            AccountsPerm.USE_API,
            PeoplePerm.MERGE,
            RecordsPerm.ASSIGN,
            CataloguePerm.MANAGE,
            ReferralsPerm.VIEW_FIGURES,
            ScreeningPerm.VIEW_SEGMENTATION,
        }
    ),
    Role.DIRECTOR: frozenset(
        _EVERY_STAFF
        | _CASEWORK
        | {
            AccountsPerm.VIEW_STAFF,
            AccountsPerm.USE_API,
            PeoplePerm.MERGE,
            RecordsPerm.ASSIGN,
            ReferralsPerm.VIEW_FIGURES,
            ScreeningPerm.VIEW_SEGMENTATION,
        }
    ),
    Role.SPECIALISED_PROFESSIONAL: frozenset(
        _EVERY_STAFF
        | {
            PeoplePerm.VIEW,
            RecordsPerm.VIEW,
            RecordsPerm.EDIT,
            AccountsPerm.USE_API,
            ReferralsPerm.RECEIVE,
            PlansPerm.VIEW,
        }
    ),
    Role.OMNIA_FACILITATOR: frozenset(_EVERY_STAFF | {ReferralsPerm.RECEIVE}),
    Role.ENTITY_MANAGER: frozenset(_EVERY_STAFF | {AccountsPerm.VIEW_STAFF}),
    Role.TECHNICAL_OFFICE: frozenset(
        _EVERY_STAFF | {AccountsPerm.VIEW_STAFF, AccountsPerm.USE_API}
    ),
    Role.EVALUATOR: frozenset(
        _EVERY_STAFF
        | {AccountsPerm.USE_API, ReferralsPerm.VIEW_FIGURES, ScreeningPerm.VIEW_SEGMENTATION}
    ),
    Role.DATA_PROTECTION_OFFICER: frozenset(
        _EVERY_STAFF
        | {
            CorePerm.VIEW_AUDIT_LOG,
            AccountsPerm.VIEW_STAFF,
            AccountsPerm.USE_API,
            PeoplePerm.VIEW,
            PeoplePerm.EXPORT,
            PeoplePerm.RESTRICT,
            PeoplePerm.VIEW_ACCESS_LOG,
        }
    ),
    Role.SYSTEM_ADMIN: frozenset(
        _EVERY_STAFF
        | {
            AccountsPerm.VIEW_STAFF,
            AccountsPerm.MANAGE_STAFF,
            AccountsPerm.USE_API,
            CataloguePerm.MANAGE,
        }
    ),
}

# The Òmnia network and community spaces (xarxa.community), added to the map above.
_COMMUNITY_PERMISSIONS = {
    Role.OMNIA_FACILITATOR: {
        CommunityPerm.VIEW,
        CommunityPerm.MANAGE_POINT,
        CommunityPerm.RUN,
        CommunityPerm.VIEW_FIGURES,
        CommunityPerm.SHARE,
        CommunityPerm.TRAIN,
        AccountsPerm.USE_API,
    },
    Role.ENTITY_MANAGER: {
        CommunityPerm.VIEW,
        CommunityPerm.MANAGE_POINT,
        CommunityPerm.VIEW_FIGURES,
        AccountsPerm.USE_API,
    },
    Role.TECHNICAL_OFFICE: {
        CommunityPerm.VIEW,
        CommunityPerm.MANAGE_POINT,
        CommunityPerm.VIEW_FIGURES,
        CommunityPerm.SHARE,
        CommunityPerm.PUBLISH_NEWS,
        CommunityPerm.MANAGE_TRAINING,
    },
    Role.EVALUATOR: {CommunityPerm.VIEW_FIGURES},
    Role.SOCIAL_WORKER: {CommunityPerm.ANSWER_HELP},
    Role.SOCIAL_EDUCATOR: {CommunityPerm.ANSWER_HELP},
    Role.TEAM_COORDINATOR: {CommunityPerm.ANSWER_HELP},
}
for _role, _granted in _COMMUNITY_PERMISSIONS.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | frozenset(_granted)

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


def permissions_for_roles(roles) -> frozenset[str]:
    granted: set[str] = set()
    for role in roles:
        granted |= ROLE_PERMISSIONS.get(role, frozenset())
    return frozenset(str(p) for p in granted)
