"""Protected reads of case files: scoped, masked, audited.

Who may read a case file: staff of the ABSS that owns it; a specialised-service team
while it has an open CaseAccess to it; or anyone who reads the records of one of its
participants through the people access policy (their ABSS, a case of their ABSS, an
emergency grant). A specialised service reaches only the cases referred to it. The
rules are in ``records.policies``; here they are applied and audited."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page
from django.db.models import F, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from xarxa.accounts.selectors import scope_for
from xarxa.core.audit import audit_persons_shown, audit_record
from xarxa.core.models import AuditAction
from xarxa.core.pagination import page_of
from xarxa.core.policies import check_perm, out_of_reach
from xarxa.people.models import HouseholdMembership, Person
from xarxa.people.policies import ABSS_ROLES, may_read_entry, person_access, visible_persons_q
from xarxa.records.models import (
    Attachment,
    CaseFile,
    CaseParticipant,
    CaseStanding,
    CaseStatus,
    Intervention,
)
from xarxa.records.policies import (
    RECORD_VIAS,
    RecordsPerm,
    case_access_via,
    intervention_readable,
    open_access_case_ids,
)
from xarxa.records.problems import group_name, problem_name
from xarxa.records.standing import standing_of

if TYPE_CHECKING:
    from xarxa.accounts.models import User

PAGE_SIZE = 50
CASE_PAGE_SIZE = 20  # interventions per page of the case file (notes are long)


def _deny_case(
    user: User, case: CaseFile, participant_ids: Iterable[int | None]
) -> PermissionDenied:
    for person_id in list(participant_ids) or [None]:
        audit_record(
            actor=user,
            action=AuditAction.DENIED,
            obj=case,
            person_id=person_id,
        )
    return PermissionDenied()


def _find_case(public_id: UUID | str) -> CaseFile:
    try:
        return CaseFile.objects.select_related(
            "abss", "team", "municipality", "reference_professional", "person", "household"
        ).get(public_id=public_id)
    except (CaseFile.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None


def case_find_for(
    user: User, public_id: UUID | str, *, perm: str = RecordsPerm.VIEW
) -> tuple[CaseFile, str]:
    """The case and how the user reaches it; 404 if unknown or out of reach (the
    attempt audited). For writes: the service checks again inside its transaction."""
    check_perm(user, perm)
    case = _find_case(public_id)
    participants = list(case.participants.select_related("person").order_by("id"))
    via = case_access_via(user, case, [p.person for p in participants])
    if via is None:  # answered as an unknown id: an id tells nothing
        raise out_of_reach(user, obj=case, person_ids=[p.person_id for p in participants])
    case.participations = participants  # current and past
    return case, via


def case_participant_candidates(user: User, case: CaseFile) -> list[Person]:
    """Who could join the case file: persons the user may see who live now with someone
    in it (or in its household) and are not in it. Called on a case already read."""
    visible = visible_persons_q(user)
    if visible is None:
        return []
    today = timezone.localdate()
    current = [p.person_id for p in case.participations if p.valid_until is None]
    households = HouseholdMembership.objects.valid_on(today).filter(
        Q(person_id__in=current) | Q(household_id=case.household_id)
    )
    living_with = HouseholdMembership.objects.valid_on(today).filter(
        household_id__in=households.values("household_id")
    )
    return list(
        Person.objects.filter(
            visible,
            id__in=living_with.values("person_id"),
            merged_into__isnull=True,
        )
        .exclude(id__in=current)
        .order_by("given_names", "first_surname")[:20]
    )


def _mark_interventions(
    user: User, items: Iterable[Intervention], case: CaseFile, via: str
) -> None:
    for item in items:
        item.named_ids = frozenset(p.pk for p in item.professionals.all())
        item.files = list(item.attachments.all())
        item.readable = intervention_readable(user, item, via, case.reference_professional_id)


@dataclass
class CaseView:
    case: CaseFile
    via: str
    interventions: Page[Intervention]  # a page of interventions, each with ``readable``
    participants: list[CaseParticipant]
    assignments: list[Any]  # newest first: the history of who held the case
    events: list[Any]
    problems: list[Any]  # each with ``label``, ``group_label`` and ``readable``
    standing: CaseStanding | None = None  # its complexity and next review (read model)
    last_contact: date | None = None  # the latest intervention, as the caseload counts it

    @property
    def participants_now(self) -> list[CaseParticipant]:
        return [p for p in self.participants if p.valid_until is None]


def case_get_for(
    user: User, public_id: UUID | str, *, page: int | str | None = 1, exact: bool = False
) -> CaseView:
    """A case file with one page of its interventions. The number of queries does not
    depend on how long the history is."""
    case, via = case_find_for(user, public_id)
    interventions = (
        Intervention.objects.filter(case=case)
        .select_related("author")
        .prefetch_related("professionals", "attachments")
        .order_by("-occurred_on", "-id")
    )
    page_obj = page_of(interventions, page, CASE_PAGE_SIZE, exact=exact)
    _mark_interventions(user, page_obj.object_list, case, via)
    problems = list(case.problems.select_related("category").order_by("ended_on", "-started_on"))
    for problem in problems:
        problem.label = problem_name(problem.category.code)
        problem.group_label = group_name(problem.category.group)
        problem.readable = may_read_entry(
            user,
            sensitivity=problem.category.sensitivity,
            confidentiality="team",
            author_id=None,
            reference_professional_id=case.reference_professional_id,
            via=via,
        )
    view = CaseView(
        case=case,
        via=via,
        interventions=page_obj,
        participants=case.participations,
        assignments=list(
            case.assignments.select_related("reference_professional", "team", "municipality")
        ),
        events=list(case.events.select_related("by")),
        problems=problems,
        standing=standing_of(case.pk),
        last_contact=interventions.aggregate(latest=Max("occurred_on"))["latest"],
    )
    for participant in view.participants:
        audit_record(
            actor=user,
            action=AuditAction.READ,
            obj=case,
            person_id=participant.person_id,
            details={"via": via, "page": page_obj.number},
        )
    return view


def intervention_get_for(
    user: User,
    case_public_id: UUID | str,
    intervention_id: int,
    *,
    perm: str = RecordsPerm.VIEW,
) -> Intervention:
    """One intervention the user may read in full (attachments go through here)."""
    case, via = case_find_for(user, case_public_id, perm=perm)
    item = (
        Intervention.objects.filter(case=case, pk=intervention_id)
        .select_related("author")
        .prefetch_related("professionals", "attachments", "persons")
        .first()
    )
    if item is None:
        raise Http404
    item.case = case
    _mark_interventions(user, [item], case, via)
    person_ids = [p.pk for p in item.persons.all()]
    if not item.readable:
        raise _deny_case(user, case, person_ids)
    for person_id in person_ids:
        audit_record(actor=user, action=AuditAction.READ, obj=item, person_id=person_id)
    return item


def attachment_get_for(user: User, case_public_id: UUID | str, attachment_id: int) -> Attachment:
    """A file, after the same check as the intervention it belongs to."""
    check_perm(user, RecordsPerm.VIEW)
    attachment = (
        Attachment.objects.filter(pk=attachment_id, intervention__case__public_id=case_public_id)
        .select_related("intervention")
        .first()
    )
    if attachment is None:
        raise Http404
    item = intervention_get_for(user, case_public_id, attachment.intervention_id)
    for person in item.persons.all():
        audit_record(
            actor=user,
            action=AuditAction.READ,
            obj=attachment,
            person_id=person.pk,
            details={"download": True},
        )
    return attachment


def case_list_for_person(user: User, person: Person) -> QuerySet[CaseFile]:
    """The person's case files the user may open (no audit: the card read is audited)."""
    check_perm(user, RecordsPerm.VIEW)
    mine = CaseParticipant.objects.filter(person=person).values("case_id")
    cases = CaseFile.objects.filter(pk__in=mine)
    via = person_access(user, person).via
    if via not in RECORD_VIAS:
        scope = scope_for(user)
        reach = Q(pk__in=open_access_case_ids(user))
        if scope.roles & ABSS_ROLES:
            reach |= Q(abss_id__in=scope.abss_ids)
        cases = cases.filter(reach)
    return cases.select_related("abss", "reference_professional").order_by("-opened_on", "-id")


def caseload_for(
    user: User,
    *,
    status: str = CaseStatus.OPEN,
    page: int | str | None = 1,
    exact: bool = False,
) -> Page[CaseFile]:
    """The professional's own cases, the longest without contact first."""
    check_perm(user, RecordsPerm.VIEW_CASELOAD)
    status = status if status in CaseStatus.values else CaseStatus.OPEN
    cases: QuerySet[CaseFile] = (
        CaseFile.objects.filter(reference_professional=user, status=status)
        .select_related("person", "household", "abss", "municipality")
        .annotate(last_contact=Max("interventions__occurred_on"))
        .order_by(F("last_contact").asc(nulls_first=True), "opened_on", "id")
    )
    page_obj = page_of(cases, page, PAGE_SIZE, exact=exact)
    audit_persons_shown(
        user,
        [c.person_id for c in page_obj.object_list],
        AuditAction.LIST,
        object_type="records.casefile",
        details={"caseload": status, "cases": [c.pk for c in page_obj.object_list]},
    )
    return page_obj


def case_participation_for(
    case: CaseFile, *, person_public_id: UUID | None = None, participant_id: int | None = None
) -> CaseParticipant:
    """A current participation in a case already read (``case_find_for``), by the
    person's public id or by its own id; 404 when there is none."""
    for participation in case.participations:
        if participation.valid_until:
            continue
        if participation.pk == participant_id or (
            person_public_id is not None and participation.person.public_id == person_public_id
        ):
            return participation
    raise Http404


def case_of_person_for(user: User, person: Person, public_id: UUID | str) -> CaseFile:
    """One of the person's case files the user may open (for filtering their timeline);
    404 otherwise."""
    for case in case_list_for_person(user, person):
        if str(case.public_id) == str(public_id):
            return case
    raise Http404
