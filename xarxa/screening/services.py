"""Writes on assessments. Who may assess a person is who may read their social record;
refusals are checked before any transaction so their audit row stays."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm, deny
from xarxa.people.access import person_access
from xarxa.people.models import HouseholdMembership
from xarxa.records.timeline import timeline_add
from xarxa.screening.complexity import classify
from xarxa.screening.models import (
    Assessment,
    CaseStanding,
    Classification,
    ComplexityRule,
    DependencyRecord,
    Domain,
    Score,
    TsoRecord,
)
from xarxa.screening.policies import ScreeningPerm


def _require_reach(actor, person) -> None:
    check_perm(actor, ScreeningPerm.ASSESS)
    if not person_access(actor, person).reads_records:
        raise deny(actor, f"screening.assessment:new:{person.pk}")


def _required_domains(assessment: Assessment) -> list[Domain]:
    domains = list(assessment.instrument.domains.all())
    if assessment.with_parenting:
        return domains
    return [d for d in domains if d.group == Domain.Group.CORE]


def assessment_start(
    *,
    actor,
    person,
    instrument,
    context="intake",
    case=None,
    with_parenting=False,
    corrects=None,
) -> Assessment:
    """A new draft. A correction starts as a copy of the finalised one it corrects."""
    _require_reach(actor, person)
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
    actor,
    assessment: Assessment,
    domain: Domain,
    level=None,
    not_assessed=False,
    justification="",
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
            "justification": justification[:500],
        },
    )
    return score


def missing_domains(assessment: Assessment) -> list[Domain]:
    scored = {s.domain_id for s in assessment.scores.all() if s.level is not None or s.not_assessed}
    return [d for d in _required_domains(assessment) if d.pk not in scored]


def assessment_finalise(*, actor, assessment: Assessment) -> Classification | None:
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
            _standings_follow(assessment, classification.level)
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


def _standings_follow(assessment: Assessment, level: str) -> list[int]:
    """The open case files the assessed person is in now (and the one the assessment
    names) take its complexity, unless they hold a later one; their active plans'
    review due dates follow (plans.services)."""
    from xarxa.plans.services import plans_follow_complexity
    from xarxa.records.models import CaseFile, CaseParticipant

    in_cases = CaseParticipant.objects.filter(
        person_id=assessment.person_id, valid_until__isnull=True, case__status="open"
    ).values_list("case_id", flat=True)
    case_ids = set(in_cases)
    if assessment.case_id:
        case_ids.add(assessment.case_id)
    later = set(
        CaseStanding.objects.filter(
            case_id__in=case_ids, assessed_on__gt=assessment.assessed_on
        ).values_list("case_id", flat=True)
    )
    case_ids = sorted(case_ids - later)
    for case in CaseFile.objects.filter(pk__in=case_ids, standing__isnull=True):
        standing_case_sync(case=case)  # a case file from before standings existed
    values = {"level": level, "assessment": assessment, "assessed_on": assessment.assessed_on}
    CaseStanding.objects.filter(case_id__in=case_ids).update(**values)
    plans_follow_complexity(cases=CaseFile.objects.filter(pk__in=case_ids), level=level)
    return case_ids


def standing_case_sync(*, case) -> None:
    """The copy of who holds the case file and whether it is open (called by the
    records services on every change of those)."""
    values = {
        "status": case.status,
        "abss_id": case.abss_id,
        "team_id": case.team_id,
        "reference_professional_id": case.reference_professional_id,
    }
    if not CaseStanding.objects.filter(case_id=case.pk).update(**values):
        CaseStanding.objects.create(case_id=case.pk, **values)


def standing_review_set(*, case, review_due) -> None:
    """The next review of the case's active plan (None when it has none), written by
    the plans service for the worklist and the segmentation."""
    if not CaseStanding.objects.filter(case_id=case.pk).update(review_due=review_due):
        standing_case_sync(case=case)
        CaseStanding.objects.filter(case_id=case.pk).update(review_due=review_due)


def _check_dates(**dates) -> None:
    today = timezone.localdate()
    for name, value in dates.items():
        if value is not None and value > today:
            raise ValidationError({name: _("The date cannot be in the future.")})


def tso_record(*, actor, person, score: int, risk: str, applied_on, applied_by: str) -> TsoRecord:
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
            applied_by=applied_by.strip()[:150],
            recorded_by=actor,
        )
        timeline_add(person=person, on=applied_on, kind="screening.tso", title="TSO", obj=record)
        audit_record(actor=actor, action=AuditAction.CREATE, obj=record, person_id=person.pk)
    return record


def dependency_record(
    *,
    actor,
    person,
    applied_on,
    grade: str = "",
    assessed_on=None,
    resolved_on=None,
    pia_on=None,
    pia_summary: str = "",
    review_on=None,
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
            pia_summary=pia_summary.strip()[:300],
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
