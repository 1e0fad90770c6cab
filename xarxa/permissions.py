"""Roles mapped to named permissions: the one place where this is decided.

Each app declares its permissions in its ``policies.py``; this composition-root module
(above every app, like ``urls`` and ``api``) grants them to roles. ``accounts`` finds the
map through ``settings.XARXA_ROLE_PERMISSIONS``, so it need not import the apps above it.
A permission not listed here for a role is denied: there is no superuser shortcut.
"""

from xarxa.accounts.policies import AccountsPerm
from xarxa.accounts.roles import Role
from xarxa.catalogue.policies import CataloguePerm
from xarxa.community.policies import CommunityPerm
from xarxa.core.policies import CorePerm
from xarxa.organisations.policies import OrganisationsPerm
from xarxa.people.policies import PeoplePerm
from xarxa.plans.policies import PlansPerm
from xarxa.records.policies import RecordsPerm
from xarxa.referrals.policies import ReferralsPerm
from xarxa.screening.policies import ScreeningPerm
from xarxa.territory.policies import TerritoryPerm

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
            PeoplePerm.APPROVE_EMERGENCY,
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
            PeoplePerm.APPROVE_EMERGENCY,
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
_COMMUNITY_PERMISSIONS: dict[str, set[str]] = {
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
