"""Writes on assessments. Who may assess a person is who may read their social record
(screening.policies); refusals are checked before any transaction so their audit row
stays."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.policies import deny
from xarxa.core.validators import check_event_date, check_length
from xarxa.people.models import HouseholdMembership
from xarxa.people.policies import require_processing
from xarxa.records.standing import Assessed, case_standing_refresh, open_cases_of
from xarxa.records.timeline import timeline_add
from xarxa.screening.complexity import classify
from xarxa.screening.models import (
    Assessment,
    Classification,
    ComplexityRule,
    Context,
    DependencyRecord,
    Domain,
    Instrument,
    Score,
    TsoRecord,
)
from xarxa.screening.policies import may_assess

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.people.models import Person
    from xarxa.records.models import CaseFile


def _require_reach(actor: User, person: Person) -> None:
    if not may_assess(actor, person):
        raise deny(actor, f"screening.assessment:new:{person.pk}")
    require_processing(actor, [person])  # not through a grant, not when restricted


def _required_domains(assessment: Assessment) -> list[Domain]:
    domains = list(assessment.instrument.domains.all())
    if assessment.with_parenting:
        return domains
    return [d for d in domains if d.group == Domain.Group.CORE]


def assessment_start(
    *,
    actor: User,
    person: Person,
    instrument: Instrument,
    context: str = Context.INTAKE,
    case: CaseFile | None = None,
    with_parenting: bool = False,
    corrects: Assessment | None = None,
) -> Assessment:
    """A new draft at one moment (intake, follow-up, closure). A correction starts as a
    copy of the finalised one it corrects."""
    _require_reach(actor, person)
    if context not in Context.values:
        raise ValidationError({"context": _("The moment is intake, follow_up or closure.")})
    if corrects is not None and (
        corrects.status != Assessment.Status.FINAL or corrects.person_id != person.pk
    ):
        raise ValidationError(_("Only a finalised assessment of this person can be corrected."))
    household_id = None
    if with_parenting:
        household_id = (
            HouseholdMembership.objects.valid_on(timezone.localdate())
            .filter(person=person)
            .values_list("household_id", flat=True)
            .first()
        )
    with transaction.atomic():
        assessment = Assessment.objects.create(
            person=person,
            case=case,
            instrument=instrument,
            context=context,
            assessor=actor,
            with_parenting=with_parenting,
            household_id=household_id,
            corrects=corrects,
        )
        if corrects is not None:
            Score.objects.bulk_create(
                [
                    Score(
                        assessment=assessment,
                        domain_id=s.domain_id,
                        level=s.level,
                        not_assessed=s.not_assessed,
                        justification=s.justification,
                    )
                    for s in corrects.scores.all()
                ]
            )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=assessment, person_id=person.pk)
    return assessment


def score_set(
    *,
    actor: User,
    assessment: Assessment,
    domain: Domain,
    level: int | None = None,
    not_assessed: bool = False,
    justification: str = "",
) -> Score:
    """Score one domain of a draft: a level 1-5, or "not assessed / not applicable"."""
    _require_reach(actor, assessment.person)
    if assessment.status != Assessment.Status.DRAFT:
        raise ValidationError(_("A finalised assessment is not edited: correct it with a new one."))
    if domain.instrument_id != assessment.instrument_id:
        raise ValidationError({"domain": _("This domain belongs to another instrument.")})
    if not_assessed == (level is not None):
        raise ValidationError({"level": _("Give a level from 1 to 5, or mark it as not assessed.")})
    if level is not None and not 1 <= int(level) <= 5:
        raise ValidationError({"level": _("Give a level from 1 to 5, or mark it as not assessed.")})
    score, _created = Score.objects.update_or_create(
        assessment=assessment,
        domain=domain,
        defaults={
            "level": level,
            "not_assessed": not_assessed,
            "justification": check_length(justification, 500, field="justification"),
        },
    )
    return score


@dataclass(frozen=True)
class ScoreItem:
    """One domain's score, the domain named by its code."""

    domain: str
    level: int | None = None
    not_assessed: bool = False
    justification: str = ""


def scores_set(*, actor: User, assessment: Assessment, items: Sequence[ScoreItem]) -> None:
    """Score several domains of a draft, all or nothing; an unknown domain is refused."""
    _require_reach(actor, assessment.person)
    domains = {d.code: d for d in assessment.instrument.domains.all()}
    with transaction.atomic():
        for item in items:
            if item.domain not in domains:
                raise ValidationError(
                    {"domain": _("Unknown domain: %(code)s.") % {"code": item.domain}}
                )
            score_set(
                actor=actor, assessment=assessment, domain=domains[item.domain],
                level=item.level, not_assessed=item.not_assessed,
                justification=item.justification,
            )  # fmt: skip


def missing_domains(assessment: Assessment) -> list[Domain]:
    scored = {s.domain_id for s in assessment.scores.all() if s.level is not None or s.not_assessed}
    return [d for d in _required_domains(assessment) if d.pk not in scored]


def assessment_finalise(*, actor: User, assessment: Assessment) -> Classification | None:
    """Finalise when every required domain has a level or an explicit "not assessed";
    then classify it with the active complexity rule (kept with the rule version)."""
    _require_reach(actor, assessment.person)
    if assessment.status != Assessment.Status.DRAFT:
        raise ValidationError(_("This assessment is already finalised."))
    missing = missing_domains(assessment)
    if missing:
        names = ", ".join(d.name for d in missing)
        raise ValidationError(
            _("Score every domain or mark it as not assessed: %(names)s.") % {"names": names}
        )
    with transaction.atomic():
        assessment.status = Assessment.Status.FINAL
        assessment.finalised_at = timezone.now()
        assessment.save(update_fields=["status", "finalised_at", "updated_at"])
        classification = None
        rule = ComplexityRule.objects.filter(active=True).order_by("-version").first()
        if rule is not None and assessment.instrument.code == "ssm-cat":
            levels = {s.domain.code: s.level for s in assessment.scores.select_related("domain")}
            classification = Classification.objects.create(
                assessment=assessment, rule=rule, level=classify(levels, rule.definition)
            )
        if classification is not None:
            # The open case files the person is in now (and the one the assessment names)
            # take its complexity, unless they hold a later one; plans follows (its review
            # dates) through the standing's followers.
            case_ids = open_cases_of(assessment.person_id)
            if assessment.case_id:
                case_ids.append(assessment.case_id)
            case_standing_refresh(
                case_ids,
                assessed=Assessed(classification.level, assessment.pk, assessment.assessed_on),
            )
        timeline_add(
            person=assessment.person,
            on=assessment.assessed_on,
            kind="assessment.final",
            title=assessment.instrument.texts.get("ca", {}).get("name", assessment.instrument.code),
            obj=assessment,
            case=assessment.case,
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=assessment,
            person_id=assessment.person_id,
            details={"finalised": True},
        )
    return classification


def _check_dates(**dates: date | None) -> None:
    for name, value in dates.items():
        check_event_date(value, field=name)


def tso_record(
    *, actor: User, person: Person, score: int, risk: str, applied_on: date, applied_by: str
) -> TsoRecord:
    """The result of a TSO scale applied outside Xarxa (the scale itself is not
    reproduced: its authors have not allowed a digital version)."""
    _require_reach(actor, person)
    if risk not in TsoRecord.Risk.values:
        raise ValidationError({"risk": _("Choose a risk level from the list.")})
    if score is None or not 0 <= int(score) <= 100:
        raise ValidationError({"score": _("Give the score as a whole number from 0 to 100.")})
    if not applied_by.strip():
        raise ValidationError({"applied_by": _("Write who applied the scale.")})
    _check_dates(applied_on=applied_on)
    with transaction.atomic():
        record = TsoRecord.objects.create(
            person=person,
            score=int(score),
            risk=risk,
            applied_on=applied_on,
            applied_by=check_length(applied_by.strip(), 150, field="applied_by"),
            recorded_by=actor,
        )
        timeline_add(person=person, on=applied_on, kind="screening.tso", title="TSO", obj=record)
        audit_record(actor=actor, action=AuditAction.CREATE, obj=record, person_id=person.pk)
    return record


def dependency_record(
    *,
    actor: User,
    person: Person,
    applied_on: date,
    grade: str = "",
    assessed_on: date | None = None,
    resolved_on: date | None = None,
    pia_on: date | None = None,
    pia_summary: str = "",
    review_on: date | None = None,
) -> DependencyRecord:
    """A new step of the dependency procedure (Llei 39/2006); earlier ones stay."""
    _require_reach(actor, person)
    if grade not in DependencyRecord.Grade.values:
        raise ValidationError({"grade": _("Choose a grade from the list.")})
    _check_dates(applied_on=applied_on, assessed_on=assessed_on, resolved_on=resolved_on)
    if applied_on is None:
        raise ValidationError({"applied_on": _("Give the application date.")})
    steps = [applied_on, assessed_on, resolved_on]
    known = [d for d in steps if d is not None]
    if known != sorted(known):
        raise ValidationError(_("The dates go in order: application, assessment, then resolution."))
    if grade and resolved_on is None:
        raise ValidationError({"resolved_on": _("A grade comes with its resolution date.")})
    if pia_on is not None and (resolved_on is None or pia_on < resolved_on):
        raise ValidationError({"pia_on": _("The care programme follows the resolution.")})
    with transaction.atomic():
        record = DependencyRecord.objects.create(
            person=person,
            grade=grade,
            applied_on=applied_on,
            assessed_on=assessed_on,
            resolved_on=resolved_on,
            pia_on=pia_on,
            pia_summary=check_length(pia_summary.strip(), 300, field="pia_summary"),
            review_on=review_on,
            recorded_by=actor,
        )
        timeline_add(
            person=person,
            on=resolved_on or assessed_on or applied_on,
            kind="screening.dependency",
            title="Dependència",
            obj=record,
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=record, person_id=person.pk)
    return record
