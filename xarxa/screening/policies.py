"""Who may do what in screening: the permission names, and the object-level rules (who may
assess a person: who may read their social record; whose case lists the segmentation may
open: the ABSS the user works in with records' reach)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from xarxa.accounts.selectors import scope_for
from xarxa.core.policies import check_perm
from xarxa.people.policies import ABSS_ROLES, person_access
from xarxa.records.policies import RecordsPerm

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.people.models import Person


class ScreeningPerm(StrEnum):
    ASSESS = "screening.assess"  # record and finalise assessments of persons one may read
    # Figures of complexity, assessments and reviews per ABSS, team and professional;
    # the drill-down lists only the cases the user may open.
    VIEW_SEGMENTATION = "screening.view_segmentation"


__all__ = ["ScreeningPerm", "drill_abss", "may_assess"]


def may_assess(user: User, person: Person) -> bool:
    """Assess a person (and read their assessments): the permission, and the reach of
    their social record. The caller audits a refusal its own way."""
    check_perm(user, ScreeningPerm.ASSESS)
    return bool(person_access(user, person).reads_records)


def drill_abss(user: User) -> frozenset[int]:
    """The ABSS whose case lists behind the segmentation's figures the user may open
    (records' ABSS reach); none for evaluators, who see figures only."""
    scope = scope_for(user)
    if not user.has_perm(RecordsPerm.VIEW) or not scope.roles & ABSS_ROLES:
        return frozenset()
    return frozenset(scope.abss_ids)
