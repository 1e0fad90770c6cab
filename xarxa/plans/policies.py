"""Who may do what with itineraries: the permission names, and the object-level rule (a
plan is reached through its case file: records' access rule)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from xarxa.core.policies import check_perm, deny
from xarxa.records.policies import case_access_via, require_case_write

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.records.models import CaseFile


class PlansPerm(StrEnum):
    VIEW = "plans.view"  # read the plans of case files one may open
    EDIT = "plans.edit"  # agree, change and review plans of those case files


__all__ = ["PlansPerm", "may_edit", "require_case"]


def require_case(actor: User, case: CaseFile, perm: str = PlansPerm.EDIT) -> None:
    """Who may change (or read) a case's plans is who may open its case file; a refusal
    is audited."""
    check_perm(actor, perm)
    if case_access_via(actor, case) is None:
        raise deny(actor, f"plans.plan:case:{case.pk}")
    if perm == PlansPerm.EDIT:  # a change: the processing gate for the case's people
        require_case_write(actor, case)


def may_edit(user: User, plan_status: str) -> bool:
    """On-screen: the plan's forms are shown to those who may change an active plan."""
    return bool(user.has_perm(PlansPerm.EDIT)) and plan_status == "active"
