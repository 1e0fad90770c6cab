"""Moved to ``xarxa.people.policies``; kept only for the importers left in other apps
(screening services and selectors, bench/person_search.py): remove once they import the
policies module."""

from xarxa.people.policies import (  # noqa: F401
    ABSS_ROLES,
    PersonAccess,
    Via,
    case_team_ids_with_access,
    may_read_entry,
    may_see_gender_identity,
    person_access,
    visible_persons_q,
)
