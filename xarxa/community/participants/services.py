"""Writes about participants: adding them (by hand, or from a referral), enrolling them,
and what the facilitator records of their path."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.community.activities.models import Activity
from xarxa.community.common import choice
from xarxa.community.competences import ActicLevel
from xarxa.community.participants.models import (
    ActicResult,
    AgeBand,
    Enrolment,
    Gender,
    Moment,
    Origin,
    Outcome,
    OutcomeKind,
    Participant,
    SelfAssessment,
    Situation,
)
from xarxa.community.participants.selectors import digcomp_instrument
from xarxa.community.points.models import Point
from xarxa.community.points.policies import require_point
from xarxa.community.policies import CommunityPerm
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.policies import deny
from xarxa.referrals.selectors import referral_get_for
from xarxa.referrals.states import SharedData

if TYPE_CHECKING:
    from xarxa.accounts.models import User

DIVIDES = ("access", "use", "outcomes")


def _profile(data: dict[str, Any]) -> dict[str, Any]:
    errors = {}
    profile = {}
    for field, choices, default in (
        ("gender", Gender, None),
        ("age_band", AgeBand, None),
        ("origin", Origin, Origin.NOT_STATED),
        ("situation", Situation, None),
    ):
        value = data.get(field) or default
        if value not in choices.values:
            errors[field] = _("Choose one of the options offered.")
        profile[field] = value
    if errors:
        raise ValidationError(errors)
    return profile


def participant_add(
    *,
    actor: User,
    point: Point,
    registered: bool,
    consent: bool = False,
    first_name: str = "",
    last_name: str = "",
    phone: str = "",
    email: str = "",
    **data: Any,
) -> Participant:
    """A registered participant needs a name and their consent; an anonymous one keeps
    only the profile the figures count (gender, age band, origin, situation)."""
    require_point(actor, point, CommunityPerm.RUN)
    profile = _profile(data)
    if registered:
        errors = {}
        if not first_name.strip():
            errors["first_name"] = _("Write the participant's first name.")
        if not consent:
            errors["consent"] = _(
                "A participant is registered with their name only with their consent. "
                "Without it, add them as anonymous."
            )
        if errors:
            raise ValidationError(errors)
    with transaction.atomic():
        participant = Participant.objects.create(
            point=point,
            registered=registered,
            first_name=first_name.strip() if registered else "",
            last_name=last_name.strip() if registered else "",
            phone=phone.strip() if registered else "",
            email=email.strip() if registered else "",
            consent_on=timezone.localdate() if registered else None,
            consent_recorded_by=actor if registered else None,
            **profile,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=participant,
            details={"registered": registered},
        )
    return participant


def participant_from_referral(
    *, actor: User, referral_public_id: UUID | str, consent: bool, **data: Any
) -> Participant:
    """A person a social worker referred to the point becomes a registered participant,
    linked to their social record. The referral is read through the referrals app's
    selector (receiving side only, while open, audited); the name comes from what the
    referral shared, and the person must agree to be registered."""
    view = referral_get_for(actor, referral_public_id)
    referral = view.referral
    point = Point.objects.filter(team_id=referral.receiving_team_id or 0).first()
    if point is None or view.party != "receiver":
        raise deny(actor, f"referrals.referral:{referral.pk}:participant")
    require_point(actor, point, CommunityPerm.RUN)
    if not view.shows_shared or SharedData.IDENTITY not in referral.shared:
        raise ValidationError(
            {"referral": _("This referral no longer shares the person's name: add them by hand.")}
        )
    existing = Participant.objects.filter(point=point, person_id=referral.person_id).first()
    if existing is not None:
        return existing
    person = referral.person
    surnames = " ".join(n for n in (person.first_surname, person.second_surname) if n)
    with transaction.atomic():
        participant = participant_add(
            actor=actor,
            point=point,
            registered=True,
            consent=consent,
            first_name=person.given_names,
            last_name=surnames,
            **data,
        )
        Participant.objects.filter(pk=participant.pk).update(person=person)
        participant.person = person
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=participant,
            person_id=person.pk,
            details={"linked": True, "referral": referral.pk},
        )
    return participant


def enrolment_add(*, actor: User, activity: Activity, participant: Participant) -> Enrolment:
    require_point(actor, activity.point, CommunityPerm.RUN)
    if participant.point_id != activity.point_id:
        raise ValidationError(_("The participant belongs to another point."))
    if Enrolment.objects.filter(activity=activity, participant=participant).exists():
        raise ValidationError(_("Already enrolled."))
    taken = Enrolment.objects.filter(activity=activity).count()
    if activity.capacity and taken >= activity.capacity:
        raise ValidationError(_("The activity is full."))
    with transaction.atomic():
        enrolment = Enrolment.objects.create(activity=activity, participant=participant)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=enrolment,
            details={"activity": activity.pk, "participant": participant.pk},
        )
    return enrolment


def self_assessment_record(
    *,
    actor: User,
    participant: Participant,
    moment: str,
    scores: dict[str, Any],
    assessed_on: date | None = None,
) -> SelfAssessment:
    """Scores on the screening app's DigComp self-assessment instrument: a level 1-5 for
    every one of its domains."""
    require_point(actor, participant.point, CommunityPerm.RUN)
    choice(moment, Moment, "moment")
    instrument = digcomp_instrument()
    domain_codes = [d.code for d in instrument.domains.all()]
    clean = {}
    for code in domain_codes:
        try:
            level = int(scores.get(code))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            level = 0
        if not 1 <= level <= 5:
            raise ValidationError({code: _("Choose a level from 1 to 5 for every area.")})
        clean[code] = level
    with transaction.atomic():
        result = SelfAssessment.objects.create(
            participant=participant,
            instrument=instrument,
            moment=moment,
            scores=clean,
            assessed_on=assessed_on or timezone.localdate(),
            recorded_by=actor,
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=result)
    return result


def actic_result_record(
    *, actor: User, participant: Participant, level: str, obtained_on: date
) -> ActicResult:
    require_point(actor, participant.point, CommunityPerm.RUN)
    choice(level, ActicLevel, "level")
    if obtained_on > timezone.localdate():
        raise ValidationError({"obtained_on": _("The date cannot be in the future.")})
    with transaction.atomic():
        result = ActicResult.objects.create(
            participant=participant, level=level, obtained_on=obtained_on, recorded_by=actor
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=result)
    return result


def outcome_record(
    *, actor: User, participant: Participant, kind: str, on: date, note: str = ""
) -> Outcome:
    require_point(actor, participant.point, CommunityPerm.RUN)
    choice(kind, OutcomeKind, "kind")
    if on > timezone.localdate():
        raise ValidationError({"on": _("The date cannot be in the future.")})
    with transaction.atomic():
        outcome = Outcome.objects.create(
            participant=participant, kind=kind, on=on, note=note, recorded_by=actor
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=outcome)
    return outcome


def participant_divides_set(
    *, actor: User, participant: Participant, divides: list[str]
) -> Participant:
    """Record which digital divides the facilitator sees (the others: not present)."""
    require_point(actor, participant.point, CommunityPerm.RUN)
    unknown = [d for d in divides if d not in DIVIDES]
    if unknown:
        raise ValidationError({"divides": _("Choose one of the options offered.")})
    values = {f"divide_{d}": d in divides for d in DIVIDES}
    with transaction.atomic():
        Participant.objects.filter(pk=participant.pk).update(**values)
        for name, value in values.items():
            setattr(participant, name, value)
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=participant, details=values)
    return participant
