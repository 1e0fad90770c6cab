"""Every write to itineraries: atomic, audited, on the person's timeline. Who may change
a plan is who may change its case file (records' access rule); refusals are checked
before any transaction so their audit row stays."""

import calendar
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.core.audit import audit_record
from xarxa.core.concurrency import save_versioned
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm, deny
from xarxa.plans.models import (
    Action,
    ActionStatus,
    Goal,
    GoalStatus,
    Level,
    Plan,
    PlanStatus,
    PlanTemplate,
    Review,
    Who,
)
from xarxa.plans.policies import PlansPerm
from xarxa.records.models import CaseStatus
from xarxa.records.timeline import timeline_add_many

# Used when no template of a level is loaded (the templates carry the real values).
DEFAULT_REVIEW_MONTHS = {Level.LOW: 6, Level.MEDIUM: 3, Level.HIGH: 1}


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has fewer days)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def template_for(level: str) -> PlanTemplate | None:
    return PlanTemplate.objects.filter(level=level, active=True).order_by("id").first()


def review_months_for(level: str) -> int:
    template = template_for(level)
    return template.review_months if template else DEFAULT_REVIEW_MONTHS.get(level, 6)


def _participant_ids(case) -> list[int]:
    return list(
        case.participants.filter(valid_until__isnull=True)
        .order_by("id")
        .values_list("person_id", flat=True)
    )


def _require_case(actor, case, perm=PlansPerm.EDIT) -> None:
    from xarxa.records.selectors import case_access_via

    check_perm(actor, perm)
    if case_access_via(actor, case) is None:
        raise deny(actor, f"plans.plan:case:{case.pk}")


def _require_open(plan: Plan) -> None:
    if plan.status != PlanStatus.ACTIVE:
        raise ValidationError(_("This plan is closed: start a new one."))


def _audit(actor, action, obj, case, **extra) -> None:
    for person_id in _participant_ids(case):
        audit_record(actor=actor, action=action, obj=obj, person_id=person_id, **extra)


def _timeline(plan: Plan, *, on: date, kind: str, title: str, obj) -> None:
    timeline_add_many(
        persons=_participant_ids(plan.case), on=on, kind=kind, title=title, obj=obj, case=plan.case
    )


def _current_level(case) -> str:
    from xarxa.screening.models import CaseStanding

    standing = CaseStanding.objects.filter(case=case).first()
    return standing.level if standing and standing.level else ""


def _latest_levels(case, person) -> dict:
    """Domain -> level of the latest finalised SSM-CAT assessment behind the case's
    complexity (or of the person), for the goals a template prefills."""
    from xarxa.screening.models import Assessment, CaseStanding

    standing = CaseStanding.objects.filter(case=case).select_related("assessment").first()
    assessment = standing.assessment if standing else None
    if assessment is None:
        assessment = (
            Assessment.objects.filter(
                person=person, status=Assessment.Status.FINAL, instrument__code="ssm-cat"
            )
            .order_by("-assessed_on", "-id")
            .first()
        )
    if assessment is None:
        return {}
    return {
        s.domain: s.level
        for s in assessment.scores.select_related("domain").order_by("domain__order")
        if s.level is not None
    }


def _check_date(value, name: str, *, not_before=None, not_after=None) -> None:
    if value is None:
        return
    if not_after is not None and value > not_after:
        raise ValidationError({name: _("The date cannot be in the future.")})
    if not_before is not None and value < not_before:
        raise ValidationError({name: _("The date cannot be before the plan was agreed.")})


def plan_start(
    *,
    actor,
    case,
    person=None,
    template: PlanTemplate | None = None,
    person_words: str = "",
    agreed_on: date | None = None,
) -> Plan:
    """Agree a plan for the case with one of its people. The template of the case's
    complexity (or the one chosen) prefills goals for the domains at low levels and the
    first actions; the plan is reviewed as often as the case's complexity asks (the
    chosen template's level when the case has no finalised assessment)."""
    _require_case(actor, case)
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("The case file is closed: reopen it first."))
    participants = _participant_ids(case)
    if not participants:
        raise ValidationError(_("The plan is agreed with someone in the case file."))
    person_id = getattr(person, "pk", None) or case.person_id or participants[0]
    if person_id not in participants:
        raise ValidationError({"person": _("The plan is agreed with someone in the case file.")})
    today = timezone.localdate()
    agreed_on = agreed_on or today
    if agreed_on > today:
        raise ValidationError({"agreed_on": _("The date cannot be in the future.")})
    if agreed_on < case.opened_on:
        raise ValidationError({"agreed_on": _("The date must be between the opening and today.")})
    level = _current_level(case) or (template.level if template else Level.LOW)
    template = template or template_for(level)
    if case.plans.filter(status=PlanStatus.ACTIVE).exists():
        raise ValidationError(_("This case file already has an active plan."))
    from xarxa.people.models import Person

    person = Person.objects.get(pk=person_id)
    try:
        with transaction.atomic():
            plan = Plan.objects.create(
                case=case,
                person=person,
                template=template,
                level=level,
                person_words=person_words.strip(),
                agreed_on=agreed_on,
                next_review_due=add_months(agreed_on, review_months_for(level)),
                created_by=actor,
            )
            if template is not None:
                _prefill(plan, template, _latest_levels(case, person))
            _after_due_change(plan)
            _timeline(
                plan,
                on=agreed_on,
                kind="plan.agreed",
                title=f"Pla d'intervenció: {template.texts.get('ca', {}).get('name', '')}"
                if template
                else "Pla d'intervenció",
                obj=plan,
            )
            _audit(actor, AuditAction.CREATE, plan, case)
    except IntegrityError:
        raise ValidationError(_("This case file already has an active plan.")) from None
    return plan


def _prefill(plan: Plan, template: PlanTemplate, levels: dict) -> None:
    from django.utils.translation import get_language

    language = (get_language() or "ca")[:2]
    goals = [
        Goal(
            plan=plan,
            domain=domain,
            description=_("Improve: %(domain)s") % {"domain": domain.name},
            baseline_level=level,
            target_level=min(5, level + 1),
            target_on=add_months(plan.agreed_on, template.goal_months),
        )
        for domain, level in levels.items()
        if level <= template.goal_up_to_level
    ]
    Goal.objects.bulk_create(goals)
    actions = []
    for item in template.actions:
        texts = item.get("texts") or {}
        actions.append(
            Action(
                plan=plan,
                description=(texts.get(language) or texts.get("ca") or "")[:300],
                who=item.get("who", Who.PROFESSIONAL),
                professional_id=plan.case.reference_professional_id
                if item.get("who") == Who.PROFESSIONAL
                else None,
                due_on=plan.agreed_on + timedelta(days=int(item.get("due_days", 30))),
            )
        )
    Action.objects.bulk_create(actions)


def _after_due_change(plan: Plan) -> None:
    from xarxa.screening.services import standing_review_set

    active = plan.status == PlanStatus.ACTIVE
    standing_review_set(case=plan.case, review_due=plan.next_review_due if active else None)


def plan_update(*, actor, plan: Plan, expected_version: int, person_words: str) -> Plan:
    """The person's own words on what they want (several people may edit: a stale save
    is refused)."""
    _require_case(actor, plan.case)
    _require_open(plan)
    original = {"person_words": plan.person_words}
    with transaction.atomic():
        plan.person_words = person_words.strip()
        plan.updated_at = timezone.now()
        save_versioned(
            plan,
            expected_version=expected_version,
            fields=["person_words", "updated_at"],
            original=original,
        )
        _audit(actor, AuditAction.UPDATE, plan, plan.case, details={"fields": ["person_words"]})
    return plan


def plan_close(*, actor, plan: Plan, expected_version: int) -> Plan:
    _require_case(actor, plan.case)
    _require_open(plan)
    with transaction.atomic():
        plan.status = PlanStatus.CLOSED
        plan.closed_on = timezone.localdate()
        plan.updated_at = timezone.now()
        save_versioned(
            plan,
            expected_version=expected_version,
            fields=["status", "closed_on", "updated_at"],
            original={"status": PlanStatus.ACTIVE},
        )
        _after_due_change(plan)
        _timeline(plan, on=plan.closed_on, kind="plan.closed", title="Pla tancat", obj=plan)
        _audit(actor, AuditAction.UPDATE, plan, plan.case, details={"closed": True})
    return plan


def _check_goal_values(plan, *, description, target_level, target_on, domain) -> None:
    if not description.strip():
        raise ValidationError({"description": _("Write the goal.")})
    if target_level is not None and not 1 <= int(target_level) <= 5:
        raise ValidationError({"target_level": _("The target level goes from 1 to 5.")})
    if domain is not None and domain.instrument.code != "ssm-cat":
        raise ValidationError({"domain": _("Choose a domain of the SSM-CAT.")})
    _check_date(target_on, "target_on", not_before=plan.agreed_on)


def goal_add(
    *, actor, plan: Plan, description: str, domain=None, target_level=None, target_on=None
) -> Goal:
    _require_case(actor, plan.case)
    _require_open(plan)
    _check_goal_values(
        plan, description=description, target_level=target_level, target_on=target_on,
        domain=domain,
    )  # fmt: skip
    with transaction.atomic():
        goal = Goal.objects.create(
            plan=plan,
            domain=domain,
            description=description.strip()[:300],
            target_level=target_level,
            target_on=target_on,
        )
        _audit(actor, AuditAction.CREATE, goal, plan.case)
    return goal


def goal_update(
    *,
    actor,
    goal: Goal,
    expected_version: int,
    status: str,
    target_level=None,
    target_on=None,
) -> Goal:
    plan = goal.plan
    _require_case(actor, plan.case)
    _require_open(plan)
    if status not in GoalStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    _check_goal_values(
        plan, description=goal.description, target_level=target_level, target_on=target_on,
        domain=None,
    )  # fmt: skip
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
        _audit(actor, AuditAction.UPDATE, goal, plan.case, details={"status": status})
    return goal


def action_add(
    *,
    actor,
    plan: Plan,
    description: str,
    who: str,
    professional=None,
    referral=None,
    goal=None,
    due_on=None,
) -> Action:
    """Who does it: the person, a professional (the reference professional unless
    another is named) or another service (optionally the case's referral to it)."""
    _require_case(actor, plan.case)
    _require_open(plan)
    if not description.strip():
        raise ValidationError({"description": _("Write the action.")})
    if who not in Who.values:
        raise ValidationError({"who": _("Choose who does it from the list.")})
    if referral is not None and referral.case_id != plan.case_id:
        raise ValidationError({"referral": _("Choose a referral of this case file.")})
    if goal is not None and goal.plan_id != plan.pk:
        raise ValidationError({"goal": _("Choose a goal of this plan.")})
    _check_date(due_on, "due_on", not_before=plan.agreed_on)
    if who == Who.PROFESSIONAL and professional is None:
        professional = plan.case.reference_professional
    with transaction.atomic():
        action = Action.objects.create(
            plan=plan,
            goal=goal,
            description=description.strip()[:300],
            who=who,
            professional=professional if who == Who.PROFESSIONAL else None,
            referral=referral,
            due_on=due_on,
        )
        _audit(actor, AuditAction.CREATE, action, plan.case)
    return action


def action_update(
    *, actor, action: Action, expected_version: int, status: str, due_on=None
) -> Action:
    plan = action.plan
    _require_case(actor, plan.case)
    _require_open(plan)
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    _check_date(due_on, "due_on", not_before=plan.agreed_on)
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
        _audit(actor, AuditAction.UPDATE, action, plan.case, details={"status": status})
    return action


def review_add(
    *, actor, plan: Plan, expected_version: int, what_changed: str, on: date | None = None
) -> Review:
    """A review of the plan: what changed, and the next review, as often as the
    complexity of the latest finalised assessment asks."""
    _require_case(actor, plan.case)
    _require_open(plan)
    today = timezone.localdate()
    on = on or today
    if not what_changed.strip():
        raise ValidationError({"what_changed": _("Write what changed since the last review.")})
    _check_date(on, "on", not_before=plan.agreed_on, not_after=today)
    level = _current_level(plan.case) or plan.level
    next_due = add_months(on, review_months_for(level))
    original = {"next_review_due": plan.next_review_due}
    with transaction.atomic():
        plan.level, plan.next_review_due = level, next_due
        plan.updated_at = timezone.now()
        save_versioned(
            plan,
            expected_version=expected_version,
            fields=["level", "next_review_due", "updated_at"],
            original=original,
        )
        review = Review.objects.create(
            plan=plan,
            on=on,
            what_changed=what_changed.strip(),
            level=level,
            next_review_due=next_due,
            reviewed_by=actor,
        )
        _after_due_change(plan)
        _timeline(plan, on=on, kind="plan.review", title="Revisió del pla", obj=review)
        _audit(actor, AuditAction.CREATE, review, plan.case)
    return review


def plans_follow_complexity(*, cases, level: str) -> int:
    """A new finalised assessment changed the complexity of these case files: their
    active plans are reviewed as often as the new level asks, counting from the last
    review (or the agreement). Called by screening inside its transaction; not a user
    edit, so the plans' versions do not move."""
    months = review_months_for(level)
    changed = 0
    plans = Plan.objects.filter(case__in=cases, status=PlanStatus.ACTIVE).prefetch_related(
        "reviews"
    )
    for plan in plans:
        reviews = list(plan.reviews.all())
        base = reviews[0].on if reviews else plan.agreed_on
        plan.level, plan.next_review_due = level, add_months(base, months)
        Plan.objects.filter(pk=plan.pk).update(level=level, next_review_due=plan.next_review_due)
        _after_due_change(plan)
        changed += 1
    return changed
