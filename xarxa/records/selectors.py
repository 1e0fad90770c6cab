"""Protected reads of the social record: scoped, masked, audited.

Who may read a case file: staff of the ABSS that owns it; a specialised-service team
while it has an open CaseAccess to it; or anyone who reads the records of one of its
participants through the people access policy (their ABSS, a case of their ABSS, an
emergency grant). A specialised service reaches only the cases referred to it."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Max, Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from xarxa.accounts.selectors import scope_for
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm
from xarxa.people.access import ABSS_ROLES, Via, may_read_entry, person_access, visible_persons_q
from xarxa.people.models import HouseholdMembership, Person
from xarxa.records.models import (
    Attachment,
    CaseAccess,
    CaseFile,
    CaseParticipant,
    CaseStanding,
    CaseStatus,
    Intervention,
    TimelineEntry,
)
from xarxa.records.policies import RecordsPerm
from xarxa.records.problems import group_name, problem_name
from xarxa.records.standing import standing_of
from xarxa.records.timeline import KIND_TITLES, case_event_title

PAGE_SIZE = 50
CASE_PAGE_SIZE = 20  # interventions per page of the case file (notes are long)
RECORD_VIAS = frozenset({Via.ABSS, Via.CASE, Via.GRANT})  # the whole record of a person


def _open_access_case_ids(user, case_ids=None) -> set[int]:
    scope = scope_for(user)
    if not scope.team_ids:
        return set()
    accesses = CaseAccess.objects.valid_on(timezone.localdate()).filter(team_id__in=scope.team_ids)
    if case_ids is not None:
        accesses = accesses.filter(case_id__in=case_ids)
    return set(accesses.values_list("case_id", flat=True))


def case_access_via(user, case: CaseFile, participants=None) -> str | None:
    """How the user reaches a case, or None."""
    scope = scope_for(user)
    if scope.roles & ABSS_ROLES and case.abss_id in scope.abss_ids:
        return Via.ABSS
    if _open_access_case_ids(user, [case.pk]):
        return Via.SERVICE
    if participants is None:
        participants = [p.person for p in case.participants.select_related("person")]
    for person in participants:
        via = person_access(user, person).via
        if via in RECORD_VIAS:
            return via
    return None


def _deny_case(user, case: CaseFile, participant_ids):
    for person_id in participant_ids or [None]:
        audit_record(
            actor=user,
            action=AuditAction.DENIED,
            obj=case,
            person_id=person_id,
        )
    return PermissionDenied()


def _find_case(public_id) -> CaseFile:
    try:
        return CaseFile.objects.select_related(
            "abss", "team", "municipality", "reference_professional", "person", "household"
        ).get(public_id=public_id)
    except (CaseFile.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None


def case_find_for(user, public_id, *, perm=RecordsPerm.VIEW) -> tuple[CaseFile, str]:
    """The case and how the user reaches it; 404 if unknown, 403 (audited) if out of
    reach. For writes: the service checks again inside its transaction."""
    check_perm(user, perm)
    case = _find_case(public_id)
    participants = list(case.participants.select_related("person").order_by("id"))
    via = case_access_via(user, case, [p.person for p in participants])
    if via is None:
        raise _deny_case(user, case, [p.person_id for p in participants])
    case.participations = participants  # current and past
    return case, via


def case_participant_candidates(user, case: CaseFile) -> list[Person]:
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


def intervention_readable(user, item: Intervention, via: str, reference_id=None) -> bool:
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
    )


def _mark_interventions(user, items, case, via) -> None:
    for item in items:
        item.named_ids = frozenset(p.pk for p in item.professionals.all())
        item.files = list(item.attachments.all())
        item.readable = intervention_readable(user, item, via, case.reference_professional_id)


@dataclass
class CaseView:
    case: CaseFile
    via: str
    interventions: object  # a page of interventions, each with ``readable``
    participants: list
    assignments: list  # newest first: the history of who held the case
    events: list
    problems: list  # each with ``label``, ``group_label`` and ``readable``
    standing: CaseStanding | None = None  # its complexity and next review (read model)

    @property
    def participants_now(self) -> list:
        return [p for p in self.participants if p.valid_until is None]


def case_get_for(user, public_id, *, page: int | str = 1) -> CaseView:
    """A case file with one page of its interventions. The number of queries does not
    depend on how long the history is."""
    case, via = case_find_for(user, public_id)
    interventions = (
        Intervention.objects.filter(case=case)
        .select_related("author")
        .prefetch_related("professionals", "attachments")
        .order_by("-occurred_on", "-id")
    )
    page_obj = Paginator(interventions, CASE_PAGE_SIZE).get_page(page)
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


def intervention_get_for(user, case_public_id, intervention_id, *, perm=RecordsPerm.VIEW):
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


def attachment_get_for(user, case_public_id, attachment_id) -> Attachment:
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


def case_list_for_person(user, person: Person):
    """The person's case files the user may open (no audit: the card read is audited)."""
    check_perm(user, RecordsPerm.VIEW)
    mine = CaseParticipant.objects.filter(person=person).values("case_id")
    cases = CaseFile.objects.filter(pk__in=mine)
    via = person_access(user, person).via
    if via not in RECORD_VIAS:
        scope = scope_for(user)
        reach = Q(pk__in=_open_access_case_ids(user))
        if scope.roles & ABSS_ROLES:
            reach |= Q(abss_id__in=scope.abss_ids)
        cases = cases.filter(reach)
    return cases.select_related("abss", "reference_professional").order_by("-opened_on", "-id")


def caseload_for(user, *, status: str = CaseStatus.OPEN, page: int | str = 1):
    """The professional's own cases, the longest without contact first."""
    check_perm(user, RecordsPerm.VIEW_CASELOAD)
    status = status if status in CaseStatus.values else CaseStatus.OPEN
    cases = (
        CaseFile.objects.filter(reference_professional=user, status=status)
        .select_related("person", "household", "abss", "municipality")
        .annotate(last_contact=Max("interventions__occurred_on"))
        .order_by(F("last_contact").asc(nulls_first=True), "opened_on", "id")
    )
    page_obj = Paginator(cases, PAGE_SIZE).get_page(page)
    audit_record(
        actor=user,
        action=AuditAction.LIST,
        object_type="records.casefile",
        details={"caseload": status, "cases": [c.pk for c in page_obj.object_list]},
    )
    return page_obj


def timeline_for(
    user,
    person: Person,
    *,
    kinds=None,
    date_from=None,
    date_to=None,
    case=None,
    page: int | str = 1,
    via: str | None = None,
):
    """The life-course view: every entry for the person, newest first, one page at a
    time. Entries the user may not read show only their date and kind."""
    check_perm(user, RecordsPerm.VIEW)
    person_via = via or person_access(user, person).via
    service_cases = _open_access_case_ids(user) if person_via == Via.SERVICE else set()
    if person_via not in RECORD_VIAS and not service_cases:
        audit_record(
            actor=user,
            action=AuditAction.DENIED,
            object_type="records.timeline",
            object_id=str(person.pk),
            person_id=person.pk,
        )
        raise PermissionDenied()
    entries = TimelineEntry.objects.filter(person=person).select_related(
        "case", "case__reference_professional"
    )
    if kinds:
        entries = entries.filter(kind__startswith=f"{kinds}.")
    if date_from:
        entries = entries.filter(on__gte=date_from)
    if date_to:
        entries = entries.filter(on__lte=date_to)
    if case is not None:
        entries = entries.filter(case=case)
    page_obj = Paginator(entries.order_by("-on", "-id"), PAGE_SIZE).get_page(page)
    rows = list(page_obj.object_list)
    intervention_ids = [int(e.object_id) for e in rows if e.object_type == "records.intervention"]
    by_id = {
        i.pk: i
        for i in Intervention.objects.filter(pk__in=intervention_ids).prefetch_related(
            Prefetch("professionals")
        )
    }
    scope = scope_for(user)
    abss_ids = scope.abss_ids if scope.roles & ABSS_ROLES else frozenset()
    service_cases |= _open_access_case_ids(user, {e.case_id for e in rows if e.case_id})
    for entry in rows:
        # How the user reaches this entry's case; a specialised service only its own.
        if entry.case_id and entry.case.abss_id in abss_ids:
            entry_via = Via.ABSS
        elif entry.case_id in service_cases:
            entry_via = Via.SERVICE
        elif person_via in RECORD_VIAS:
            entry_via = person_via
        else:
            entry_via = None
        item = (
            by_id.get(int(entry.object_id)) if entry.object_type == "records.intervention" else None
        )
        entry.summary = item.summary if item else ""
        entry.kind_label = entry.kind.split(".", 1)[0]
        if item:  # shown in the reader's language, whatever language it was stored in
            entry.title = item.get_kind_display()
        elif entry.kind.startswith("case.") and entry.case:
            entry.title = case_event_title(entry.kind.split(".", 1)[1], entry.case.number)
        elif entry.kind in KIND_TITLES:
            entry.title = gettext(KIND_TITLES[entry.kind])
        entry.readable = entry_via is not None and may_read_entry(
            user,
            sensitivity=entry.sensitivity,
            confidentiality=entry.confidentiality,
            author_id=item.author_id if item else None,
            named_ids=frozenset(p.pk for p in item.professionals.all()) if item else frozenset(),
            reference_professional_id=entry.case.reference_professional_id if entry.case else None,
            via=entry_via,
        )
        if not entry.readable:
            entry.title, entry.summary = "", ""
    audit_record(
        actor=user,
        action=AuditAction.READ,
        obj=person,
        person_id=person.pk,
        details={"timeline_page": page_obj.number},
    )
    return page_obj


def colleagues_for_case(case: CaseFile):
    """Staff of the case's ABSS who may be named on a note (one query)."""
    from xarxa.accounts.models import User

    today = timezone.localdate()
    return list(
        User.objects.filter(
            Q(assignments__abss=case.abss_id) | Q(assignments__team__abss=case.abss_id),
            Q(assignments__valid_from__isnull=True) | Q(assignments__valid_from__lte=today),
            Q(assignments__valid_until__isnull=True) | Q(assignments__valid_until__gte=today),
            assignments__role__in=ABSS_ROLES,
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


@dataclass
class ReassignChoices:
    professionals: list
    teams: list
    municipalities: list


def opening_professionals_for(user) -> list:
    """Who may hold a case the user opens: staff of the user's own ABSS (the user first)."""
    from xarxa.accounts.models import User

    abss_ids = scope_for(user).abss_ids
    today = timezone.localdate()
    colleagues = (
        User.objects.filter(
            Q(assignments__abss_id__in=abss_ids) | Q(assignments__team__abss_id__in=abss_ids),
            Q(assignments__valid_until__isnull=True) | Q(assignments__valid_until__gte=today),
            assignments__role__in=ABSS_ROLES,
            is_active=True,
        )
        .exclude(pk=user.pk)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    return [user, *colleagues]


def reassign_choices_for(case: CaseFile) -> ReassignChoices:
    """Who and where a case may be handed to: ABSS staff, basic teams, municipalities."""
    from xarxa.accounts.models import User
    from xarxa.organisations.models import Team, TeamKind
    from xarxa.territory.models import Municipality

    today = timezone.localdate()
    professionals = (
        User.objects.filter(
            Q(assignments__valid_until__isnull=True) | Q(assignments__valid_until__gte=today),
            assignments__role__in=ABSS_ROLES,
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    teams = (
        Team.objects.valid_on(today)
        .filter(kind=TeamKind.BASIC_SOCIAL_SERVICES, abss__isnull=False)
        .select_related("abss")
        .order_by("abss__code", "name")
    )
    municipalities = Municipality.objects.order_by("name")
    return ReassignChoices(list(professionals), list(teams), list(municipalities))
