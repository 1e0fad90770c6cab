"""Goals and actions of a plan. Their references come as public ids (a domain's code, a
referral's public id, a goal's id) and an unknown one is refused here, so the pages and
the API refuse it alike."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.core.concurrency import save_versioned
from xarxa.core.models import AuditAction
from xarxa.core.validators import check_length
from xarxa.plans.models import Action, ActionStatus, Goal, GoalStatus, Plan, Who
from xarxa.plans.policies import require_case
from xarxa.plans.services._common import audit, check_date, require_open
from xarxa.referrals.models import Referral
from xarxa.screening.models import Domain

if TYPE_CHECKING:
    from xarxa.accounts.models import User


def _domain(code: str | None) -> Domain | None:
    if not code:
        return None
    domain = Domain.objects.filter(
        code=code, instrument__code="ssm-cat", instrument__active=True
    ).first()
    if domain is None:
        raise ValidationError({"domain": _("Choose a domain of the SSM-CAT.")})
    return domain


def _referral(plan: Plan, public_id: UUID | str | None) -> Referral | None:
    if not public_id:
        return None
    try:
        referral = Referral.objects.filter(case_id=plan.case_id, public_id=public_id).first()
    except (ValidationError, ValueError):
        referral = None
    if referral is None:
        raise ValidationError({"referral": _("Choose a referral of this case file.")})
    return referral


def _goal(plan: Plan, goal_id: int | None) -> Goal | None:
    if goal_id is None:
        return None
    goal = Goal.objects.filter(plan=plan, pk=goal_id).first()
    if goal is None:
        raise ValidationError({"goal": _("Choose a goal of this plan.")})
    return goal


def _check_goal_values(
    plan: Plan, *, description: str, target_level: int | None, target_on: date | None
) -> None:
    if not description.strip():
        raise ValidationError({"description": _("Write the goal.")})
    if target_level is not None and not 1 <= int(target_level) <= 5:
        raise ValidationError({"target_level": _("The target level goes from 1 to 5.")})
    check_date(target_on, "target_on", not_before=plan.agreed_on)


def goal_add(
    *,
    actor: User,
    plan: Plan,
    description: str,
    domain: str | None = None,
    target_level: int | None = None,
    target_on: date | None = None,
) -> Goal:
    """A goal, linked to an SSM-CAT domain (by its code) or not."""
    require_case(actor, plan.case)
    require_open(plan)
    _check_goal_values(
        plan, description=description, target_level=target_level, target_on=target_on
    )
    linked = _domain(domain)
    with transaction.atomic():
        goal = Goal.objects.create(
            plan=plan,
            domain=linked,
            description=check_length(description.strip(), 300, field="description"),
            target_level=target_level,
            target_on=target_on,
        )
        audit(actor, AuditAction.CREATE, goal, plan.case)
    return goal


def goal_update(
    *,
    actor: User,
    goal: Goal,
    expected_version: int,
    status: str,
    target_level: int | None = None,
    target_on: date | None = None,
) -> Goal:
    plan = goal.plan
    require_case(actor, plan.case)
    require_open(plan)
    if status not in GoalStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    _check_goal_values(
        plan, description=goal.description, target_level=target_level, target_on=target_on
    )
    original = {"status": goal.status, "target_level": goal.target_level,
                "target_on": goal.target_on}  # fmt: skip
    with transaction.atomic():
        goal.status, goal.target_level, goal.target_on = status, target_level, target_on
        goal.updated_at = timezone.now()
        save_versioned(
            goal,
            expected_version=expected_version,
            fields=["status", "target_level", "target_on", "updated_at"],
            original=original,
        )
        audit(actor, AuditAction.UPDATE, goal, plan.case, details={"status": status})
    return goal


def action_add(
    *,
    actor: User,
    plan: Plan,
    description: str,
    who: str,
    referral: UUID | str | None = None,
    goal: int | None = None,
    due_on: date | None = None,
) -> Action:
    """Who does it: the person, a professional (the case's reference professional) or
    another service (optionally the case's referral to it, by its public id); for which
    goal of the plan (by its id). An unknown referral or goal is refused."""
    require_case(actor, plan.case)
    require_open(plan)
    if not description.strip():
        raise ValidationError({"description": _("Write the action.")})
    if who not in Who.values:
        raise ValidationError({"who": _("Choose who does it from the list.")})
    sent_to = _referral(plan, referral)
    for_goal = _goal(plan, goal)
    check_date(due_on, "due_on", not_before=plan.agreed_on)
    with transaction.atomic():
        action = Action.objects.create(
            plan=plan,
            goal=for_goal,
            description=check_length(description.strip(), 300, field="description"),
            who=who,
            professional=plan.case.reference_professional if who == Who.PROFESSIONAL else None,
            referral=sent_to,
            due_on=due_on,
        )
        audit(actor, AuditAction.CREATE, action, plan.case)
    return action


def action_update(
    *, actor: User, action: Action, expected_version: int, status: str, due_on: date | None = None
) -> Action:
    plan = action.plan
    require_case(actor, plan.case)
    require_open(plan)
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    check_date(due_on, "due_on", not_before=plan.agreed_on)
    original = {"status": action.status, "due_on": action.due_on}
    with transaction.atomic():
        action.status, action.due_on = status, due_on
        action.updated_at = timezone.now()
        save_versioned(
            action,
            expected_version=expected_version,
            fields=["status", "due_on", "updated_at"],
            original=original,
        )
        audit(actor, AuditAction.UPDATE, action, plan.case, details={"status": status})
    return action
