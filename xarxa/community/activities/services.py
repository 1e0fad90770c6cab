"""Writes about activities and their sessions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xarxa.community.activities.models import Activity, ActivityKind, Axis, Session, TargetGroup
from xarxa.community.common import codes
from xarxa.community.competences import ACTIC_COMPETENCES, DIGCOMP_COMPETENCES
from xarxa.community.points.policies import require_point
from xarxa.community.policies import CommunityPerm
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.community.points.models import Point

MAX_WEEKS = 52


def activity_create(
    *,
    actor: User,
    point: Point,
    title: str,
    axis: str,
    kind: str,
    starts_on: date,
    ends_on: date | None = None,
    description: str = "",
    target_groups: Iterable[str] = (),
    digcomp: Iterable[str] = (),
    actic: Iterable[str] = (),
    schedule: str = "",
    capacity: int | None = None,
) -> Activity:
    require_point(actor, point, CommunityPerm.RUN)
    errors = {}
    if not title.strip():
        errors["title"] = _("The activity needs a title.")
    if axis not in Axis.values:
        errors["axis"] = _("Choose one of the options offered.")
    if kind not in ActivityKind.values:
        errors["kind"] = _("Choose one of the options offered.")
    if ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The end date cannot be before the start date.")
    if capacity is not None and capacity < 1:
        errors["capacity"] = _("Places must be at least 1, or empty for no limit.")
    if errors:
        raise ValidationError(errors)
    groups = codes(target_groups, TargetGroup.values, "target_groups")
    digcomp_codes = codes(digcomp, DIGCOMP_COMPETENCES, "digcomp")
    actic_codes = codes(actic, ACTIC_COMPETENCES, "actic")
    with transaction.atomic():
        activity = Activity.objects.create(
            point=point,
            title=title.strip(),
            axis=axis,
            kind=kind,
            starts_on=starts_on,
            ends_on=ends_on,
            description=description,
            target_groups=groups,
            digcomp=digcomp_codes,
            actic=actic_codes,
            schedule=schedule,
            capacity=capacity,
            created_by=actor,
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=activity)
    return activity


def session_plan(
    *,
    actor: User,
    activity: Activity,
    first: date,
    starts_at: time,
    ends_at: time,
    weeks: int = 1,
) -> list[Session]:
    """One session, or the same slot on ``weeks`` consecutive weeks."""
    require_point(actor, activity.point, CommunityPerm.RUN)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The session must end after it starts.")})
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValidationError({"weeks": _("Between 1 and 52 weeks.")})
    with transaction.atomic():
        sessions = Session.objects.bulk_create(
            [
                Session(
                    activity=activity,
                    point_id=activity.point_id,
                    date=first + timedelta(weeks=week),
                    starts_at=starts_at,
                    ends_at=ends_at,
                )
                for week in range(weeks)
            ]
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=activity,
            details={"sessions": len(sessions), "first": first.isoformat()},
        )
    for session in sessions:
        session.activity, session.point = activity, activity.point
    return sessions


def session_cancel(*, actor: User, session: Session) -> Session:
    """A session that will not take place. One with attendance already taken is kept."""
    require_point(actor, session.point, CommunityPerm.RUN)
    if session.attendances.exists():
        raise ValidationError(_("Attendance was taken at this session: it cannot be cancelled."))
    with transaction.atomic():
        Session.objects.filter(pk=session.pk).update(cancelled=True)
        session.cancelled = True
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=session, details={"cancelled": True}
        )
    return session
