"""The referral circuit: create and send, move along the declared states, write inside.
Refusals are checked before any transaction, so their audit row stays."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.catalogue.models import Confidentiality, Service
from xarxa.core.audit import audit_record
from xarxa.core.concurrency import save_versioned
from xarxa.core.models import AuditAction
from xarxa.core.policies import deny
from xarxa.people.models import Person
from xarxa.people.policies import require_processing
from xarxa.records.timeline import timeline_add
from xarxa.referrals.goals import GoalSnapshot, open_goals_for
from xarxa.referrals.models import Message, Notice, Referral, Transition
from xarxa.referrals.policies import party_of, require_refer_from
from xarxa.referrals.services.access import access_follow
from xarxa.referrals.services.notices import SENDER_NOTICES, notify, notify_sender
from xarxa.referrals.states import (
    NEEDS_REASON,
    PARTNER_REPORTED,
    RECEIVER,
    SENDER,
    LegalBasis,
    SharedData,
    State,
    allowed,
)

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.records.models import CaseFile
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


def _check_consent(data: dict[str, Any]) -> None:
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


def _person_in(case: CaseFile, person: Person | UUID | str) -> Person:
    current = [p.person_id for p in case.participants.all() if p.valid_until is None]
    if isinstance(person, Person):
        found: Person | None = person if person.pk in current else None
    else:
        found = _by_public_id(Person.objects.filter(pk__in=current), person)
    if found is None:
        raise ValidationError({"person": _("Choose someone in this case file.")})
    return found


def _service(service: Service | UUID | str | None, field: str) -> Service | None:
    if service is None or isinstance(service, Service):
        return service
    found = _by_public_id(Service.objects.all(), service)
    if found is None:
        raise ValidationError({field: _("Choose a service from the catalogue.")})
    return found


def _by_public_id(rows: QuerySet[Any], public_id: UUID | str) -> Any:
    try:
        return rows.filter(public_id=public_id).first()
    except (ValidationError, ValueError):
        return None


def _goals_carried(actor: User, case: CaseFile, goal_ids: list[int]) -> list[GoalSnapshot]:
    """The open goals of the case's plan chosen to go with the referral, as snapshots;
    one that is not an open goal of the case's plan is refused."""
    if not goal_ids:
        return []
    open_goals = {g["goal"]: g for g in open_goals_for(actor, case)}
    unknown = [goal_id for goal_id in goal_ids if goal_id not in open_goals]
    if unknown:
        raise ValidationError(
            {"goals": _("Not open goals of this case's plan: %(ids)s.")
             % {"ids": ", ".join(str(i) for i in unknown)}}
        )  # fmt: skip
    return [open_goals[goal_id] for goal_id in goal_ids]


def referral_create(
    *,
    actor: User,
    case: CaseFile,
    person: Person | UUID | str,
    service: Service | UUID | str,
    data: dict[str, Any],
    send: bool,
) -> Referral:
    """A referral from a case file to a catalogue service: a draft, or sent at once. The
    person (someone in the case file) and the services may come as public ids;
    ``data["goals"]`` names open goals of the case's plan by id (carried as snapshots).
    An unknown reference is refused."""
    require_refer_from(actor, case)
    person = _person_in(case, person)
    require_processing(actor, [person])  # a share: not through a grant, not when restricted
    target = _service(service, "service")
    if target is None:
        raise ValidationError({"service": _("Choose a service from the catalogue.")})
    partner = target.owner_team_id is None and bool(target.email)
    if (target.owner_team_id is None and not partner) or target.status != "active":
        raise ValidationError({"service": _("This service cannot receive referrals yet.")})
    if not data.get("consent_given") or send:
        _check_consent(data)
    leaving = _service(data.get("transition_from"), "transition_from")
    if leaving is not None and leaving.pk == target.pk:
        raise ValidationError({"transition_from": _("The person cannot move to the same service.")})
    goals = _goals_carried(actor, case, list(data.get("goals") or []))
    shared = list(data.get("shared") or [])
    if goals and SharedData.PLAN_GOALS not in shared:
        shared.append(SharedData.PLAN_GOALS)  # the goals ticked are shared, and say so
    with transaction.atomic():
        referral = Referral.objects.create(
            case=case,
            person=person,
            service=target,
            receiving_team_id=target.owner_team_id,
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


def _send(actor: User, referral: Referral) -> None:
    referral.sent_at = timezone.now()
    referral.answer_due = add_working_days(
        timezone.localdate(), referral.service.answer_within or ANSWER_WORKING_DAYS
    )
    if referral.is_partner:
        referral.partner_nonce = secrets.token_urlsafe(24)
        Referral.objects.filter(pk=referral.pk).update(partner_nonce=referral.partner_nonce)
    record(actor, referral, State.SENT, "")
    notify(referral, Notice.Kind.NEW)
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


def carried_sensitivity(service: Service) -> dict[str, str]:
    """A referral to a restricted service carries that service's special category on the
    timeline (its title is read by the sender, the case's reference professional and the
    service); restricted without a category: the sender only."""
    if service.confidentiality != Confidentiality.RESTRICTED:
        return {}
    if service.special_category:
        return {"sensitivity": service.special_category}
    return {"confidentiality": "named"}


def record(actor: User | None, referral: Referral, to: str, reason: str) -> None:
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
        referral=referral, from_state=before, to_state=to, by=actor, reason=reason
    )
    access_follow(actor, referral, to)
    kind = SENDER_NOTICES.get(State(to))
    if kind is not None:
        notify_sender(referral, kind)
    timeline_add(
        person=referral.person,
        on=timezone.localdate(),
        kind=f"referral.{to}",
        title=f"{referral.service.text('name', 'ca')}: {State(to).label}",
        obj=referral,
        case=referral.case,
        author=referral.sender,
        **carried_sensitivity(referral.service),
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
    actor: User,
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
    require_processing(actor, [referral.person_id])
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
            record(actor, referral, to, reason or alternative)
    return referral


# What the sending side is told without having to look: the answer, and an expiry.
def message_post(*, actor: User, referral: Referral, text: str, to_both: bool = True) -> Message:
    """Write inside the referral: to the other side, or as a note for one's own side.
    The receiving side writes only while the referral is open."""
    party = party_of(actor, referral)
    if party not in (SENDER, RECEIVER) or (party == RECEIVER and not referral.is_open):
        raise deny(actor, f"referrals.referral:{referral.pk}:message")
    require_processing(actor, [referral.person_id])
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
