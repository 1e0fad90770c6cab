"""Who may do what with the social record: the named permissions and the object-level
rules (who reaches a case file, who may read an entry, open cases, hand a case over).
Selectors and services ask here; views ask here for what the page offers."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.accounts.selectors import scope_for
from xarxa.core.policies import deny
from xarxa.people.models import Person
from xarxa.people.policies import (
    ABSS_ROLES,
    Via,
    may_read_entry,
    person_access,
    require_processing,
)
from xarxa.records.models import CaseAccess, CaseFile, CaseStatus, Intervention

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.territory.models import Abss

__all__ = [
    "RECORD_VIAS",
    "RecordsPerm",
    "authoring_team_id",
    "case_access_via",
    "intervention_readable",
    "may_change_case_people",
    "may_edit_case",
    "may_open_cases",
    "may_reassign",
    "open_access_case_ids",
    "require_abss_staff",
    "require_case_access",
    "require_case_write",
    "require_participant",
    "require_professional_of",
]


class RecordsPerm(StrEnum):
    VIEW = "records.view"  # read case files in one's scope
    EDIT = "records.edit"  # open, close, reopen case files; record interventions
    ASSIGN = "records.assign"  # change the reference professional or team of a case
    VIEW_CASELOAD = "records.view_caseload"
    MANAGE_PROBLEM_LIST = "records.manage_problem_list"


RECORD_VIAS = frozenset({Via.ABSS, Via.CASE, Via.GRANT})  # the whole record of a person


def open_access_case_ids(user: User, case_ids: Iterable[int] | None = None) -> set[int]:
    """Cases the user's teams have an open specialised-service access to."""
    scope = scope_for(user)
    if not scope.team_ids:
        return set()
    accesses = CaseAccess.objects.valid_on(timezone.localdate()).filter(team_id__in=scope.team_ids)
    if case_ids is not None:
        accesses = accesses.filter(case_id__in=list(case_ids))
    return set(accesses.values_list("case_id", flat=True))


def case_access_via(
    user: User, case: CaseFile, participants: Iterable[Person] | None = None
) -> str | None:
    """How the user reaches a case, or None."""
    scope = scope_for(user)
    if scope.roles & ABSS_ROLES and case.abss_id in scope.abss_ids:
        return Via.ABSS
    if open_access_case_ids(user, [case.pk]):
        return Via.SERVICE
    if participants is None:
        participants = [p.person for p in case.participants.select_related("person")]
    for person in participants:
        via = person_access(user, person).via
        if via in RECORD_VIAS:
            return via
    return None


def require_case_access(actor: User, case: CaseFile) -> str:
    """How the actor reaches the case; refused (and audited) when they do not."""
    via = case_access_via(actor, case)
    if via is None:
        raise deny(actor, f"records.casefile:{case.pk}")
    return via


def require_case_write(actor: User, case: CaseFile, person_ids: Iterable[int] | None = None) -> str:
    """A write on a case file: the reach of the case, and the processing gate for the
    people it touches (everyone in the case file now unless ``person_ids`` says whom):
    not through an emergency grant, not for a person whose processing is restricted."""
    via = require_case_access(actor, case)
    if person_ids is None:
        person_ids = case.participants.filter(valid_until__isnull=True).values_list(
            "person_id", flat=True
        )
    require_processing(actor, list(person_ids))
    return via


def require_abss_staff(user: User, abss: Abss, what: str) -> None:
    """A case is held by staff of its own ABSS."""
    scope = scope_for(user)
    if not (scope.roles & ABSS_ROLES and abss.pk in scope.abss_ids):
        raise deny(user, what)


def require_professional_of(professional: User, abss: Abss) -> None:
    """The reference professional of a case works in its ABSS (a refusal of the input)."""
    scope = scope_for(professional)
    if not (scope.roles & ABSS_ROLES and abss.pk in scope.abss_ids):
        raise ValidationError(
            {"reference_professional": _("The reference professional must work in this ABSS.")}
        )


def require_participant(actor: User, person: Person, what: str) -> None:
    """Someone the actor may read the file of, and whose record may change."""
    if not person_access(actor, person).reads_records:
        raise deny(actor, f"{what}:{person.pk}")
    require_processing(actor, [person])  # not through a grant, not when restricted
    if person.merged_into_id:
        raise ValidationError(_("This record was merged into another one."))


def may_open_cases(user: User) -> bool:
    """Case files are opened (and who they cover is changed) by basic-services staff."""
    scope = scope_for(user)
    return user.has_perm(RecordsPerm.EDIT) and bool(scope.roles & ABSS_ROLES and scope.abss_ids)


def may_edit_case(user: User, case: CaseFile, via: str | None = None) -> bool:
    """Whether the case file offers to record on it (open, the role writes, and not
    reached through an emergency grant, which is read only)."""
    return (
        case.status == CaseStatus.OPEN
        and via != Via.GRANT
        and bool(user.has_perm(RecordsPerm.EDIT))
    )


def may_change_case_people(user: User, case: CaseFile, via: str | None = None) -> bool:
    """Whether the case file offers to change who it covers."""
    return may_edit_case(user, case, via) and may_open_cases(user)


def may_reassign(user: User, case: CaseFile) -> bool:
    """Coordinators reassign; the reference professional may hand the case over."""
    return user.has_perm(RecordsPerm.ASSIGN) or (
        user.pk == case.reference_professional_id and user.has_perm(RecordsPerm.EDIT)
    )


def intervention_readable(
    user: User,
    item: Intervention,
    via: str | None,
    reference_id: int | None = None,
) -> bool:
    """Whether the user reads the content of this intervention (not only that it exists)."""
    named = getattr(item, "named_ids", None)
    if named is None:
        named = frozenset(p.pk for p in item.professionals.all())
    return may_read_entry(
        user,
        sensitivity=item.sensitivity,
        confidentiality=item.confidentiality,
        author_id=item.author_id,
        named_ids=named,
        reference_professional_id=reference_id or item.case.reference_professional_id,
        via=via,
        team_id=item.team_id,
    )


def authoring_team_id(user: User, case: CaseFile) -> int | None:
    """The team (service) a user writes on a case for, recorded on what they write: the
    specialised team with an open access to the case, else the case's own team if the
    user is in it, else the user's first team."""
    team_ids = scope_for(user).team_ids
    serving = sorted(
        CaseAccess.objects.valid_on(timezone.localdate())
        .filter(case=case, team_id__in=team_ids)
        .values_list("team_id", flat=True)
    )
    if serving:
        return serving[0]
    if case.team_id in team_ids:
        return case.team_id
    return min(team_ids, default=None)
