"""Protected reads of the social record: scoped, masked, audited."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Max, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from xarxa.accounts.selectors import scope_for
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm, deny
from xarxa.people.access import ABSS_ROLES, Via, may_read_entry
from xarxa.people.models import Person
from xarxa.records.models import CaseAccess, CaseFile, CaseStatus, Intervention, TimelineEntry
from xarxa.records.policies import RecordsPerm

PAGE_SIZE = 50


def case_access_via(user, case: CaseFile) -> str | None:
    """How the user reaches a case: its ABSS, an open specialised-service access, or an
    emergency grant on one of its participants."""
    scope = scope_for(user)
    if scope.roles & ABSS_ROLES and case.abss_id in scope.abss_ids:
        return Via.ABSS
    today = timezone.localdate()
    if scope.team_ids:
        open_access = (
            CaseAccess.objects.valid_on(today)
            .filter(case=case, team_id__in=scope.team_ids)
            .exists()
        )
        if open_access:
            return Via.SERVICE
    granted = case.participants.filter(
        person__access_grants__user=user,
        person__access_grants__expires_at__gt=timezone.now(),
    ).exists()
    return Via.GRANT if granted else None


def _visible_cases_q(user) -> Q:
    scope = scope_for(user)
    query = Q(pk__in=[])
    if scope.roles & ABSS_ROLES and scope.abss_ids:
        query |= Q(abss_id__in=scope.abss_ids)
    if scope.team_ids:
        today = timezone.localdate()
        open_ids = (
            CaseAccess.objects.valid_on(today).filter(team_id__in=scope.team_ids).values("case_id")
        )
        query |= Q(pk__in=open_ids)
    return query


@dataclass
class CaseView:
    case: CaseFile
    via: str
    interventions: object  # a page of interventions, each with ``readable``


def case_get_for(user, public_id, *, page: int | str = 1) -> CaseView:
    """A case file with one page of its interventions. The number of queries does not
    depend on how long the history is."""
    check_perm(user, RecordsPerm.VIEW)
    try:
        case = CaseFile.objects.select_related(
            "abss", "team", "municipality", "reference_professional", "person"
        ).get(public_id=public_id)
    except (CaseFile.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None
    via = case_access_via(user, case)
    if via is None:
        raise deny(user, f"records.casefile:{case.pk}")
    interventions = (
        Intervention.objects.filter(case=case)
        .select_related("author")
        .prefetch_related("professionals")
        .order_by("-occurred_on", "-id")
    )
    page_obj = Paginator(interventions, PAGE_SIZE).get_page(page)
    for item in page_obj:
        item.readable = may_read_entry(
            user,
            sensitivity=item.sensitivity,
            confidentiality=item.confidentiality,
            author_id=item.author_id,
            named_ids=frozenset(p.pk for p in item.professionals.all()),
            reference_professional_id=case.reference_professional_id,
            via=via,
        )
    participants = list(case.participants.select_related("person"))
    case.current_participants = participants
    for participant in participants:
        audit_record(
            actor=user,
            action=AuditAction.READ,
            obj=case,
            person_id=participant.person_id,
            details={"via": via},
        )
    return CaseView(case, via, page_obj)


def case_list_for_person(user, person: Person):
    """The person's case files the user may open (no audit: the card read is audited)."""
    check_perm(user, RecordsPerm.VIEW)
    return (
        CaseFile.objects.filter(_visible_cases_q(user), participants__person=person)
        .select_related("abss", "reference_professional")
        .distinct()
        .order_by("-opened_on")
    )


def caseload_for(user, *, status: str = CaseStatus.OPEN, page: int | str = 1):
    """The professional's own cases, the oldest last contact first."""
    check_perm(user, RecordsPerm.VIEW_CASELOAD)
    cases = (
        CaseFile.objects.filter(reference_professional=user, status=status)
        .select_related("person", "abss", "municipality")
        .annotate(last_contact=Max("interventions__occurred_on"))
        .order_by("last_contact", "opened_on")
    )
    audit_record(actor=user, action=AuditAction.LIST, object_type="records.casefile")
    return Paginator(cases, PAGE_SIZE).get_page(page)


def timeline_for(
    user, person: Person, *, via: str, kinds=None, date_from=None, date_to=None, page: int | str = 1
):
    """The life-course view: every entry for the person, newest first, one page at a
    time; entries the user may not read show only date and kind."""
    check_perm(user, RecordsPerm.VIEW)
    entries = TimelineEntry.objects.filter(person=person).select_related("case")
    if kinds:
        entries = entries.filter(kind__startswith=kinds)
    if date_from:
        entries = entries.filter(on__gte=date_from)
    if date_to:
        entries = entries.filter(on__lte=date_to)
    page_obj = Paginator(entries.order_by("-on", "-id"), PAGE_SIZE).get_page(page)
    intervention_ids = [
        int(e.object_id) for e in page_obj if e.object_type == "records.intervention"
    ]
    details = (
        Intervention.objects.filter(pk__in=intervention_ids)
        .prefetch_related(Prefetch("professionals"))
        .select_related("case")
    )
    by_id = {i.pk: i for i in details}
    for entry in page_obj:
        item = (
            by_id.get(int(entry.object_id)) if entry.object_type == "records.intervention" else None
        )
        entry.summary = item.summary if item else ""
        if item:  # shown in the reader's language, whatever language it was stored in
            entry.title = item.get_kind_display()
        entry.readable = may_read_entry(
            user,
            sensitivity=entry.sensitivity,
            confidentiality=entry.confidentiality,
            author_id=item.author_id if item else None,
            named_ids=frozenset(p.pk for p in item.professionals.all()) if item else frozenset(),
            reference_professional_id=entry.case.reference_professional_id if entry.case else None,
            via=via,
        )
    audit_record(
        actor=user,
        action=AuditAction.READ,
        obj=person,
        person_id=person.pk,
        details={"timeline_page": page_obj.number},
    )
    return page_obj
