"""Every write to the social record: atomic, audited, and added to the timeline."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm, deny
from xarxa.people.access import person_access
from xarxa.records.models import (
    CaseAssignment,
    CaseEvent,
    CaseEventKind,
    CaseFile,
    CaseParticipant,
    CaseStatus,
    Intervention,
    TimelineEntry,
)
from xarxa.records.policies import RecordsPerm


def _next_number(abss, year: int) -> str:
    prefix = f"{abss.code.removeprefix('ABSS-')}-{year}-"
    last = CaseFile.objects.filter(number__startswith=prefix).aggregate(n=Max("number"))["n"]
    sequence = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{sequence:06d}"


def timeline_add(
    *,
    person,
    on: date,
    kind: str,
    title: str,
    obj,
    case=None,
    sensitivity="",
    confidentiality="team",
) -> TimelineEntry:
    return TimelineEntry.objects.create(
        person=person,
        case=case,
        on=on,
        kind=kind,
        title=title[:200],
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        sensitivity=sensitivity,
        confidentiality=confidentiality,
    )


@transaction.atomic
def case_open(
    *, actor, person, team, abss, opened_on: date | None = None, reference_professional=None
) -> CaseFile:
    """Open a case file for one person, owned by the actor's ABSS."""
    check_perm(actor, RecordsPerm.EDIT)
    if not person_access(actor, person).reads_records:
        raise deny(actor, f"records.casefile:new:{person.pk}")
    if person.is_restricted:
        raise ValidationError(_("This record is restricted and cannot be changed."))
    opened_on = opened_on or timezone.localdate()
    if opened_on > timezone.localdate():
        raise ValidationError(_("The opening date cannot be in the future."))
    professional = reference_professional or actor
    # People with no address (e.g. homeless) are attended where the team works.
    municipality = (
        person.municipality
        or team.organisation.municipality
        or abss.memberships.select_related("municipality").first().municipality
    )
    case = CaseFile.objects.create(
        number=_next_number(abss, opened_on.year),
        person=person,
        abss=abss,
        team=team,
        municipality=municipality,
        reference_professional=professional,
        opened_on=opened_on,
    )
    CaseParticipant.objects.create(case=case, person=person, valid_from=opened_on)
    CaseAssignment.objects.create(
        case=case,
        reference_professional=professional,
        team=team,
        abss=abss,
        municipality=municipality,
        changed_by=actor,
        valid_from=opened_on,
    )
    event = CaseEvent.objects.create(case=case, kind=CaseEventKind.OPENED, on=opened_on, by=actor)
    timeline_add(
        person=person,
        on=opened_on,
        kind="case.opened",
        title=_("Case file %(number)s opened") % {"number": case.number},
        obj=event,
        case=case,
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=case, person_id=person.pk)
    return case


def _require_case_access(actor, case: CaseFile) -> None:
    from xarxa.records.selectors import case_access_via

    if case_access_via(actor, case) is None:
        raise deny(actor, f"records.casefile:{case.pk}")


@transaction.atomic
def case_close(*, actor, case: CaseFile, reason: str, on: date | None = None) -> CaseFile:
    check_perm(actor, RecordsPerm.EDIT)
    _require_case_access(actor, case)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("This case file is already closed."))
    if not reason.strip():
        raise ValidationError(_("Write why the case file is closed."))
    case.status, case.closed_on, case.closing_reason = (
        CaseStatus.CLOSED,
        on or timezone.localdate(),
        reason.strip()[:200],
    )
    case.version += 1
    case.save(update_fields=["status", "closed_on", "closing_reason", "version", "updated_at"])
    _case_event(actor, case, CaseEventKind.CLOSED, case.closed_on, reason)
    return case


@transaction.atomic
def case_reopen(*, actor, case: CaseFile, reason: str) -> CaseFile:
    check_perm(actor, RecordsPerm.EDIT)
    _require_case_access(actor, case)
    if case.status == CaseStatus.OPEN:
        raise ValidationError(_("This case file is already open."))
    if not reason.strip():
        raise ValidationError(_("Write why the case file is reopened."))
    case.status, case.closed_on, case.closing_reason = CaseStatus.OPEN, None, ""
    case.version += 1
    case.save(update_fields=["status", "closed_on", "closing_reason", "version", "updated_at"])
    _case_event(actor, case, CaseEventKind.REOPENED, timezone.localdate(), reason)
    return case


def _case_event(actor, case, kind, on, reason):
    event = CaseEvent.objects.create(case=case, kind=kind, on=on, by=actor, reason=reason[:200])
    titles = {
        CaseEventKind.CLOSED: _("Case file %(number)s closed"),
        CaseEventKind.REOPENED: _("Case file %(number)s reopened"),
    }
    for participant in case.participants.select_related("person"):
        timeline_add(
            person=participant.person,
            on=on,
            kind=f"case.{kind}",
            title=titles[kind] % {"number": case.number},
            obj=event,
            case=case,
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=case,
            person_id=participant.person_id,
            reason=reason,
            details={"event": kind},
        )


@transaction.atomic
def intervention_add(
    *,
    actor,
    case: CaseFile,
    kind: str,
    occurred_on: date,
    summary: str,
    duration_minutes: int = 30,
    confidentiality: str = "team",
    sensitivity: str = "",
    persons=None,
    professionals=(),
) -> Intervention:
    """Record an intervention; each person involved gets a timeline line."""
    check_perm(actor, RecordsPerm.EDIT)
    _require_case_access(actor, case)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("Reopen the case file before recording on it."))
    if occurred_on > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))
    if not summary.strip():
        raise ValidationError(_("Write what happened."))
    participants = list(case.participants.select_related("person").values_list("person", flat=True))
    chosen = [p for p in (persons or participants) if (getattr(p, "pk", p)) in participants]
    intervention = Intervention.objects.create(
        case=case,
        kind=kind,
        occurred_on=occurred_on,
        duration_minutes=duration_minutes,
        summary=summary.strip(),
        confidentiality=confidentiality,
        sensitivity=sensitivity,
        author=actor,
    )
    intervention.persons.set(chosen)
    if professionals:
        intervention.professionals.set(professionals)
    TimelineEntry.objects.bulk_create(
        [
            TimelineEntry(
                person_id=getattr(p, "pk", p),
                case=case,
                on=occurred_on,
                kind=f"intervention.{kind}",
                title=intervention.get_kind_display(),
                object_type=intervention._meta.label_lower,
                object_id=str(intervention.pk),
                sensitivity=sensitivity,
                confidentiality=confidentiality,
            )
            for p in chosen
        ]
    )
    for p in chosen:
        audit_record(
            actor=actor, action=AuditAction.CREATE, obj=intervention, person_id=getattr(p, "pk", p)
        )
    return intervention
