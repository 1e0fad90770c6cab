"""The life-course view of one person: every timeline entry, masked entry by entry."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page
from django.db.models import Prefetch
from django.utils.translation import gettext

from xarxa.accounts.selectors import scope_for
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.pagination import page_of
from xarxa.core.policies import check_perm
from xarxa.people.models import Person
from xarxa.people.policies import ABSS_ROLES, Via, may_read_entry, person_access
from xarxa.records.models import CaseFile, Intervention, TimelineEntry
from xarxa.records.policies import RECORD_VIAS, RecordsPerm, open_access_case_ids
from xarxa.records.selectors.cases import PAGE_SIZE
from xarxa.records.timeline import KIND_TITLES, case_event_title

if TYPE_CHECKING:
    from xarxa.accounts.models import User


def timeline_for(
    user: User,
    person: Person,
    *,
    kinds: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    case: CaseFile | None = None,
    page: int | str | None = 1,
    exact: bool = False,
    via: str | None = None,
) -> Page[TimelineEntry]:
    """The life-course view: every entry for the person, newest first, one page at a
    time. Entries the user may not read show only their date and kind."""
    check_perm(user, RecordsPerm.VIEW)
    person_via = via or person_access(user, person).via
    service_cases = open_access_case_ids(user) if person_via == Via.SERVICE else set()
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
    page_obj = page_of(entries.order_by("-on", "-id"), page, PAGE_SIZE, exact=exact)
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
    service_cases |= open_access_case_ids(user, {e.case_id for e in rows if e.case_id})
    for entry in rows:
        # How the user reaches this entry's case; a specialised service only its own.
        if entry.case is not None and entry.case.abss_id in abss_ids:
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
            author_id=item.author_id if item else entry.author_id,
            named_ids=frozenset(p.pk for p in item.professionals.all()) if item else frozenset(),
            reference_professional_id=entry.case.reference_professional_id if entry.case else None,
            via=entry_via,
            team_id=item.team_id if item else entry.team_id,
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
