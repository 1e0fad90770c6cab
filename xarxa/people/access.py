"""Moved to ``xarxa.people.policies``; kept only so that importers in other apps keep
working until they import the policies module (remove once none does)."""

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
