"""What is recorded on a case file: interventions (notes), their files, and the list of
problems."""

from __future__ import annotations

import hashlib
import os
import uuid
import zipfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from uuid import UUID

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm, deny
from xarxa.core.validators import check_event_date, check_length
from xarxa.people.models import Person
from xarxa.records.models import (
    Attachment,
    CaseFile,
    CaseProblem,
    CaseStatus,
    Confidentiality,
    Intervention,
    InterventionKind,
    ProblemCategory,
    Sensitivity,
)
from xarxa.records.policies import (
    RecordsPerm,
    authoring_team_id,
    intervention_readable,
    require_case_write,
)
from xarxa.records.services.common import audit_each, participant_ids
from xarxa.records.timeline import timeline_add_many

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from xarxa.accounts.models import User

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def _persons_in_case(case: CaseFile, persons: Iterable[Person | int | UUID] | None) -> list[int]:
    """The people a note is about, given as persons, ids or public ids (the API): each
    must take part in the case file now; none given means everyone in it."""
    everyone = participant_ids(case)
    if not persons:
        return everyone
    by_public_id = dict(
        case.participants.filter(valid_until__isnull=True).values_list(
            "person__public_id", "person_id"
        )
    )
    chosen = []
    for person in persons:
        if isinstance(person, UUID):
            pid = by_public_id.get(person)
        else:
            pid = person.pk if isinstance(person, Person) else person
        if pid is None or pid not in everyone:
            raise ValidationError({"persons": _("Choose people who take part in this case file.")})
        chosen.append(pid)
    return list(dict.fromkeys(chosen))


@transaction.atomic
def intervention_add(
    *,
    actor: User,
    case: CaseFile,
    kind: str,
    occurred_on: date,
    summary: str,
    duration_minutes: int = 30,
    confidentiality: str = Confidentiality.TEAM,
    sensitivity: str = "",
    persons: Iterable[Person | int | UUID] | None = None,
    professionals: Iterable[User | int] = (),
) -> Intervention:
    """Record an intervention; each person involved gets a timeline line carrying the
    same confidentiality and special category."""
    check_perm(actor, RecordsPerm.EDIT)
    require_case_write(actor, case, _persons_in_case(case, persons))
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(_("Reopen the case file before recording on it."))
    if kind not in InterventionKind.values:
        raise ValidationError({"kind": _("Choose a type from the list.")})
    if confidentiality not in Confidentiality.values:
        raise ValidationError({"confidentiality": _("Choose who can read it from the list.")})
    if sensitivity not in Sensitivity.values:
        raise ValidationError({"sensitivity": _("Choose a special category from the list.")})
    check_event_date(occurred_on, since=case.opened_on, field="occurred_on")
    if not 1 <= duration_minutes <= 600:
        raise ValidationError({"duration_minutes": _("Enter between 1 and 600 minutes.")})
    if not summary.strip():
        raise ValidationError({"summary": _("Write what happened.")})
    chosen = _persons_in_case(case, persons)
    intervention = Intervention.objects.create(
        case=case,
        kind=kind,
        occurred_on=occurred_on,
        duration_minutes=duration_minutes,
        summary=summary.strip(),
        confidentiality=confidentiality,
        sensitivity=sensitivity,
        author=actor,
        team_id=authoring_team_id(actor, case),
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
        author=actor,
        team_id=intervention.team_id,
    )
    audit_each(actor, AuditAction.CREATE, intervention, chosen)
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


class _CheckedUpload(NamedTuple):
    name: str
    content_type: str
    size: int


def _check_upload(upload: UploadedFile) -> _CheckedUpload:
    """An allowed upload: its type judged by its name AND its first bytes, its size."""
    name = upload.name or ""
    extension = Path(name).suffix.lower()
    if extension not in ALLOWED_FILES:
        raise ValidationError({"file": _("Only PDF, JPEG, PNG, ODT and DOCX files are accepted.")})
    size = upload.size
    if size is None:  # an upload that does not say how big it is: measure it
        size = upload.seek(0, os.SEEK_END)
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": _("The file is larger than 10 MB.")})
    if size == 0:
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
    return _CheckedUpload(name, content_type, size)


@transaction.atomic
def attachment_add(*, actor: User, intervention: Intervention, upload: UploadedFile) -> Attachment:
    """Store a file on an intervention, under a random name, with its SHA-256."""
    check_perm(actor, RecordsPerm.EDIT)
    via = require_case_write(
        actor, intervention.case, intervention.persons.values_list("pk", flat=True)
    )
    if not intervention_readable(actor, intervention, via):
        raise deny(actor, f"records.intervention:{intervention.pk}")
    checked = _check_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    extension = Path(checked.name).suffix.lower()
    attachment = Attachment(
        intervention=intervention,
        original_name=Path(checked.name).name[:200],
        content_type=checked.content_type,
        size=checked.size,
        sha256=digest.hexdigest(),
        uploaded_by=actor,
    )
    attachment.file.save(f"{uuid.uuid4().hex}{extension}", File(upload), save=False)
    attachment.save()
    audit_each(
        actor,
        AuditAction.CREATE,
        attachment,
        list(intervention.persons.values_list("pk", flat=True)),
        details={"sha256": attachment.sha256, "size": attachment.size},
    )
    return attachment


@transaction.atomic
def problem_add(
    *, actor: User, case: CaseFile, code: str, started_on: date | None = None, notes: str = ""
) -> CaseProblem:
    check_perm(actor, RecordsPerm.EDIT)
    require_case_write(actor, case)
    category = ProblemCategory.objects.filter(code=code, active=True).first()
    if category is None:
        raise ValidationError({"category": _("Choose a problem from the list.")})
    started_on = started_on or timezone.localdate()
    if started_on > timezone.localdate():
        raise ValidationError({"started_on": _("The date cannot be in the future.")})
    if case.problems.filter(category=category, ended_on__isnull=True).exists():
        raise ValidationError({"category": _("This problem is already recorded as current.")})
    problem = CaseProblem.objects.create(
        case=case,
        category=category,
        started_on=started_on,
        notes=check_length(notes.strip(), 300, field="notes"),
    )
    audit_each(actor, AuditAction.CREATE, problem, participant_ids(case), details={"code": code})
    return problem


@transaction.atomic
def problem_end(
    *, actor: User, case: CaseFile, problem_id: int, ended_on: date | None = None
) -> CaseProblem:
    check_perm(actor, RecordsPerm.EDIT)
    require_case_write(actor, case)
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
    audit_each(
        actor,
        AuditAction.UPDATE,
        problem,
        participant_ids(case),
        details={"ended_on": ended_on.isoformat()},
    )
    return problem
