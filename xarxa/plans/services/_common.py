"""What every write on itineraries shares: review arithmetic, the template of a level, the
people audited and told on their timeline, and the checks every change makes."""

from __future__ import annotations

import calendar
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from xarxa.core.audit import audit_record
from xarxa.plans.models import Level, Plan, PlanStatus, PlanTemplate
from xarxa.records.standing import case_standing_refresh
from xarxa.records.timeline import timeline_add_many

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.records.models import CaseFile

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
    if template is not None:
        return template.review_months
    return DEFAULT_REVIEW_MONTHS.get(Level(level), 6) if level in Level.values else 6


def participant_ids(case: CaseFile) -> list[int]:
    return list(
        case.participants.filter(valid_until__isnull=True)
        .order_by("id")
        .values_list("person_id", flat=True)
    )


def require_open(plan: Plan) -> None:
    if plan.status != PlanStatus.ACTIVE:
        raise ValidationError(_("This plan is closed: start a new one."))


def audit(
    actor: User, action: str, obj: Model, case: CaseFile, details: dict[str, object] | None = None
) -> None:
    for person_id in participant_ids(case):
        audit_record(actor=actor, action=action, obj=obj, person_id=person_id, details=details)


def timeline(plan: Plan, *, on: date, kind: str, title: str, obj: Model) -> None:
    timeline_add_many(
        persons=participant_ids(plan.case), on=on, kind=kind, title=title, obj=obj, case=plan.case
    )


def check_date(
    value: date | None, name: str, *, not_before: date | None = None, not_after: date | None = None
) -> None:
    if value is None:
        return
    if not_after is not None and value > not_after:
        raise ValidationError({name: _("The date cannot be in the future.")})
    if not_before is not None and value < not_before:
        raise ValidationError({name: _("The date cannot be before the plan was agreed.")})


def standing_follows(plan: Plan) -> None:
    """The case's standing carries the active plan's next review (None once closed)."""
    active = plan.status == PlanStatus.ACTIVE
    case_standing_refresh(
        [plan.case_id], review_due={plan.case_id: plan.next_review_due if active else None}
    )
