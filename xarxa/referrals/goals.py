"""The plan goals a referral may carry to the next service.

Plans sits above referrals (a plan's action may name a referral), so referrals never
imports plans: plans lends referrals the reading of a case's open goals
(``goal_source_set`` in ``PlansConfig.ready``). A referral keeps each goal as a snapshot,
data as it stood when referred, never a link to how it changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.records.models import CaseFile


class GoalSnapshot(TypedDict):
    goal: int  # the goal's id in the plan, to choose it; not followed afterwards
    description: str
    domain: str
    target_level: int | None
    target_on: str | None  # ISO date


#: The open goals of a case's active plan that the user may read (empty without plans).
GoalSource = Callable[["User", "CaseFile"], list[GoalSnapshot]]
_source: list[GoalSource] = []


def goal_source_set(source: GoalSource) -> None:
    _source[:] = [source]


def open_goals_for(user: User, case: CaseFile) -> list[GoalSnapshot]:
    """The goals a referral from this case may carry (the case file already opened)."""
    return _source[0](user, case) if _source else []
