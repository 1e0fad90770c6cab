"""Emergency access to a record ("break the glass"): read only, with a structured reason
of real content, capped per user and week, the data-protection officer told at once, a
second person's approval for protected persons, and the officer's review with an outcome.

The grant lets its holder read; every write passes ``people.policies.require_processing``,
which refuses a reach that is only a grant.
"""

from __future__ import annotations

import logging
import math
import re
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.accounts.models import Assignment
from xarxa.accounts.notices import send_account_notice
from xarxa.accounts.roles import Role
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm, deny
from xarxa.people.models import (
    AccessGrant,
    EmergencyNotice,
    EmergencyReason,
    GrantOutcome,
    Person,
    Protection,
)
from xarxa.people.policies import LimitReached, PeoplePerm, Via, person_access
from xarxa.people.services.common import MIN_REASON_LENGTH

if TYPE_CHECKING:
    from xarxa.accounts.models import User

log = logging.getLogger(__name__)

EMERGENCY_ACCESS_HOURS = 4
WEEK = timedelta(days=7)
MIN_DISTINCT_WORDS = 4
_WORD = re.compile(r"[^\W\d_]{2,}")
_RUN = re.compile(r"(.)\1{3,}")  # the same character four times in a row: "xxxx", "...."


def require_real_text(text: str, *, field: str = "reason") -> str:
    """A reason written in words: long enough, several different words, not a key held
    down ("xxxxxxxxxxxxxxx", "asdf asdf asdf"). Returns it stripped."""
    text = (text or "").strip()
    words = {w.casefold() for w in _WORD.findall(text)}
    letters = {c.casefold() for c in text if c.isalpha()}
    if (
        len(text) < MIN_REASON_LENGTH
        or len(words) < MIN_DISTINCT_WORDS
        or len(letters) < 6
        or _RUN.search(text)
    ):
        raise ValidationError(
            {
                field: _(
                    "Explain the reason in your own words: a sentence of at least %(n)d "
                    "characters with at least %(words)d different words."
                )
                % {"n": MIN_REASON_LENGTH, "words": MIN_DISTINCT_WORDS}
            }
        )
    return text


def _check_weekly_cap(actor: User) -> None:
    cap = settings.XARXA_EMERGENCY_GRANTS_PER_WEEK
    since = timezone.now() - WEEK
    recent = list(
        AccessGrant.objects.filter(user=actor, created_at__gt=since)
        .order_by("created_at")
        .values_list("created_at", flat=True)
    )
    if len(recent) >= cap:
        wait = (recent[0] + WEEK - timezone.now()).total_seconds()
        raise LimitReached(
            _(
                "You have used the %(cap)d emergency accesses allowed in a week. Ask the "
                "team that attends this person, or the data-protection officer."
            )
            % {"cap": cap},
            retry_after=max(1, math.ceil(wait)),
        )


def _holders(role: str) -> list[User]:
    today = timezone.localdate()
    assignments = Assignment.objects.valid_on(today).filter(role=role).select_related("user")
    return list({a.user_id: a.user for a in assignments if a.user.is_active}.values())


def _approvers(person: Person) -> list[User]:
    """Who may open a protected person's file with the requester: the data-protection
    officers and the coordinators of the person's ABSS."""
    users = _holders(Role.DATA_PROTECTION_OFFICER)
    if person.abss_id:
        today = timezone.localdate()
        for a in (
            Assignment.objects.valid_on(today)
            .filter(role=Role.TEAM_COORDINATOR)
            .select_related("user", "team")
        ):
            if (a.abss_id or a.team.abss_id) == person.abss_id and a.user not in users:
                users.append(a.user)
    return users


def _notify(grant: AccessGrant) -> None:
    """An in-app notice for every data-protection officer (and, when the grant waits for
    approval, every approver), written with the grant; a mail to the officers once it
    commits. The mail names no one: it points to the review page."""
    kind = EmergencyNotice.Kind.APPROVAL if grant.pending else EmergencyNotice.Kind.OPENED
    officers = _holders(Role.DATA_PROTECTION_OFFICER)
    recipients = _approvers(grant.person) if grant.pending else officers
    EmergencyNotice.objects.bulk_create(
        [EmergencyNotice(recipient=user, grant=grant, kind=kind) for user in recipients]
    )
    link = settings.XARXA_BASE_URL + reverse("people:emergency_reviews")

    def compose() -> tuple[str, str]:
        return (
            _("Emergency access to a person's file"),
            _(
                "An emergency access was just asked for (number %(grant)d). Review it "
                "in Xarxa: %(link)s"
            )
            % {"grant": grant.pk, "link": link},
        )

    mailed = [user for user in officers if user.email]
    if not mailed:
        log.warning(
            "emergency access %s: no data-protection officer has an email address; "
            "the in-app notice is the only one",
            grant.pk,
        )
    for user in mailed:
        send_account_notice(user, compose)


@transaction.atomic
def person_protection_set(*, actor: User, person: Person, protection: str, reason: str) -> Person:
    """Flag (or unflag) a person as protected: an emergency access to their file then
    needs a second person. The coordinators of the team attending them and the
    data-protection officer decide it (also on a restricted record: it protects)."""
    check_perm(actor, PeoplePerm.APPROVE_EMERGENCY)
    if person_access(actor, person).via not in {Via.ABSS, Via.CASE, Via.OFFICE}:
        raise deny(actor, f"people.person:{person.pk}:protection")
    if protection not in Protection.values:
        raise ValidationError({"protection": _("Choose the protection from the list.")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Write the reason for this decision.")})
    person.protection = protection
    person.save(update_fields=["protection", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=person,
        person_id=person.pk,
        reason=reason,
        details={"protection": protection},
    )
    return person


@transaction.atomic
def access_grant_open(
    *, actor: User, person: Person, reason: str, reason_kind: str = ""
) -> AccessGrant:
    """Break the glass: a read-only grant for 4 hours with a structured reason, the
    data-protection officer told at once. For a protected person the grant waits
    (``pending``) until a coordinator or the officer approves it."""
    check_perm(actor, PeoplePerm.BREAK_GLASS)
    errors: dict[str, list[str]] = {}
    if reason_kind not in EmergencyReason.values:
        errors["reason_kind"] = [_("Choose the kind of emergency from the list.")]
    try:
        reason = require_real_text(reason)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    if person.merged_into_id:
        raise ValidationError(_("This record was merged into another one."), code="merged")
    person = Person.objects.select_for_update().get(pk=person.pk)
    _check_weekly_cap(actor)
    pending = person.protection != Protection.NONE
    grant = AccessGrant.objects.create(
        person=person,
        user=actor,
        reason_kind=reason_kind,
        reason=reason,
        pending=pending,
        expires_at=timezone.now() + timedelta(hours=EMERGENCY_ACCESS_HOURS),
    )
    audit_record(
        actor=actor,
        action=AuditAction.EMERGENCY_ACCESS,
        obj=grant,
        person_id=person.pk,
        reason=reason,
        details={
            "kind": reason_kind,
            "pending_approval": pending,
            "expires_at": grant.expires_at.isoformat(),
        },
    )
    _notify(grant)
    return grant


@transaction.atomic
def access_grant_approve(*, actor: User, grant: AccessGrant) -> AccessGrant:
    """The second person opens a protected person's grant: 4 hours from now."""
    check_perm(actor, PeoplePerm.APPROVE_EMERGENCY)
    grant = AccessGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.user_id == actor.pk:
        raise deny(actor, f"people.accessgrant:{grant.pk}:approve")
    if not grant.pending:
        raise ValidationError(_("This emergency access is not waiting for approval."))
    now = timezone.now()
    grant.pending = False
    grant.approved_by = actor
    grant.approved_at = now
    grant.expires_at = now + timedelta(hours=EMERGENCY_ACCESS_HOURS)
    grant.save(update_fields=["pending", "approved_by", "approved_at", "expires_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=grant,
        person_id=grant.person_id,
        details={"approved": True, "expires_at": grant.expires_at.isoformat()},
    )
    return grant


@transaction.atomic
def access_grant_review(
    *, actor: User, grant: AccessGrant, outcome: str, follow_up: str = ""
) -> AccessGrant:
    """The data-protection officer's review: justified, or not justified with the
    follow-up decided (a word with the worker, their coordinator told, a report...)."""
    check_perm(actor, PeoplePerm.VIEW_ACCESS_LOG)
    grant = AccessGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.reviewed_at is not None:
        raise ValidationError(_("This emergency access was already reviewed."), code="reviewed")
    if outcome not in GrantOutcome.values:
        raise ValidationError({"outcome": _("Choose the outcome of the review.")})
    follow_up = (follow_up or "").strip()
    if outcome == GrantOutcome.NOT_JUSTIFIED:
        follow_up = require_real_text(follow_up, field="follow_up")
    grant.reviewed_at = timezone.now()
    grant.reviewed_by = actor
    grant.outcome = outcome
    grant.follow_up = follow_up
    grant.save(update_fields=["reviewed_at", "reviewed_by", "outcome", "follow_up", "updated_at"])
    EmergencyNotice.objects.filter(grant=grant, read_at__isnull=True).update(read_at=timezone.now())
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=grant,
        person_id=grant.person_id,
        reason=follow_up,
        details={"reviewed": True, "outcome": outcome},
    )
    return grant
