"""A plan's life: agreed from a template of the case's complexity, the person's words,
reviews, closing; and its review dates following the case's complexity."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from xarxa.core.concurrency import save_versioned
from xarxa.core.models import AuditAction
from xarxa.people.models import Person
from xarxa.plans.models import Action, Goal, Level, Plan, PlanStatus, PlanTemplate, Review, Who
from xarxa.plans.policies import require_case
from xarxa.plans.services._common import (
    add_months,
    audit,
    check_date,
    participant_ids,
    require_open,
    review_months_for,
    standing_follows,
    template_for,
    timeline,
)
from xarxa.records.models import CaseStatus
from xarxa.records.standing import case_standing_refresh, standing_of
from xarxa.screening.models import Assessment, Domain

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.records.models import CaseFile


def _current_level(case: CaseFile) -> str:
    standing = standing_of(case.pk)
    return standing.level if standing and standing.level else ""


def _latest_levels(case: CaseFile, person: Person) -> dict[Domain, int]:
    """Domain -> level of the latest finalised SSM-CAT assessment behind the case's
    complexity (or of the person), for the goals a template prefills."""
    standing = standing_of(case.pk)
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


def _template_named(code: str | None) -> PlanTemplate | None:
    """The active template with this code; an unknown one is refused."""
    if not code:
        return None
    template = PlanTemplate.objects.filter(code=code, active=True).first()
    if template is None:
        raise ValidationError({"template": _("Choose a template from the list.")})
    return template


def plan_start(
    *,
    actor: User,
    case: CaseFile,
    person: Person | None = None,
    template: str | None = None,
    person_words: str = "",
    agreed_on: date | None = None,
) -> Plan:
    """Agree a plan for the case with one of its people. The template of the case's
    complexity (or the one chosen, by its code) prefills goals for the domains at low
    levels and the first actions; the plan is reviewed as often as the case's complexity
    asks (the chosen template's level when the case has no finalised assessment)."""
    require_case(actor, case)
    chosen = _template_named(template)
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("The case file is closed: reopen it first."))
    participants = participant_ids(case)
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
    level = _current_level(case) or (chosen.level if chosen else Level.LOW)
    chosen = chosen or template_for(level)
    if case.plans.filter(status=PlanStatus.ACTIVE).exists():
        raise ValidationError(_("This case file already has an active plan."))
    agreed_with = Person.objects.get(pk=person_id)
    try:
        with transaction.atomic():
            plan = Plan.objects.create(
                case=case,
                person=agreed_with,
                template=chosen,
                level=level,
                person_words=person_words.strip(),
                agreed_on=agreed_on,
                next_review_due=add_months(agreed_on, review_months_for(level)),
                created_by=actor,
            )
            if chosen is not None:
                _prefill(plan, chosen, _latest_levels(case, agreed_with))
            standing_follows(plan)
            name = chosen.texts.get("ca", {}).get("name", "") if chosen else ""
            timeline(
                plan,
                on=agreed_on,
                kind="plan.agreed",
                title=f"Pla d'intervenció: {name}" if chosen else "Pla d'intervenció",
                obj=plan,
            )
            audit(actor, AuditAction.CREATE, plan, case)
    except IntegrityError:
        raise ValidationError(_("This case file already has an active plan.")) from None
    return plan


def _prefill(plan: Plan, template: PlanTemplate, levels: dict[Domain, int]) -> None:
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


def plan_update(*, actor: User, plan: Plan, expected_version: int, person_words: str) -> Plan:
    """The person's own words on what they want (several people may edit: a stale save
    is refused)."""
    require_case(actor, plan.case)
    require_open(plan)
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
        audit(actor, AuditAction.UPDATE, plan, plan.case, details={"fields": ["person_words"]})
    return plan


def plan_close(*, actor: User, plan: Plan, expected_version: int) -> Plan:
    require_case(actor, plan.case)
    require_open(plan)
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
        standing_follows(plan)
        timeline(plan, on=plan.closed_on, kind="plan.closed", title="Pla tancat", obj=plan)
        audit(actor, AuditAction.UPDATE, plan, plan.case, details={"closed": True})
    return plan


def review_add(
    *, actor: User, plan: Plan, expected_version: int, what_changed: str, on: date | None = None
) -> Review:
    """A review of the plan: what changed, and the next review, as often as the
    complexity of the latest finalised assessment asks."""
    require_case(actor, plan.case)
    require_open(plan)
    today = timezone.localdate()
    on = on or today
    if not what_changed.strip():
        raise ValidationError({"what_changed": _("Write what changed since the last review.")})
    check_date(on, "on", not_before=plan.agreed_on, not_after=today)
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
        standing_follows(plan)
        timeline(plan, on=on, kind="plan.review", title="Revisió del pla", obj=review)
        audit(actor, AuditAction.CREATE, review, plan.case)
    return review


def plans_follow_complexity(case_ids: Sequence[int], level: str) -> int:
    """A new finalised assessment changed the complexity of these case files: their
    active plans are reviewed as often as the new level asks, counting from the last
    review (or the agreement). Called through the case standing (records.standing), inside
    the transaction that finalised the assessment; not a user edit, so the plans'
    versions do not move. One bulk update of the plans, one of their standings."""
    months = review_months_for(level)
    plans = list(
        Plan.objects.filter(case_id__in=case_ids, status=PlanStatus.ACTIVE)
        .annotate(last_review=Max("reviews__on"))
        .only("id", "case_id", "agreed_on")
    )
    for plan in plans:
        base = plan.last_review or plan.agreed_on
        plan.level, plan.next_review_due = level, add_months(base, months)
    Plan.objects.bulk_update(plans, ["level", "next_review_due"])
    case_standing_refresh((), review_due={p.case_id: p.next_review_due for p in plans})
    return len(plans)
