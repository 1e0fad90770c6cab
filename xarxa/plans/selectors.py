"""Reads of itineraries: reached through the case file (records' access rule, which
audits refusals), each read audited per person in the case."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Model, Q
from django.http import Http404
from django.utils import timezone

from xarxa.accounts.selectors import scope_for
from xarxa.core.audit import audit_persons_shown, audit_record
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm
from xarxa.plans.models import (
    Action,
    ActionStatus,
    Goal,
    GoalStatus,
    Plan,
    PlanStatus,
    PlanTemplate,
)
from xarxa.plans.policies import PlansPerm
from xarxa.records.models import CaseFile, CaseStatus
from xarxa.records.selectors import case_find_for
from xarxa.records.standing import standing_of
from xarxa.referrals.goals import GoalSnapshot
from xarxa.referrals.models import Referral
from xarxa.referrals.shared import shared_view
from xarxa.screening.models import Domain

if TYPE_CHECKING:
    from xarxa.accounts.models import User

DUE_SOON_DAYS = 14


def _audit_read(
    user: User,
    obj: Model,
    case: CaseFile,
    action: str = AuditAction.READ,
    details: dict[str, Any] | None = None,
) -> None:
    for participant in case.participations:
        if participant.valid_until is None:
            audit_record(
                actor=user, action=action, obj=obj, person_id=participant.person_id,
                details=details,
            )  # fmt: skip


def templates_active() -> list[PlanTemplate]:
    """The plan templates in use, the most frequently reviewed first (data)."""
    return list(PlanTemplate.objects.filter(active=True).order_by("review_months"))


@dataclass
class CasePlans:
    case: CaseFile
    via: str
    plans: list[Plan]  # newest first
    templates: list[PlanTemplate]
    level: str  # the case's current complexity ("" when never assessed)

    @property
    def active(self) -> Plan | None:
        return next((p for p in self.plans if p.status == PlanStatus.ACTIVE), None)


def case_plans_for(
    user: User, case_public_id: UUID | str, *, perm: str = PlansPerm.VIEW
) -> CasePlans:
    check_perm(user, perm)
    case, via = case_find_for(user, case_public_id)
    plans = list(Plan.objects.filter(case=case).select_related("template").order_by("-id"))
    standing = standing_of(case.pk)
    for participant in case.participations:
        if participant.valid_until is None:
            audit_record(
                actor=user,
                action=AuditAction.LIST,
                object_type="plans.plan",
                person_id=participant.person_id,
                details={"case": case.pk, "results": len(plans)},
            )
    return CasePlans(
        case=case,
        via=via,
        plans=plans,
        templates=templates_active(),
        level=standing.level if standing else "",
    )


@dataclass
class PlanView:
    plan: Plan
    case: CaseFile
    via: str
    goals: list[Goal]
    actions: list[Action]
    reviews: list[Any]
    referrals: list[Referral] = field(default_factory=list)
    domains: list[Domain] = field(default_factory=list)

    @property
    def review_overdue(self) -> bool:
        return (
            self.plan.status == PlanStatus.ACTIVE
            and self.plan.next_review_due < timezone.localdate()
        )


def _find(public_id: UUID | str) -> Plan:
    try:
        return Plan.objects.select_related("case", "person", "template", "created_by").get(
            public_id=public_id
        )
    except (Plan.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None


def plan_get_for(user: User, public_id: UUID | str, *, perm: str = PlansPerm.VIEW) -> PlanView:
    """A plan with its goals, actions and reviews; the same number of queries however
    long it is."""
    check_perm(user, perm)
    plan = _find(public_id)
    case, via = case_find_for(user, plan.case.public_id)
    plan.case = case
    today = timezone.localdate()
    actions = list(
        plan.actions.select_related(
            "professional", "referral__service", "referral__case", "goal"
        ).order_by("status", "due_on", "id")
    )
    for action in actions:
        action.overdue = bool(  # type: ignore[attr-defined]
            action.status == ActionStatus.PENDING and action.due_on and action.due_on < today
        )
    view = PlanView(
        plan=plan,
        case=case,
        via=via,
        goals=list(plan.goals.select_related("domain")),
        actions=actions,
        reviews=list(plan.reviews.select_related("reviewed_by")),
        referrals=list(
            Referral.objects.filter(case=case)
            .select_related("service__organisation", "case", "receiving_team__organisation")
            .order_by("-id")
        ),
        domains=list(
            Domain.objects.filter(instrument__code="ssm-cat", instrument__active=True).order_by(
                "order"
            )
        ),
    )
    # A referral to a restricted service is named only to who may know where it went.
    for referral in view.referrals + [a.referral for a in actions if a.referral is not None]:
        referral.view = shared_view(referral, user)
    _audit_read(user, plan, case)
    return view


def open_goal_snapshots_for(user: User, case: CaseFile) -> list[GoalSnapshot]:
    """The goals still open in the case's active plan, as a referral carries them (what
    they say now, not a link), to choose which go to the next service. The case file has
    already been opened by the caller; without the plans permission, none."""
    if not user.has_perm(PlansPerm.VIEW):
        return []
    goals = list(
        Goal.objects.filter(
            plan__case=case, plan__status=PlanStatus.ACTIVE, status=GoalStatus.OPEN
        ).select_related("domain", "plan")
    )
    if goals:
        _audit_read(user, goals[0].plan, case, details={"open_goals": len(goals)})
    return [goal_snapshot(goal) for goal in goals]


def goal_snapshot(goal: Goal) -> GoalSnapshot:
    """A goal as a referral carries it: what it says then, not a link to how it changes."""
    return {
        "goal": goal.pk,
        "description": goal.description,
        "domain": goal.domain.name if goal.domain else "",
        "target_level": goal.target_level,
        "target_on": goal.target_on.isoformat() if goal.target_on else None,
    }


def goal_get_for(user: User, goal_id: int, *, perm: str = PlansPerm.EDIT) -> Goal:
    goal = Goal.objects.filter(pk=goal_id).select_related("plan").first()
    if goal is None:
        raise Http404
    goal.plan = plan_get_for(user, goal.plan.public_id, perm=perm).plan
    return goal


def action_get_for(user: User, action_id: int, *, perm: str = PlansPerm.EDIT) -> Action:
    action = Action.objects.filter(pk=action_id).select_related("plan").first()
    if action is None:
        raise Http404
    action.plan = plan_get_for(user, action.plan.public_id, perm=perm).plan
    return action


@dataclass
class Worklist:
    reviews: list[Plan]  # active plans of the user's cases, review overdue or due soon
    actions: list[Action]  # pending actions past their due date: the user's, or on their cases
    today: date


def worklist_for(user: User) -> Worklist:
    """What the professional must do: reviews overdue (or due in the next two weeks) of
    the plans of the cases they hold, and overdue actions given to them or on their
    cases. Two queries, whatever the caseload."""
    check_perm(user, PlansPerm.VIEW)
    today = timezone.localdate()
    soon = today + timedelta(days=DUE_SOON_DAYS)
    reviews = list(
        Plan.objects.filter(
            case__reference_professional=user,
            case__status=CaseStatus.OPEN,
            status=PlanStatus.ACTIVE,
            next_review_due__lte=soon,
        )
        .select_related("case", "person")
        .order_by("next_review_due", "id")[:200]
    )
    mine = Q(plan__case__reference_professional=user) | Q(
        professional=user, plan__case__abss_id__in=scope_for(user).abss_ids
    )
    actions = list(
        Action.objects.filter(
            mine,
            status=ActionStatus.PENDING,
            due_on__lt=today,
            plan__status=PlanStatus.ACTIVE,
        )
        .select_related("plan__case", "plan__person", "professional")
        .order_by("due_on", "id")[:200]
    )
    for plan in reviews:
        plan.overdue = plan.next_review_due < today  # type: ignore[attr-defined]
    audit_persons_shown(
        user,
        [p.person_id for p in reviews] + [a.plan.person_id for a in actions],
        AuditAction.LIST,
        object_type="plans.worklist",
        details={
            "plans": [p.pk for p in reviews],
            "actions": [a.pk for a in actions],
        },
    )
    return Worklist(reviews, actions, today)
