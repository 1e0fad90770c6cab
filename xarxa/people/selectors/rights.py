"""Protected reads for merges and for the data-protection officer: emergency accesses
to review and the access log of a person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from xarxa.accounts.roles import Role
from xarxa.accounts.selectors import scope_for
from xarxa.core.audit import audit_events_about, audit_record
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.core.policies import check_perm, out_of_reach
from xarxa.people.models import AccessGrant, EmergencyNotice, Person, PersonMerge
from xarxa.people.policies import PeoplePerm, person_access

if TYPE_CHECKING:
    from xarxa.accounts.models import User


def merges_of_for(user: User, person: Person) -> list[PersonMerge]:
    """Merges this person took part in, newest first (person_get_for audited the read)."""
    check_perm(user, PeoplePerm.VIEW)
    return list(
        PersonMerge.objects.filter(Q(survivor=person) | Q(merged=person))
        .select_related("survivor", "merged", "merged_by", "undone_by")
        .order_by("-merged_at")
    )


def merge_get_for(user: User, merge_id: int) -> PersonMerge:
    check_perm(user, PeoplePerm.MERGE)
    try:
        merge = PersonMerge.objects.select_related("survivor", "merged").get(pk=merge_id)
    except (PersonMerge.DoesNotExist, ValueError):
        raise Http404 from None
    for person in (merge.survivor, merge.merged):
        if not person_access(user, person).reads_records:  # answered as an unknown id
            raise out_of_reach(user, obj=merge, person_ids=[person.pk])
    audit_record(actor=user, action=AuditAction.READ, obj=merge, person_id=merge.survivor_id)
    return merge


# --- the data-protection officer --------------------------------------------------------


def access_grants_unreviewed_for(user: User) -> QuerySet[AccessGrant]:
    """Emergency accesses the data-protection officer has not reviewed yet, oldest first."""
    check_perm(user, PeoplePerm.VIEW_ACCESS_LOG)
    grants = (
        AccessGrant.objects.filter(reviewed_at__isnull=True)
        .select_related("person", "user")
        .order_by("created_at", "id")
    )
    audit_record(
        actor=user,
        action=AuditAction.LIST,
        object_type="people.accessgrant",
        details={"unreviewed": True},
    )
    return grants


def access_grant_get_for(user: User, grant_id: int) -> AccessGrant:
    check_perm(user, PeoplePerm.VIEW_ACCESS_LOG)
    try:
        return AccessGrant.objects.select_related("person").get(pk=grant_id)
    except (AccessGrant.DoesNotExist, ValueError):
        raise Http404 from None


def _pending_q(user: User) -> Q:
    """Grants waiting for a second person that this user may approve: every one for the
    data-protection officer, those about persons of their ABSS for a coordinator; never
    their own."""
    if Role.DATA_PROTECTION_OFFICER in scope_for(user).roles:
        return Q(pending=True) & ~Q(user=user)
    return Q(pending=True, person__abss_id__in=scope_for(user).abss_ids) & ~Q(user=user)


def access_grants_pending_for(user: User) -> QuerySet[AccessGrant]:
    """Emergency accesses to protected persons waiting for this approver, oldest first."""
    check_perm(user, PeoplePerm.APPROVE_EMERGENCY)
    audit_record(
        actor=user,
        action=AuditAction.LIST,
        object_type="people.accessgrant",
        details={"pending": True},
    )
    return (
        AccessGrant.objects.filter(_pending_q(user), expires_at__gt=timezone.now())
        .select_related("person", "user")
        .order_by("created_at", "id")
    )


def access_grant_pending_get_for(user: User, grant_id: int) -> AccessGrant:
    check_perm(user, PeoplePerm.APPROVE_EMERGENCY)
    try:
        return AccessGrant.objects.select_related("person").get(_pending_q(user), pk=grant_id)
    except (AccessGrant.DoesNotExist, ValueError):
        raise Http404 from None


def emergency_notices_for(user: User) -> QuerySet[EmergencyNotice]:
    """The in-app notices about emergency accesses addressed to this user, unread first."""
    return (
        EmergencyNotice.objects.filter(recipient=user)
        .select_related("grant")
        .order_by(F("read_at").desc(nulls_first=True), "-created_at")
    )


def person_access_log_for(user: User, person: Person) -> QuerySet[AuditEvent]:
    """Every audit event about this person, newest first (a queryset to paginate)."""
    check_perm(user, PeoplePerm.VIEW_ACCESS_LOG)
    audit_record(
        actor=user,
        action=AuditAction.READ,
        object_type="core.auditevent",
        person_id=person.pk,
        details={"access_log": True},
    )
    return audit_events_about(person.pk).select_related("actor").order_by("-seq")
