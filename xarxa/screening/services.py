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
from xarxa.records.timeline import timeline_add
from xarxa.screening.complexity import classify
from xarxa.screening.models import Assessment, Classification, ComplexityRule, Domain, Score
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
    with transaction.atomic():
        assessment = Assessment.objects.create(
            person=person,
            case=case,
            instrument=instrument,
            context=context,
            assessor=actor,
            with_parenting=with_parenting,
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
