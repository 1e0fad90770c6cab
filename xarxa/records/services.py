"""Every write to the social record: atomic, audited, and added to the timeline."""

import hashlib
import uuid
import zipfile
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.accounts.selectors import active_assignments, scope_for
from xarxa.core.audit import audit_record
from xarxa.core.concurrency import save_versioned
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm, deny
from xarxa.people.access import ABSS_ROLES, person_access
from xarxa.records.models import (
    Attachment,
    CaseAssignment,
    CaseEvent,
    CaseEventKind,
    CaseFile,
    CaseParticipant,
    CaseProblem,
    CaseStatus,
    Confidentiality,
    Intervention,
    InterventionKind,
    ProblemCategory,
    Sensitivity,
)
from xarxa.records.policies import RecordsPerm
from xarxa.records.standing import case_standing_refresh
from xarxa.records.timeline import case_event_title, timeline_add_many

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def _next_number(abss, year: int) -> str:
    """ "VIC-2026-000123": ABSS short code, year, sequence within both."""
    prefix = f"{abss.code.removeprefix('ABSS-')}-{year}-"
    last = CaseFile.objects.filter(number__startswith=prefix).aggregate(n=Max("number"))["n"]
    sequence = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{sequence:06d}"


def _home_assignment(user):
    """The user's current assignment to an ABSS team (the defaults of a new case)."""
    for assignment in active_assignments(user):
        if assignment.role in ABSS_ROLES and (assignment.abss or assignment.team.abss):
            return assignment
    return None


def _require_abss_staff(user, abss, what: str) -> None:
    """A case is held by staff of its own ABSS."""
    scope = scope_for(user)
    if not (scope.roles & ABSS_ROLES and abss.pk in scope.abss_ids):
        raise deny(user, what)


def _check_professional(user, abss) -> None:
    scope = scope_for(user)
    if not (scope.roles & ABSS_ROLES and abss.pk in scope.abss_ids):
        raise ValidationError(
            {"reference_professional": _("The reference professional must work in this ABSS.")}
        )


def _audit_each(actor, action, obj, person_ids, **extra) -> None:
    for person_id in person_ids:
        audit_record(actor=actor, action=action, obj=obj, person_id=person_id, **extra)


def _participant_ids(case) -> list[int]:
    return list(case.participants.order_by("id").values_list("person_id", flat=True))


def _check_participant(actor, person, what: str) -> None:
    """Someone the actor may read the file of, and whose record may change."""
    if not person_access(actor, person).reads_records:
        raise deny(actor, f"{what}:{person.pk}")
    if person.is_restricted:
        raise ValidationError(_("This record is restricted and cannot be changed."))
    if person.merged_into_id:
        raise ValidationError(_("This record was merged into another one."))


@transaction.atomic
def case_open(
    *,
    actor,
    person=None,
    household=None,
    abss=None,
    team=None,
    municipality=None,
    reference_professional=None,
    participants=None,
    opened_on: date | None = None,
) -> CaseFile:
    """Open a case file for one person or a household. The ABSS and team default to the
    actor's own, the municipality to where the person (or household) lives."""
    check_perm(actor, RecordsPerm.EDIT)
    if (person is None) == (household is None):
        raise ValidationError(_("A case file is about one person or one household."))
    opened_on = opened_on or timezone.localdate()
    if opened_on > timezone.localdate():
        raise ValidationError({"opened_on": _("The opening date cannot be in the future.")})
    if participants is None:
        if person is not None:
            participants = [person]
        else:
            memberships = household.memberships.valid_on(opened_on).select_related("person")
            participants = [m.person for m in memberships]
    participants = list(dict.fromkeys(participants))
    if person is not None and person not in participants:
        participants.insert(0, person)
    if not participants:
        raise ValidationError(_("The household has nobody living in it today."))
    for participant in participants:
        _check_participant(actor, participant, "records.casefile:new")
    home = _home_assignment(actor)
    if team is None:
        if home is None:
            raise deny(actor, "records.casefile:new")
        team = home.team
    abss = abss or team.abss or (home and (home.abss or home.team.abss))
    if abss is None:
        raise deny(actor, "records.casefile:new")
    _require_abss_staff(actor, abss, "records.casefile:new")
    professional = reference_professional or actor
    _check_professional(professional, abss)
    first = participants[0]
    # People with no address (e.g. homeless) are attended where the team works.
    municipality = (
        municipality
        or (household.municipality if household else None)
        or first.municipality
        or team.organisation.municipality
        or abss.memberships.select_related("municipality").first().municipality
    )
    case = None
    for _attempt in range(5):  # two openings at the same moment: take the next number
        try:
            with transaction.atomic():
                case = CaseFile.objects.create(
                    number=_next_number(abss, opened_on.year),
                    person=person,
                    household=household,
                    abss=abss,
                    team=team,
                    municipality=municipality,
                    reference_professional=professional,
                    opened_on=opened_on,
                )
            break
        except IntegrityError:
            continue
    if case is None:
        raise ValidationError(_("Could not number the case file; try again."))
    CaseParticipant.objects.bulk_create(
        [CaseParticipant(case=case, person=p, valid_from=opened_on) for p in participants]
    )
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
    _standing_sync(case)
    timeline_add_many(
        persons=participants,
        on=opened_on,
        kind="case.opened",
        title=case_event_title(CaseEventKind.OPENED, case.number),
        obj=event,
        case=case,
    )
    _audit_each(actor, AuditAction.CREATE, case, [p.pk for p in participants])
    return case


def _require_case_access(actor, case: CaseFile) -> str:
    from xarxa.records.selectors import case_access_via

    via = case_access_via(actor, case)
    if via is None:
        raise deny(actor, f"records.casefile:{case.pk}")
    return via


def _standing_sync(case) -> None:
    """The case standing's copy of who holds the case and whether it is open (read by
    the segmentation of the whole consortium without joining the case files)."""
    case_standing_refresh([case.pk], holder=True)


def _status_change(actor, case, expected_version, **values):
    original = {"status": case.status}
    for name, value in values.items():
        setattr(case, name, value)
    case.updated_at = timezone.now()
    save_versioned(
        case,
        expected_version=case.version if expected_version is None else expected_version,
        fields=[*values, "updated_at"],
        original=original,
    )
    _standing_sync(case)


@transaction.atomic
def case_close(
    *,
    actor,
    case: CaseFile,
    reason: str,
    on: date | None = None,
    expected_version: int | None = None,
) -> CaseFile:
    check_perm(actor, RecordsPerm.EDIT)
    _require_case_access(actor, case)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("This case file is already closed."))
    if not reason.strip():
        raise ValidationError({"reason": _("Write why the case file is closed.")})
    on = on or timezone.localdate()
    if on > timezone.localdate() or on < case.opened_on:
        raise ValidationError(_("The closing date must be between the opening and today."))
    _status_change(
        actor,
        case,
        expected_version,
        status=CaseStatus.CLOSED,
        closed_on=on,
        closing_reason=reason.strip()[:200],
    )
    _case_event(actor, case, CaseEventKind.CLOSED, on, reason)
    return case


@transaction.atomic
def case_reopen(
    *, actor, case: CaseFile, reason: str, expected_version: int | None = None
) -> CaseFile:
    check_perm(actor, RecordsPerm.EDIT)
    _require_case_access(actor, case)
    if case.status == CaseStatus.OPEN:
        raise ValidationError(_("This case file is already open."))
    if not reason.strip():
        raise ValidationError({"reason": _("Write why the case file is reopened.")})
    _status_change(
        actor, case, expected_version, status=CaseStatus.OPEN, closed_on=None, closing_reason=""
    )
    _case_event(actor, case, CaseEventKind.REOPENED, timezone.localdate(), reason)
    return case


def _case_event(actor, case, kind, on, reason, details=None, person_ids=None):
    """The event on the case, on the timeline and in the audit log of each person it
    concerns (everyone in the case file unless ``person_ids`` says who)."""
    event = CaseEvent.objects.create(case=case, kind=kind, on=on, by=actor, reason=reason[:200])
    if person_ids is None:
        person_ids = _participant_ids(case)
    timeline_add_many(
        persons=person_ids,
        on=on,
        kind=f"case.{kind}",
        title=case_event_title(kind, case.number),
        obj=event,
        case=case,
    )
    _audit_each(
        actor,
        AuditAction.UPDATE,
        case,
        person_ids,
        reason=reason,
        details={"event": str(kind), **(details or {})},
    )
    return event


def may_open_cases(user) -> bool:
    """Case files are opened (and who they cover is changed) by basic-services staff."""
    scope = scope_for(user)
    return user.has_perm(RecordsPerm.EDIT) and bool(scope.roles & ABSS_ROLES and scope.abss_ids)


def _participation_change(actor, case, person, on, kind) -> date:
    check_perm(actor, RecordsPerm.EDIT)
    _require_case_access(actor, case)
    _require_abss_staff(actor, case.abss, f"records.casefile:{case.pk}:people")
    _check_participant(actor, person, f"records.casefile:{case.pk}:people")
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("The case file is closed: reopen it first."))
    on = on or timezone.localdate()
    if on > timezone.localdate() or on < case.opened_on:
        raise ValidationError({"on": _("The date must be between the opening and today.")})
    _case_event(actor, case, kind, on, "", person_ids=[person.pk])
    return on


@transaction.atomic
def case_participant_add(*, actor, case: CaseFile, person, on: date | None = None):
    """Someone joins the case file (a newborn, a partner who moved in)."""
    if case.participants.filter(person=person, valid_until__isnull=True).exists():
        raise ValidationError(_("This person is already in the case file."))
    on = _participation_change(actor, case, person, on, CaseEventKind.JOINED)
    return CaseParticipant.objects.create(case=case, person=person, valid_from=on)


@transaction.atomic
def case_participant_end(*, actor, case: CaseFile, participant, on: date | None = None):
    """Someone is no longer covered by the case file; their history in it stays."""
    if participant.case_id != case.pk or participant.valid_until is not None:
        raise ValidationError(_("This person is not in the case file any more."))
    if participant.person_id == case.person_id:
        raise ValidationError(_("The case file is about this person: close it instead."))
    if not case.participants.filter(valid_until__isnull=True).exclude(pk=participant.pk).exists():
        raise ValidationError(_("A case file needs someone in it: close it instead."))
    if on is not None and on < participant.valid_from:
        raise ValidationError({"on": _("The date cannot be before the person joined.")})
    on = _participation_change(actor, case, participant.person, on, CaseEventKind.LEFT)
    participant.valid_until = on
    participant.save(update_fields=["valid_until"])
    return participant


def may_reassign(user, case: CaseFile) -> bool:
    """Coordinators reassign; the reference professional may hand the case over."""
    return user.has_perm(RecordsPerm.ASSIGN) or (
        user.pk == case.reference_professional_id and user.has_perm(RecordsPerm.EDIT)
    )


ASSIGNMENT_FIELDS = ("reference_professional", "team", "abss", "municipality")


@transaction.atomic
def case_reassign(
    *,
    actor,
    case: CaseFile,
    expected_version: int,
    reason: str,
    reference_professional=None,
    team=None,
    municipality=None,
    original: dict | None = None,
) -> CaseFile:
    """Change who holds the case. The previous CaseAssignment row is ended, a new one
    starts: the history of reference professionals, teams and places is kept."""
    if not may_reassign(actor, case):
        raise deny(actor, f"records.casefile:{case.pk}:assign")
    _require_case_access(actor, case)
    if not reason.strip():
        raise ValidationError({"reason": _("Write why the case file changes hands.")})
    team = team or case.team
    abss = team.abss or case.abss
    new = {
        "reference_professional": reference_professional or case.reference_professional,
        "team": team,
        "abss": abss,
        "municipality": municipality or case.municipality,
    }
    if all(getattr(case, f"{name}_id") == new[name].pk for name in ASSIGNMENT_FIELDS):
        raise ValidationError(_("Nothing changes: choose another professional, team or place."))
    _check_professional(new["reference_professional"], abss)
    before = {f"{name}": getattr(case, f"{name}_id") for name in ASSIGNMENT_FIELDS}
    for name, value in new.items():
        setattr(case, name, value)
    case.updated_at = timezone.now()
    save_versioned(
        case,
        expected_version=expected_version,
        fields=[*ASSIGNMENT_FIELDS, "updated_at"],
        original=original,
    )
    _standing_sync(case)
    today = timezone.localdate()
    CaseAssignment.objects.filter(case=case, valid_until__isnull=True).update(valid_until=today)
    CaseAssignment.objects.create(
        case=case, changed_by=actor, valid_from=today, reason=reason.strip()[:200], **new
    )
    after = {name: new[name].pk for name in ASSIGNMENT_FIELDS}
    _case_event(actor, case, CaseEventKind.REASSIGNED, today, reason, {"from": before, "to": after})
    return case


@transaction.atomic
def intervention_add(
    *,
    actor,
    case: CaseFile,
    kind: str,
    occurred_on: date,
    summary: str,
    duration_minutes: int = 30,
    confidentiality: str = Confidentiality.TEAM,
    sensitivity: str = "",
    persons=None,
    professionals=(),
) -> Intervention:
    """Record an intervention; each person involved gets a timeline line carrying the
    same confidentiality and special category."""
    check_perm(actor, RecordsPerm.EDIT)
    _require_case_access(actor, case)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("Reopen the case file before recording on it."))
    if kind not in InterventionKind.values:
        raise ValidationError({"kind": _("Choose a type from the list.")})
    if confidentiality not in Confidentiality.values:
        raise ValidationError({"confidentiality": _("Choose who can read it from the list.")})
    if sensitivity not in Sensitivity.values:
        raise ValidationError({"sensitivity": _("Choose a special category from the list.")})
    if occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("The date cannot be in the future.")})
    if not 1 <= duration_minutes <= 600:
        raise ValidationError({"duration_minutes": _("Enter between 1 and 600 minutes.")})
    if not summary.strip():
        raise ValidationError({"summary": _("Write what happened.")})
    participant_ids = _participant_ids(case)
    chosen = [getattr(p, "pk", p) for p in persons] if persons else participant_ids
    if any(pid not in participant_ids for pid in chosen):
        raise ValidationError({"persons": _("Choose people who take part in this case file.")})
    chosen = list(dict.fromkeys(chosen))
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
    others = [p for p in professionals if getattr(p, "pk", p) != actor.pk]
    if others:
        intervention.professionals.set(others)
    timeline_add_many(
        persons=chosen,
        on=occurred_on,
        kind=f"intervention.{kind}",
        title=intervention.get_kind_display(),
        obj=intervention,
        case=case,
        sensitivity=sensitivity,
        confidentiality=confidentiality,
    )
    _audit_each(actor, AuditAction.CREATE, intervention, chosen)
    return intervention


# Extension -> (content type, how the file must begin). ODT and DOCX are ZIP files and
# are checked further inside (an ODT names its type first; a DOCX has word/document.xml).
ALLOWED_FILES = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".odt": ("application/vnd.oasis.opendocument.text", b"PK\x03\x04"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
}
ODT_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.text"


def _file_type(upload) -> str:
    """The content type of an allowed upload, judged by its name AND its first bytes."""
    name = upload.name or ""
    extension = Path(name).suffix.lower()
    if extension not in ALLOWED_FILES:
        raise ValidationError({"file": _("Only PDF, JPEG, PNG, ODT and DOCX files are accepted.")})
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": _("The file is larger than 10 MB.")})
    if upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    content_type, magic = ALLOWED_FILES[extension]
    upload.seek(0)
    head = upload.read(len(ODT_MIMETYPE) + 30)
    upload.seek(0)
    valid = head.startswith(magic)
    if valid and extension == ".odt":
        valid = head[30:].startswith(ODT_MIMETYPE)
    if valid and extension == ".docx":
        try:
            valid = "word/document.xml" in zipfile.ZipFile(upload).namelist()
        except zipfile.BadZipFile:
            valid = False
        upload.seek(0)
    if not valid:
        raise ValidationError(
            {"file": _("The file's content does not match its type (%(ext)s).") % {"ext": name}}
        )
    return content_type


@transaction.atomic
def attachment_add(*, actor, intervention: Intervention, upload) -> Attachment:
    """Store a file on an intervention, under a random name, with its SHA-256."""
    from xarxa.records.selectors import intervention_readable

    check_perm(actor, RecordsPerm.EDIT)
    via = _require_case_access(actor, intervention.case)
    if not intervention_readable(actor, intervention, via):
        raise deny(actor, f"records.intervention:{intervention.pk}")
    content_type = _file_type(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    extension = Path(upload.name).suffix.lower()
    original_name = Path(upload.name).name[:200]
    attachment = Attachment(
        intervention=intervention,
        original_name=original_name,
        content_type=content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=actor,
    )
    attachment.file.save(f"{uuid.uuid4().hex}{extension}", File(upload), save=False)
    attachment.save()
    _audit_each(
        actor,
        AuditAction.CREATE,
        attachment,
        list(intervention.persons.values_list("pk", flat=True)),
        details={"sha256": attachment.sha256, "size": attachment.size},
    )
    return attachment


@transaction.atomic
def problem_add(
    *, actor, case: CaseFile, code: str, started_on: date | None = None, notes: str = ""
) -> CaseProblem:
    check_perm(actor, RecordsPerm.EDIT)
    _require_case_access(actor, case)
    category = ProblemCategory.objects.filter(code=code, active=True).first()
    if category is None:
        raise ValidationError({"category": _("Choose a problem from the list.")})
    started_on = started_on or timezone.localdate()
    if started_on > timezone.localdate():
        raise ValidationError({"started_on": _("The date cannot be in the future.")})
    if case.problems.filter(category=category, ended_on__isnull=True).exists():
        raise ValidationError({"category": _("This problem is already recorded as current.")})
    problem = CaseProblem.objects.create(
        case=case, category=category, started_on=started_on, notes=notes.strip()[:300]
    )
    _audit_each(actor, AuditAction.CREATE, problem, _participant_ids(case), details={"code": code})
    return problem


@transaction.atomic
def problem_end(
    *, actor, case: CaseFile, problem_id: int, ended_on: date | None = None
) -> CaseProblem:
    check_perm(actor, RecordsPerm.EDIT)
    _require_case_access(actor, case)
    problem = case.problems.filter(pk=problem_id).first()
    if problem is None:
        raise ValidationError(_("This problem is not on this case file."))
    if problem.ended_on:
        raise ValidationError(_("This problem has already ended."))
    ended_on = ended_on or timezone.localdate()
    if ended_on > timezone.localdate() or ended_on < problem.started_on:
        raise ValidationError({"ended_on": _("The end date must be between the start and today.")})
    problem.ended_on = ended_on
    problem.save(update_fields=["ended_on", "updated_at"])
    _audit_each(
        actor,
        AuditAction.UPDATE,
        problem,
        _participant_ids(case),
        details={"ended_on": ended_on.isoformat()},
    )
    return problem
