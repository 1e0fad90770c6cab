"""Reads of referrals. The sending side sees its referrals whole; the receiving team sees
a referral only once sent, and what was shared only while it is open. Every read of a
referral about a person is audited."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.db.models import Count, Max, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy

from xarxa.accounts.models import User
from xarxa.accounts.selectors import scope_for
from xarxa.catalogue.models import Service, ServiceStatus
from xarxa.catalogue.selectors import catalogue_search_for, service_get_for, with_waiting
from xarxa.core.audit import audit_persons_shown, audit_record
from xarxa.core.disclosure import MIN_CELL
from xarxa.core.models import AuditAction
from xarxa.core.pagination import page_of
from xarxa.core.policies import check_perm, deny, out_of_reach
from xarxa.people.policies import require_processing
from xarxa.referrals.figures import dashboard_suppressed
from xarxa.referrals.models import Message, Notice, Referral
from xarxa.referrals.policies import ReferralsPerm, may_know_where, party_of
from xarxa.referrals.shared import SharedView, shared_view
from xarxa.referrals.states import OPEN, RECEIVER, SENDER, RefusalReason, State, next_states

PAGE_SIZE = 25


@dataclass
class ReferralView:
    referral: Referral
    party: str
    shows_shared: bool  # the receiving side reads shared data only while open
    next_states: list[str]
    messages: list[Message]  # what this side may read: to both sides, or its own side's notes
    shared: SharedView  # what this reader sees of it (see referrals.shared)


def referral_targets_for(user: User) -> list[Service]:
    """The catalogue services a referral can go to: those with a receiving team, and
    partners without accounts that answer by link (they need an email to get it)."""
    check_perm(user, ReferralsPerm.SEND)
    return list(
        Service.objects.filter(status=ServiceStatus.ACTIVE)
        .filter(Q(owner_team__isnull=False) | ~Q(email=""))
        .order_by("kind", "code")
    )


def leaving_services_for(user: User) -> list[Service]:
    """Every catalogue service, for "the service the person leaves" of a transition."""
    return catalogue_search_for(user, retired=True)


def referral_get_for(user: User, public_id: UUID | str) -> ReferralView:
    """A referral for its sending or receiving side; any other id is a 404 (an attempt on
    an existing one audited), a role without referrals a 403."""
    if not (user.has_perm(ReferralsPerm.SEND) or user.has_perm(ReferralsPerm.RECEIVE)):
        raise deny(user, "referrals.referral")
    try:
        referral = Referral.objects.select_related(
            "service", "person__municipality", "case", "receiving_team", "sender",
            "transition_from",
        ).get(public_id=public_id)  # fmt: skip
    except (Referral.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None
    party = party_of(user, referral)
    if party is None or (party == RECEIVER and referral.state == State.DRAFT):
        raise out_of_reach(user, obj=referral, person_ids=[referral.person_id])
    shared = shared_view(referral, user, party, detail=True)
    shows_shared = shared.shown
    audit_record(
        actor=user,
        action=AuditAction.READ,
        obj=referral,
        person_id=referral.person_id,
        details={"as": party, "shared_shown": shows_shared},
    )
    messages = (
        list(referral.messages.filter(Q(to_both=True) | Q(side=party)).select_related("author"))
        if shows_shared
        else []
    )
    return ReferralView(
        referral,
        party,
        shows_shared,
        next_states(referral.state, party, partner=referral.is_partner)
        if shared.service_shown
        else [],
        messages,
        shared,
    )


def inbox_for(
    user: User, *, page: int | str | None = 1, open_only: bool = True, exact: bool = False
) -> Page[Referral]:
    """Referrals sent to the user's teams, oldest answer date first; one page."""
    check_perm(user, ReferralsPerm.RECEIVE)
    rows = Referral.objects.filter(receiving_team_id__in=scope_for(user).team_ids).exclude(
        state=State.DRAFT
    )
    if open_only:
        rows = rows.filter(state__in=OPEN)
    rows = rows.select_related(
        "service__organisation",
        "person__municipality",
        "case__abss",
        "transition_from",
        "receiving_team__organisation",
    ).order_by("answer_due", "id")
    found = page_of(rows, page, PAGE_SIZE, exact=exact)
    for row in found.object_list:
        row.view = shared_view(row, user, RECEIVER)
    audit_persons_shown(
        user,
        [r.person_id for r in found.object_list],
        AuditAction.LIST,
        object_type="referrals.referral",
        details={"inbox": True, "results": len(found.object_list)},
    )
    return found


def outbox_for(user: User, *, page: int | str | None = 1, exact: bool = False) -> Page[Referral]:
    """Referrals sent from the user's ABSS (own first is not needed: newest first)."""
    check_perm(user, ReferralsPerm.SEND)
    scope = scope_for(user)
    rows = (
        Referral.objects.filter(Q(sender=user) | Q(sending_abss_id__in=scope.abss_ids))
        .select_related(
            "service__organisation",
            "person__municipality",
            "receiving_team__organisation",
            "transition_from",
            "case",
        )
        .order_by("-created_at", "-id")
    )
    found = page_of(rows, page, PAGE_SIZE, exact=exact)
    for row in found.object_list:
        row.view = shared_view(row, user, SENDER)
    audit_persons_shown(
        user,
        [r.person_id for r in found.object_list],
        AuditAction.LIST,
        object_type="referrals.referral",
        details={"outbox": True, "results": len(found.object_list)},
    )
    return found


def notices_for(user: User) -> list[Notice]:
    """Unseen notices of the user's teams (which referral, what happened: no person)."""
    if not (user.has_perm(ReferralsPerm.SEND) or user.has_perm(ReferralsPerm.RECEIVE)):
        raise deny(user, "referrals.notice")
    notices = list(
        Notice.objects.filter(team_id__in=scope_for(user).team_ids, read_at__isnull=True)
        .select_related("referral__service", "referral__case")
        .order_by("-at")[:20]
    )
    for notice in notices:  # a restricted service is named only to who may know it
        shown = may_know_where(user, notice.referral)
        notice.service_name = notice.referral.service.name if shown else None
    return notices


def referral_fhir_for(user: User, public_id: UUID | str) -> dict[str, Any]:
    """The referral as FHIR (ServiceRequest + Task) for either side; audited as an export.
    The receiving side gets it only while the referral is open."""
    from xarxa.referrals.fhir import referral_bundle  # fhir.resources: heavy, rarely used

    view = referral_get_for(user, public_id)
    if not view.shows_shared:
        raise deny(user, f"referrals.referral:{view.referral.pk}:fhir")
    require_processing(user, [view.referral.person_id])  # an export to another service
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        obj=view.referral,
        person_id=view.referral.person_id,
        details={"format": "fhir"},
    )
    return referral_bundle(view.referral, view.shared)


@dataclass
class ServiceFigures:
    """Counts are None when hidden (``referrals.figures``)."""

    service: Service | None
    sent: int | None = 0
    open: int | None = 0
    refused: int | None = 0
    expired: int | None = 0
    answer_days: list[int] = field(default_factory=list)  # days from sending to the first answer
    start_days: list[int] = field(default_factory=list)  # days to the first appointment

    def median_answer(self) -> int | None:
        return _quantile(self.answer_days, 0.5)

    def p90_answer(self) -> int | None:
        return _quantile(self.answer_days, 0.9)

    def median_start(self) -> int | None:
        return _quantile(self.start_days, 0.5)

    def p90_start(self) -> int | None:
        return _quantile(self.start_days, 0.9)


def _quantile(values: list[int], q: float) -> int | None:
    """None for fewer than MIN_CELL values: the days of one or two referrals are theirs."""
    if len(values) < MIN_CELL:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@dataclass
class Dashboard:
    services: list
    refusals: list  # (reason label, count or None when hidden)
    total_sent: int | None
    total_expired: int | None


def dashboard_for(
    user: User, *, date_from: date, date_to: date, abss_id: int | None = None
) -> Dashboard:
    """Referrals sent in the period (by the ABSS, or all): per service how many, how
    many still open, refused, expired, and the median and 90th percentile of the days to
    the first answer and to the first appointment; refusal reasons. Figures only: no
    person is named, so nothing about a person is read."""
    check_perm(user, ReferralsPerm.VIEW_FIGURES)
    start = timezone.make_aware(datetime.combine(date_from, time.min))
    end = timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min))
    rows = Referral.objects.filter(sent_at__gte=start, sent_at__lt=end)
    if abss_id:
        rows = rows.filter(sending_abss_id=abss_id)
    figures: dict[int, ServiceFigures] = {}
    for service_id, state, count in rows.values_list("service_id", "state").annotate(n=Count("id")):
        entry = figures.setdefault(service_id, ServiceFigures(None, answer_days=[], start_days=[]))
        entry.sent = (entry.sent or 0) + count
        entry.open = (entry.open or 0) + (count if state in OPEN else 0)
        entry.refused = (entry.refused or 0) + (count if state == State.REFUSED else 0)
        entry.expired = (entry.expired or 0) + (count if state == State.EXPIRED else 0)
    timings = rows.filter(answer_days__isnull=False).values_list(
        "service_id", "answer_days", "start_days"
    )
    for service_id, answer_days, start_days in timings:
        entry = figures[service_id]
        if answer_days is not None:  # the filter above
            entry.answer_days.append(answer_days)
        if start_days is not None:
            entry.start_days.append(start_days)
    services = Service.objects.in_bulk(list(figures))
    for service_id, entry in figures.items():
        entry.service = services[service_id]
    refusals = [
        (RefusalReason(code).label, n)
        for code, n in rows.filter(state=State.REFUSED)
        .values_list("refusal_reason")
        .annotate(n=Count("id"))
        .order_by("-n")
        if code
    ]
    ordered = sorted(figures.values(), key=lambda f: -(f.sent or 0))
    return dashboard_suppressed(
        Dashboard(
            ordered,
            refusals,
            sum(f.sent or 0 for f in ordered),
            sum(f.expired or 0 for f in ordered),
        )
    )


URGENCY_RANK = {"urgent": 0, "priority": 1, "ordinary": 2}
WAITING_RULE = gettext_lazy(
    "Urgent first, then priority, then ordinary; within each, the earliest accepted."
)


def services_with_places_for(user: User, *, own: bool = False) -> list[Service]:
    """Services with a number of places, hence a waiting list: those of the user's teams
    (``own``), or every one for the coordinators' figures."""
    rows = Service.objects.filter(capacity__isnull=False).exclude(status=ServiceStatus.DEFUNCT)
    if own:
        mine = rows.filter(owner_team_id__in=scope_for(user).team_ids).order_by("code")
        return with_waiting(user, list(mine))
    check_perm(user, ReferralsPerm.VIEW_FIGURES)
    found = with_waiting(user, list(rows.order_by("code")))
    return sorted(found, key=lambda s: -(s.waiting or 0))  # hidden cells: not ranked


@dataclass
class Waiting:
    referral: Referral
    position: int
    shows_person: bool  # the receiving team, or the ABSS that sent the referral


@dataclass
class WaitingList:
    rows: list[Waiting]
    can_assign: bool  # the service's own team gives the places


def service_with_places_get(user: User, public_id: UUID | str) -> Service:
    """A catalogue service by its public id (the catalogue's reach); 404 when unknown."""
    try:
        return service_get_for(user, public_id)
    except (Service.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None


def waiting_list_for(user: User, service: Service) -> WaitingList:
    """Accepted referrals still waiting for a place at a service, in the order places
    are given (WAITING_RULE). The service's team sees who is waiting; a coordinator or
    evaluator sees the queue, and names only of the persons their ABSS referred."""
    scope = scope_for(user)
    own_team = service.owner_team_id is not None and service.owner_team_id in scope.team_ids
    if not own_team and not user.has_perm(ReferralsPerm.VIEW_FIGURES):
        raise deny(user, f"catalogue.service:{service.pk}:waiting")
    waiting = list(
        Referral.objects.filter(service=service, state=State.ACCEPTED)
        .annotate(accepted_at=Max("transitions__at", filter=Q(transitions__to_state="accepted")))
        .select_related("person", "case__abss")
    )
    waiting.sort(key=lambda r: (URGENCY_RANK.get(r.urgency, 9), r.accepted_at, r.pk))
    rows = [
        Waiting(r, i, own_team or r.sending_abss_id in scope.abss_ids)
        for i, r in enumerate(waiting, start=1)
    ]
    audit_persons_shown(
        user,
        [row.referral.person_id for row in rows if row.shows_person],
        AuditAction.LIST,
        object_type="referrals.referral",
        details={
            "waiting_list": str(service.public_id),
            "results": len(rows),
            "persons_shown": sum(row.shows_person for row in rows),
        },
    )
    return WaitingList(rows, can_assign=own_team)
