"""Writes on referrals: create and send, move along the declared states, and the
deadline job. Refusals are checked before any transaction, so their audit row stays."""

import secrets
from datetime import date, timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.accounts.models import Assignment
from xarxa.accounts.selectors import scope_for
from xarxa.core.audit import audit_record
from xarxa.core.concurrency import save_versioned
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm, deny
from xarxa.records.timeline import timeline_add
from xarxa.referrals.models import Message, Notice, Referral, Transition
from xarxa.referrals.policies import ReferralsPerm
from xarxa.referrals.states import (
    NEEDS_REASON,
    PARTNER_REPORTED,
    RECEIVER,
    SENDER,
    SYSTEM,
    LegalBasis,
    SharedData,
    State,
    allowed,
)

ANSWER_WORKING_DAYS = 10  # unless the service sets its own (Service.answer_within)
ESCALATE_AFTER = 5  # working days past the answer date: the coordinator is told
EXPIRE_AFTER = 10  # working days past the answer date: the referral expires
MIN_JUSTIFICATION = 20
CONSENT_FIELDS = (
    "reason",
    "request",
    "shared",
    "consent_given",
    "consent_by",
    "consent_method",
    "legal_basis",
    "legal_basis_note",
)


def add_working_days(day: date, days: int) -> date:
    """Monday to Friday (local holidays are not modelled yet)."""
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def party_of(user, referral: Referral) -> str | None:
    """Which side of the referral the user is on: the sending professional (or a
    colleague of the sending ABSS), or staff of the receiving team."""
    if user is None:
        return SYSTEM
    scope = scope_for(user)
    if referral.receiving_team_id in scope.team_ids and user.has_perm(ReferralsPerm.RECEIVE):
        return RECEIVER
    if user.has_perm(ReferralsPerm.SEND) and (
        user.pk == referral.sender_id or referral.sending_abss_id in scope.abss_ids
    ):
        return SENDER
    return None


def _check_consent(data: dict) -> None:
    errors = {}
    if data.get("consent_given"):
        if not data.get("consent_by", "").strip():
            errors["consent_by"] = _("Write who agreed (the person, a guardian...).")
        if not data.get("consent_method"):
            errors["consent_method"] = _("Choose how the agreement was given.")
    else:
        if not data.get("legal_basis"):
            errors["legal_basis"] = _(
                "Without the person's agreement, choose the legal basis that allows sharing."
            )
        if len(data.get("legal_basis_note", "").strip()) < MIN_JUSTIFICATION:
            errors["legal_basis_note"] = _("Explain in a sentence why it cannot wait for consent.")
    if not data.get("reason", "").strip():
        errors["reason"] = _("Write why you refer the person.")
    if not data.get("request", "").strip():
        errors["request"] = _("Write what you ask the service to do.")
    shared = data.get("shared") or []
    if not shared or any(s not in SharedData.values for s in shared):
        errors["shared"] = _("Choose what the service may read (at least their identity).")
    if errors:
        raise ValidationError(errors)


def referral_create(*, actor, case, person, service, data: dict, send: bool) -> Referral:
    """A referral from a case file to a catalogue service: a draft, or sent at once."""
    check_perm(actor, ReferralsPerm.SEND)
    from xarxa.records.selectors import case_access_via

    if case_access_via(actor, case) is None:
        raise deny(actor, f"records.casefile:{case.pk}:refer")
    current = {p.person_id for p in case.participants.all() if p.valid_until is None}
    if person.pk not in current:
        raise ValidationError({"person": _("Choose someone in this case file.")})
    partner = service.owner_team_id is None and bool(service.email)
    if (service.owner_team_id is None and not partner) or service.status != "active":
        raise ValidationError({"service": _("This service cannot receive referrals yet.")})
    if not data.get("consent_given") or send:
        _check_consent(data)
    leaving = data.get("transition_from")
    if leaving is not None and leaving.pk == service.pk:
        raise ValidationError({"transition_from": _("The person cannot move to the same service.")})
    goals = list(data.get("goals") or [])
    shared = list(data.get("shared") or [])
    if goals and SharedData.PLAN_GOALS not in shared:
        shared.append(SharedData.PLAN_GOALS)  # the goals ticked are shared, and say so
    with transaction.atomic():
        referral = Referral.objects.create(
            case=case,
            person=person,
            service=service,
            receiving_team_id=service.owner_team_id,
            sender=actor,
            sending_abss_id=case.abss_id,
            urgency=data.get("urgency") or "ordinary",
            reason=data.get("reason", "").strip(),
            request=data.get("request", "").strip(),
            shared=shared,
            transition_from=leaving,
            goals=goals if SharedData.PLAN_GOALS in shared else [],
            consent_given=bool(data.get("consent_given")),
            consent_by=data.get("consent_by", "").strip(),
            consent_method=data.get("consent_method", ""),
            legal_basis=data.get("legal_basis") or LegalBasis.NONE,
            legal_basis_note=data.get("legal_basis_note", "").strip(),
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=referral, person_id=person.pk)
        if send:
            _send(actor, referral)
    return referral


def _send(actor, referral: Referral) -> None:
    referral.sent_at = timezone.now()
    referral.answer_due = add_working_days(
        timezone.localdate(), referral.service.answer_within or ANSWER_WORKING_DAYS
    )
    if referral.is_partner:
        referral.partner_nonce = secrets.token_urlsafe(24)
        Referral.objects.filter(pk=referral.pk).update(partner_nonce=referral.partner_nonce)
    _record(actor, referral, State.SENT, "")
    _notify(referral, Notice.Kind.NEW)
    if not referral.consent_given:
        # Shared without consent: flagged for the data-protection officer's review.
        audit_record(
            actor=actor,
            action=AuditAction.SHARED_WITHOUT_CONSENT,
            obj=referral,
            person_id=referral.person_id,
            reason=referral.legal_basis_note,
            details={"legal_basis": referral.legal_basis},
        )


def _record(actor, referral: Referral, to: str, reason: str) -> None:
    before = referral.state
    referral.state = to
    referral.updated_at = timezone.now()
    if referral.sent_at is not None:
        days = (timezone.localdate() - timezone.localdate(referral.sent_at)).days
        if to in (State.RECEIVED, State.REFUSED) and referral.answer_days is None:
            referral.answer_days = days
        if to == State.IN_PROGRESS:
            referral.start_days = days
    if to == State.ACCEPTED and referral.service.first_appointment_within:
        referral.start_due = timezone.localdate() + timedelta(
            days=referral.service.first_appointment_within
        )
    save_versioned(
        referral,
        expected_version=referral.version,
        fields=[
            "state", "sent_at", "answer_due", "start_due", "refusal_reason", "alternative",
            "outcome", "answer_days", "start_days", "updated_at",
        ],
    )  # fmt: skip
    Transition.objects.create(
        referral=referral, from_state=before, to_state=to, by=actor, reason=reason[:500]
    )
    if to in SENDER_NOTICES:
        _notify_sender(referral, SENDER_NOTICES[to])
    timeline_add(
        person=referral.person,
        on=timezone.localdate(),
        kind=f"referral.{to}",
        title=f"{referral.service.text('name', 'ca')}: {State(to).label}",
        obj=referral,
        case=referral.case,
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=referral,
        person_id=referral.person_id,
        reason=reason,
        details={"from": before, "to": to},
    )


def referral_move(
    *,
    actor,
    referral: Referral,
    to: str,
    reason: str = "",
    refusal_reason: str = "",
    alternative: str = "",
    outcome: str = "",
    expected_version: int | None = None,
) -> Referral:
    """Move the referral to ``to`` if the actor's side may (see states.TRANSITIONS)."""
    party = party_of(actor, referral)
    partner = referral.is_partner
    if party is None or not allowed(referral.state, to, party, partner=partner):
        raise deny(actor, f"referrals.referral:{referral.pk}:{to}")
    if partner and party == SENDER and (referral.state, to) in PARTNER_REPORTED:
        reason = " ".join((_("Reported by the partner."), reason.strip())).strip()
    if to == State.SENT:
        _check_consent({name: getattr(referral, name) for name in CONSENT_FIELDS})
    errors = {}
    if to in NEEDS_REASON and not reason.strip() and to != State.REFUSED:
        errors["reason"] = _("Write why.")
    if to == State.REFUSED:
        if not refusal_reason:
            errors["refusal_reason"] = _("Choose why the service cannot take the person.")
        if not alternative.strip():
            errors["alternative"] = _("Propose an alternative for the person.")
    if to == State.CLOSED and not outcome:
        errors["outcome"] = _("Choose how it ended.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if expected_version is not None:
            referral.version = expected_version
        referral.refusal_reason = refusal_reason or referral.refusal_reason
        referral.alternative = alternative.strip() or referral.alternative
        referral.outcome = outcome or referral.outcome
        if to == State.SENT:
            _send(actor, referral)
        else:
            _record(actor, referral, to, reason or alternative)
    return referral


# What the sending side is told without having to look: the answer, and an expiry.
SENDER_NOTICES = {
    State.ACCEPTED: Notice.Kind.ANSWERED,
    State.REFUSED: Notice.Kind.ANSWERED,
    State.EXPIRED: Notice.Kind.EXPIRED,
}


def _notify_sender(referral: Referral, kind: str) -> bool:
    """A notice to the sender's team in the sending ABSS, once per kind."""
    team_id = (
        Assignment.objects.valid_on(timezone.localdate())
        .filter(user_id=referral.sender_id)
        .filter(Q(abss_id=referral.sending_abss_id) | Q(team__abss_id=referral.sending_abss_id))
        .values_list("team_id", flat=True)
        .first()
    )
    if team_id is None:
        return False
    _, created = Notice.objects.get_or_create(referral=referral, team_id=team_id, kind=kind)
    return created


def notices_mark_read(*, actor, referral: Referral) -> int:
    """The notices of the actor's teams about this referral are seen once it is opened."""
    return Notice.objects.filter(
        referral=referral, team_id__in=scope_for(actor).team_ids, read_at__isnull=True
    ).update(read_at=timezone.now())


def _notify(referral: Referral, kind: str) -> bool:
    """A notice to the receiving team, once per kind (a partner has no team: the sender
    follows the referral's state instead)."""
    if referral.is_partner:
        return False
    _, created = Notice.objects.get_or_create(
        referral=referral, team_id=referral.receiving_team_id, kind=kind
    )
    return created


def apply_deadlines(today: date | None = None) -> dict[str, int]:
    """Remind the receiving team when an answer is overdue, tell its coordinator some
    days later, then expire the referral with notice to both sides; tell both sides when
    an accepted referral passes the service's date for a first appointment. Idempotent:
    each notice is given once, an expired referral is not touched again."""
    today = today or timezone.localdate()
    counts = {"reminders": 0, "escalations": 0, "expired": 0, "start_overdue": 0}
    waiting = Referral.objects.filter(
        state__in=(State.SENT, State.RECEIVED), answer_due__lt=today
    ).select_related("service", "person", "case")
    for referral in waiting:
        with transaction.atomic():
            if add_working_days(referral.answer_due, EXPIRE_AFTER) < today:
                _record(None, referral, State.EXPIRED, "no answer in time")
                _notify(referral, Notice.Kind.EXPIRED)
                counts["expired"] += 1
                continue
            counts["reminders"] += _notify(referral, Notice.Kind.REMINDER)
            if add_working_days(referral.answer_due, ESCALATE_AFTER) < today:
                counts["escalations"] += _notify(referral, Notice.Kind.ESCALATION)
    # Accepted but no first appointment by the service's date: both sides are told.
    late = Referral.objects.filter(state=State.ACCEPTED, start_due__lt=today)
    for referral in late.exclude(notices__kind=Notice.Kind.START_OVERDUE):
        with transaction.atomic():
            kind = Notice.Kind.START_OVERDUE
            told = _notify(referral, kind) | _notify_sender(referral, kind)
            counts["start_overdue"] += told
    return counts


def message_post(*, actor, referral: Referral, text: str, to_both: bool = True) -> Message:
    """Write inside the referral: to the other side, or as a note for one's own side.
    The receiving side writes only while the referral is open."""
    party = party_of(actor, referral)
    if party not in (SENDER, RECEIVER) or (party == RECEIVER and not referral.is_open):
        raise deny(actor, f"referrals.referral:{referral.pk}:message")
    if not text.strip():
        raise ValidationError({"text": _("Write the message.")})
    with transaction.atomic():
        message = Message.objects.create(
            referral=referral, author=actor, side=party, to_both=to_both, text=text.strip()
        )
        audit_record(
            actor=actor, action=AuditAction.CREATE, obj=message, person_id=referral.person_id
        )
    return message


# --- partners without accounts: a single-use, expiring, signed link -------------------

PARTNER_LINK_DAYS = 14
_SIGNER_SALT = "xarxa.referrals.partner"


def partner_link_token(referral: Referral) -> str:
    """The signed token of the referral's partner link (empty once used)."""
    if not referral.partner_nonce:
        return ""
    return signing.dumps(
        {"r": str(referral.public_id), "n": referral.partner_nonce}, salt=_SIGNER_SALT
    )


def partner_referral(token: str) -> Referral | None:
    """The referral a link stands for, if the link is genuine, unused and not expired."""
    try:
        data = signing.loads(token, salt=_SIGNER_SALT, max_age=timedelta(days=PARTNER_LINK_DAYS))
    except signing.BadSignature:
        return None
    referral = (
        Referral.objects.select_related("service", "person__municipality")
        .filter(public_id=data.get("r"), receiving_team__isnull=True)
        .first()
    )
    if referral is None or not referral.partner_nonce:
        return None
    if not secrets.compare_digest(referral.partner_nonce, str(data.get("n", ""))):
        return None
    if referral.state not in (State.SENT, State.RECEIVED):
        return None
    return referral


def partner_answer(*, token: str, accept: bool, refusal_reason="", alternative="", note=""):
    """The partner's answer through the link: received, then accepted or refused. The
    link then stops working. Audited without an account (the link is the actor)."""
    referral = partner_referral(token)
    if referral is None:
        raise PermissionError("link not valid")
    if not accept:
        errors = {}
        if not refusal_reason:
            errors["refusal_reason"] = _("Choose why the service cannot take the person.")
        if not alternative.strip():
            errors["alternative"] = _("Propose an alternative for the person.")
        if errors:
            raise ValidationError(errors)
    with transaction.atomic():
        Referral.objects.filter(pk=referral.pk).update(partner_nonce="")
        referral.partner_nonce = ""
        via = "partner link" + (f": {note.strip()}" if note.strip() else "")
        if referral.state == State.SENT:
            _record(None, referral, State.RECEIVED, via)
        if accept:
            _record(None, referral, State.ACCEPTED, via)
        else:
            referral.refusal_reason = refusal_reason
            referral.alternative = alternative.strip()[:300]
            _record(None, referral, State.REFUSED, via)
    return referral
