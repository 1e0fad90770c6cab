"""Opening, closing and reopening case files, who they cover and who holds them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.accounts.selectors import active_assignments
from xarxa.core.concurrency import save_versioned
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm, deny
from xarxa.core.validators import check_length
from xarxa.people.models import Household, HouseholdMembership, Person
from xarxa.people.policies import ABSS_ROLES
from xarxa.records.models import (
    CaseAssignment,
    CaseEvent,
    CaseEventKind,
    CaseFile,
    CaseParticipant,
    CaseStatus,
)
from xarxa.records.policies import (
    RecordsPerm,
    may_reassign,
    require_abss_staff,
    require_case_write,
    require_participant,
    require_professional_of,
)
from xarxa.records.services.common import audit_each, participant_ids
from xarxa.records.standing import case_standing_refresh
from xarxa.records.timeline import case_event_title, timeline_add_many

if TYPE_CHECKING:
    from xarxa.accounts.models import Assignment, User
    from xarxa.organisations.models import Team
    from xarxa.territory.models import Abss, Municipality


def _next_number(abss: Abss, year: int) -> str:
    """ "VIC-2026-000123": ABSS short code, year, sequence within both."""
    prefix = f"{abss.code.removeprefix('ABSS-')}-{year}-"
    last = CaseFile.objects.filter(number__startswith=prefix).aggregate(n=Max("number"))["n"]
    sequence = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{sequence:06d}"


def _first_municipality_of(abss: Abss) -> Municipality:
    """Where a case is placed when nothing closer is known: the ABSS's first municipality."""
    membership = abss.memberships.select_related("municipality").first()
    if membership is None:
        raise ValidationError(
            _("This ABSS covers no municipality yet, so the case file has nowhere to be placed.")
        )
    return membership.municipality


def _home_assignment(user: User) -> Assignment | None:
    """The user's current assignment to an ABSS team (the defaults of a new case)."""
    for assignment in active_assignments(user):
        if assignment.role in ABSS_ROLES and (assignment.abss or assignment.team.abss):
            return assignment
    return None


@transaction.atomic
def case_open(
    *,
    actor: User,
    person: Person | None = None,
    household: Household | None = None,
    abss: Abss | None = None,
    team: Team | None = None,
    municipality: Municipality | None = None,
    reference_professional: User | None = None,
    participants: list[Person] | None = None,
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
            memberships = HouseholdMembership.objects.valid_on(opened_on).filter(
                household=household
            )
            participants = [m.person for m in memberships.select_related("person")]
    participants = list(dict.fromkeys(participants))
    if person is not None and person not in participants:
        participants.insert(0, person)
    if not participants:
        raise ValidationError(_("The household has nobody living in it today."))
    for participant in participants:
        require_participant(actor, participant, "records.casefile:new")
    home = _home_assignment(actor)
    if team is None:
        if home is None:
            raise deny(actor, "records.casefile:new")
        team = home.team
    if abss is None:
        abss = team.abss or (home.abss or home.team.abss if home is not None else None)
    if abss is None:
        raise deny(actor, "records.casefile:new")
    require_abss_staff(actor, abss, "records.casefile:new")
    professional = reference_professional or actor
    require_professional_of(professional, abss)
    first = participants[0]
    # People with no address (e.g. homeless) are attended where the team works.
    municipality = (
        municipality
        or (household.municipality if household else None)
        or first.municipality
        or team.organisation.municipality
        or _first_municipality_of(abss)
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
    audit_each(actor, AuditAction.CREATE, case, [p.pk for p in participants])
    return case


def _standing_sync(case: CaseFile) -> None:
    """The case standing's copy of who holds the case and whether it is open (read by
    the segmentation of the whole consortium without joining the case files)."""
    case_standing_refresh([case.pk], holder=True)


def _status_change(
    actor: User, case: CaseFile, expected_version: int | None, **values: Any
) -> None:
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
    actor: User,
    case: CaseFile,
    reason: str,
    on: date | None = None,
    expected_version: int | None = None,
) -> CaseFile:
    check_perm(actor, RecordsPerm.EDIT)
    require_case_write(actor, case)
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
        closing_reason=check_length(reason.strip(), 200, field="reason"),
    )
    _case_event(actor, case, CaseEventKind.CLOSED, on, reason)
    return case


@transaction.atomic
def case_reopen(
    *, actor: User, case: CaseFile, reason: str, expected_version: int | None = None
) -> CaseFile:
    check_perm(actor, RecordsPerm.EDIT)
    require_case_write(actor, case)
    if case.status == CaseStatus.OPEN:
        raise ValidationError(_("This case file is already open."))
    if not reason.strip():
        raise ValidationError({"reason": _("Write why the case file is reopened.")})
    _status_change(
        actor, case, expected_version, status=CaseStatus.OPEN, closed_on=None, closing_reason=""
    )
    _case_event(actor, case, CaseEventKind.REOPENED, timezone.localdate(), reason)
    return case


def _case_event(
    actor: User,
    case: CaseFile,
    kind: str,
    on: date,
    reason: str,
    details: dict[str, Any] | None = None,
    person_ids: list[int] | None = None,
) -> CaseEvent:
    """The event on the case, on the timeline and in the audit log of each person it
    concerns (everyone in the case file unless ``person_ids`` says who)."""
    event = CaseEvent.objects.create(
        case=case, kind=kind, on=on, by=actor, reason=check_length(reason, 200, field="reason")
    )
    if person_ids is None:
        person_ids = participant_ids(case)
    timeline_add_many(
        persons=person_ids,
        on=on,
        kind=f"case.{kind}",
        title=case_event_title(kind, case.number),
        obj=event,
        case=case,
    )
    audit_each(
        actor,
        AuditAction.UPDATE,
        case,
        person_ids,
        reason=reason,
        details={"event": str(kind), **(details or {})},
    )
    return event


def _participation_change(
    actor: User, case: CaseFile, person: Person, on: date | None, kind: str
) -> date:
    check_perm(actor, RecordsPerm.EDIT)
    require_case_write(actor, case)
    require_abss_staff(actor, case.abss, f"records.casefile:{case.pk}:people")
    require_participant(actor, person, f"records.casefile:{case.pk}:people")
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("The case file is closed: reopen it first."))
    on = on or timezone.localdate()
    if on > timezone.localdate() or on < case.opened_on:
        raise ValidationError({"on": _("The date must be between the opening and today.")})
    _case_event(actor, case, kind, on, "", person_ids=[person.pk])
    return on


@transaction.atomic
def case_participant_add(
    *, actor: User, case: CaseFile, person: Person, on: date | None = None
) -> CaseParticipant:
    """Someone joins the case file (a newborn, a partner who moved in)."""
    if case.participants.filter(person=person, valid_until__isnull=True).exists():
        raise ValidationError(_("This person is already in the case file."))
    on = _participation_change(actor, case, person, on, CaseEventKind.JOINED)
    return CaseParticipant.objects.create(case=case, person=person, valid_from=on)


@transaction.atomic
def case_participant_end(
    *, actor: User, case: CaseFile, participant: CaseParticipant, on: date | None = None
) -> CaseParticipant:
    """Someone is no longer covered by the case file; their history in it stays."""
    if participant.case_id != case.pk or participant.valid_until is not None:
        raise ValidationError(_("This person is not in the case file any more."))
    if participant.person_id == case.person_id:
        raise ValidationError(_("The case file is about this person: close it instead."))
    if not case.participants.filter(valid_until__isnull=True).exclude(pk=participant.pk).exists():
        raise ValidationError(_("A case file needs someone in it: close it instead."))
    if on is not None and participant.valid_from is not None and on < participant.valid_from:
        raise ValidationError({"on": _("The date cannot be before the person joined.")})
    on = _participation_change(actor, case, participant.person, on, CaseEventKind.LEFT)
    participant.valid_until = on
    participant.save(update_fields=["valid_until"])
    return participant


ASSIGNMENT_FIELDS = ("reference_professional", "team", "abss", "municipality")


@transaction.atomic
def case_reassign(
    *,
    actor: User,
    case: CaseFile,
    expected_version: int,
    reason: str,
    reference_professional: User | None = None,
    team: Team | None = None,
    municipality: Municipality | None = None,
    original: dict[str, Any] | None = None,
) -> CaseFile:
    """Change who holds the case. The previous CaseAssignment row is ended, a new one
    starts: the history of reference professionals, teams and places is kept."""
    if not may_reassign(actor, case):
        raise deny(actor, f"records.casefile:{case.pk}:assign")
    require_case_write(actor, case)
    if not reason.strip():
        raise ValidationError({"reason": _("Write why the case file changes hands.")})
    team = team or case.team
    abss = team.abss or case.abss
    professional = reference_professional or case.reference_professional
    new: dict[str, Model] = {
        "reference_professional": professional,
        "team": team,
        "abss": abss,
        "municipality": municipality or case.municipality,
    }
    if all(getattr(case, f"{name}_id") == new[name].pk for name in ASSIGNMENT_FIELDS):
        raise ValidationError(_("Nothing changes: choose another professional, team or place."))
    require_professional_of(professional, abss)
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
        case=case,
        changed_by=actor,
        valid_from=today,
        reason=check_length(reason.strip(), 200, field="reason"),
        **new,
    )
    after = {name: new[name].pk for name in ASSIGNMENT_FIELDS}
    _case_event(actor, case, CaseEventKind.REASSIGNED, today, reason, {"from": before, "to": after})
    return case
