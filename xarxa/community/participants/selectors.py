"""Protected reads about participants. Every read of registered participants' names or
contact is written to the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from xarxa.community.activities.models import Activity
from xarxa.community.common import audit_names, get_by_public_id
from xarxa.community.participants.models import (
    ActicResult,
    Enrolment,
    Outcome,
    Participant,
    SelfAssessment,
)
from xarxa.community.points.policies import point_scope_for, require_point
from xarxa.community.policies import CommunityPerm
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm, out_of_reach
from xarxa.referrals.policies import ReferralsPerm
from xarxa.referrals.selectors import inbox_for
from xarxa.referrals.states import SharedData
from xarxa.screening.models import Instrument

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.community.points.models import Point
    from xarxa.referrals.models import Referral


def digcomp_instrument() -> Instrument:
    """The screening app's DigComp self-assessment, its newest active version."""
    instrument = (
        Instrument.objects.filter(code="digcomp-self", active=True)
        .prefetch_related("domains")
        .order_by("-pk")
        .first()
    )
    if instrument is None:
        raise ValidationError(_("The DigComp self-assessment is not loaded."))
    return instrument


def enrolled_of_for(user: User, activity: Activity) -> list[Participant]:
    require_point(user, activity.point, CommunityPerm.RUN)
    people = list(
        Participant.objects.filter(enrolments__activity=activity).order_by(
            "last_name", "first_name"
        )
    )
    audit_names(user, people, activity)
    return people


def participant_list_for(user: User, point: Point, *, search: str = "") -> list[Participant]:
    require_point(user, point, CommunityPerm.RUN)
    participants = Participant.objects.filter(point=point, registered=True).annotate(
        uses=Count("attendances")
    )
    if search:
        participants = participants.filter(
            Q(first_name__icontains=search) | Q(last_name__icontains=search)
        )
    found: list[Participant] = list(participants.order_by("last_name", "first_name")[:200])
    audit_names(user, found, point)
    return found


def participant_get_for(user: User, public_id: object, *, reason: str = "") -> Participant:
    check_perm(user, CommunityPerm.RUN)
    participant = get_by_public_id(Participant.objects.select_related("point"), public_id)
    if not point_scope_for(user).covers(participant.point):  # answered as an unknown id
        raise out_of_reach(user, obj=participant)
    if participant.registered:
        audit_record(
            actor=user,
            action=AuditAction.READ,
            obj=participant,
            person_id=participant.person_id,
            reason=reason,
        )
    return participant


def referred_to_for(user: User, point: Point) -> list[Referral]:
    """Open referrals to the point's team that share the person's name and are not yet
    participants (read through the referrals inbox, audited there)."""
    if not user.has_perm(ReferralsPerm.RECEIVE):
        return []
    page = inbox_for(user)
    linked = set(
        Participant.objects.filter(point=point, person__isnull=False).values_list(
            "person_id", flat=True
        )
    )
    return [
        r
        for r in page.object_list
        if r.receiving_team_id == point.team_id
        and SharedData.IDENTITY in r.shared
        and r.person_id not in linked
    ]


@dataclass
class Path:
    participant: Participant
    activities: list[Any]  # Activity with .attended (sessions attended)
    digcomp: list[str]
    actic: list[str]
    uses: int
    self_assessments: list[SelfAssessment]
    actic_results: list[ActicResult]
    outcomes: list[Outcome]
    domains: list[Any]


def path_for(user: User, participant: Participant) -> Path:
    """What a participant did: activities attended, competences worked, self-assessments
    before and after, ACTIC levels and outcomes. Call after participant_get_for."""
    require_point(user, participant.point, CommunityPerm.RUN)
    activities = list(
        Activity.objects.filter(sessions__attendances__participant=participant)
        .annotate(attended=Count("sessions__attendances"))
        .order_by("starts_on")
    )
    enrolled_only = Activity.objects.filter(
        Exists(Enrolment.objects.filter(activity=OuterRef("pk"), participant=participant))
    ).exclude(pk__in=[a.pk for a in activities])
    digcomp = sorted({c for a in activities for c in a.digcomp})
    actic = sorted({c for a in activities for c in a.actic})
    try:
        domains = list(digcomp_instrument().domains.all())
    except ValidationError:
        domains = []
    not_attended = []
    for activity in enrolled_only:
        activity.attended = 0  # type: ignore[attr-defined]
        not_attended.append(activity)
    return Path(
        participant=participant,
        activities=activities + not_attended,
        digcomp=digcomp,
        actic=actic,
        uses=sum(a.attended for a in activities),
        self_assessments=list(SelfAssessment.objects.filter(participant=participant)),
        actic_results=list(ActicResult.objects.filter(participant=participant)),
        outcomes=list(Outcome.objects.filter(participant=participant)),
        domains=domains,
    )
