"""Reads of assessments: the same reach as the person's social record, audited."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import Http404

from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm
from xarxa.people.access import person_access
from xarxa.people.selectors import deny_person
from xarxa.screening.models import Assessment
from xarxa.screening.policies import ScreeningPerm


def _require_records(user, person) -> None:
    check_perm(user, ScreeningPerm.ASSESS)
    if not person_access(user, person).reads_records:
        raise deny_person(user, person)


def assessment_get_for(user, public_id) -> Assessment:
    try:
        assessment = Assessment.objects.select_related("person", "instrument", "assessor").get(
            public_id=public_id
        )
    except (Assessment.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None
    _require_records(user, assessment.person)
    audit_record(
        actor=user, action=AuditAction.READ, obj=assessment, person_id=assessment.person_id
    )
    return assessment


@dataclass
class Comparison:
    assessments: list  # finalised, oldest first
    rows: list  # (domain, [score or None per assessment])


def comparison_for(user, person, instrument_code="ssm-cat") -> Comparison:
    """Every finalised assessment of the person with one instrument, domain by domain."""
    _require_records(user, person)
    assessments = list(
        Assessment.objects.filter(
            person=person, instrument__code=instrument_code, status=Assessment.Status.FINAL
        )
        .select_related("instrument")
        .prefetch_related("scores", "classifications")
        .order_by("assessed_on", "id")
    )
    audit_record(
        actor=user,
        action=AuditAction.LIST,
        object_type="screening.assessment",
        person_id=person.pk,
        details={"results": len(assessments)},
    )
    if not assessments:
        return Comparison([], [])
    domains = list(assessments[-1].instrument.domains.all())
    by_assessment = [{s.domain_id: s for s in a.scores.all()} for a in assessments]
    rows = [(d, [scores.get(d.pk) for scores in by_assessment]) for d in domains]
    rows = [(d, cells) for d, cells in rows if any(cells)]
    return Comparison(assessments, rows)
