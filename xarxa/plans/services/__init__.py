"""Every write to itineraries: atomic, audited, on the person's timeline. Who may change
a plan is who may change its case file (plans.policies); refusals are checked before any
transaction so their audit row stays. By sub-domain: a plan's life (``plans``), its
goals and actions (``items``)."""

from xarxa.plans.services._common import (
    DEFAULT_REVIEW_MONTHS,
    add_months,
    review_months_for,
    template_for,
)
from xarxa.plans.services.items import action_add, action_update, goal_add, goal_update
from xarxa.plans.services.plans import (
    plan_close,
    plan_start,
    plan_update,
    plans_follow_complexity,
    review_add,
)

__all__ = [
    "DEFAULT_REVIEW_MONTHS",
    "action_add",
    "action_update",
    "add_months",
    "goal_add",
    "goal_update",
    "plan_close",
    "plan_start",
    "plan_update",
    "plans_follow_complexity",
    "review_add",
    "review_months_for",
    "template_for",
]
