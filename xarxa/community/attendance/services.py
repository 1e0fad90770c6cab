"""Attendance: ticking participants present, walk-ins, and the figures' tallies, kept in
the same transaction (``figures_rebuild`` recomputes them from the attendance)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from xarxa.community.activities.models import Session
from xarxa.community.attendance.models import Attendance, ParticipantYear, UseMonth
from xarxa.community.participants.models import Participant
from xarxa.community.participants.services import participant_add
from xarxa.community.points.policies import require_point
from xarxa.community.policies import CommunityPerm
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.validators import check_event_date

if TYPE_CHECKING:
    from xarxa.accounts.models import User


def _tally(session: Session, participant: Participant, step: int) -> None:
    axis = session.activity.axis
    entity_id = session.point.managing_entity_id
    uses = f"uses_{axis}"
    year_row, _created = ParticipantYear.objects.get_or_create(
        participant=participant,
        point_id=session.point_id,
        year=session.date.year,
        defaults={
            "entity_id": entity_id,
            "gender": participant.gender,
            "age_band": participant.age_band,
            "origin": participant.origin,
            "situation": participant.situation,
        },
    )
    ParticipantYear.objects.filter(pk=year_row.pk).update(**{uses: F(uses) + step})
    month_row, _created = UseMonth.objects.get_or_create(
        point_id=session.point_id,
        month=session.date.replace(day=1),
        axis=axis,
        gender=participant.gender,
        defaults={"entity_id": entity_id},
    )
    UseMonth.objects.filter(pk=month_row.pk).update(uses=F("uses") + step)
    if step < 0:
        ParticipantYear.objects.filter(
            pk=year_row.pk, uses_learning=0, uses_labour=0, uses_community=0
        ).delete()
        UseMonth.objects.filter(pk=month_row.pk, uses=0).delete()


def attendance_mark(
    *,
    actor: User,
    session: Session,
    participant: Participant,
    present: bool,
    walk_in: bool = False,
) -> bool:
    """Tick or untick one participant. Returns whether they are now marked present."""
    require_point(actor, session.point, CommunityPerm.RUN)
    if participant.point_id != session.point_id:
        raise ValidationError(_("The participant belongs to another point."))
    if session.cancelled:
        raise ValidationError(_("This session was cancelled."))
    if present:  # nobody attends a session that has not happened yet
        check_event_date(session.date, field="session")
    with transaction.atomic():
        existing = Attendance.objects.select_for_update().filter(
            session=session, participant=participant
        )
        if present and not existing.exists():
            Attendance.objects.create(
                session=session, participant=participant, walk_in=walk_in, recorded_by=actor
            )
            _tally(session, participant, +1)
        elif not present and existing.exists():
            existing.delete()
            _tally(session, participant, -1)
        else:
            return present
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE if present else AuditAction.DELETE,
            obj=session,
            details={"participant": participant.pk, "present": present},
        )
    return present


def walk_in_add(
    *, actor: User, session: Session, registered: bool = False, **data: Any
) -> Participant:
    """Someone who came without enrolling: a new participant (anonymous unless they agree
    to be registered), marked present at once."""
    require_point(actor, session.point, CommunityPerm.RUN)
    if session.cancelled:
        raise ValidationError(_("This session was cancelled."))
    with transaction.atomic():
        participant = participant_add(
            actor=actor, point=session.point, registered=registered, **data
        )
        attendance_mark(
            actor=actor, session=session, participant=participant, present=True, walk_in=True
        )
    return participant


def figures_rebuild(point_ids: Iterable[int] | None = None) -> int:
    """Recompute the tallies from the attendance (after a bulk load, or to check them)."""
    years = ParticipantYear.objects.all()
    months = UseMonth.objects.all()
    rows = Attendance.objects.all()
    if point_ids is not None:
        years, months = years.filter(point_id__in=point_ids), months.filter(point_id__in=point_ids)
        rows = rows.filter(session__point_id__in=point_ids)
    per_year: dict[tuple[int, int, int], dict[str, int]] = defaultdict(
        lambda: {"learning": 0, "labour": 0, "community": 0}
    )
    per_month: dict[tuple[int, date, str, str], int] = defaultdict(int)
    profile: dict[int, tuple[str, str, str, str]] = {}
    entity: dict[int, int] = {}
    for pid, point_id, entity_id, day, axis, g, a, o, s in rows.values_list(
        "participant_id",
        "session__point_id",
        "session__point__managing_entity_id",
        "session__date",
        "session__activity__axis",
        "participant__gender",
        "participant__age_band",
        "participant__origin",
        "participant__situation",
    ).iterator(chunk_size=5000):
        per_year[(pid, point_id, day.year)][axis] += 1
        per_month[(point_id, day.replace(day=1), axis, g)] += 1
        profile[pid] = (g, a, o, s)
        entity[point_id] = entity_id
    with transaction.atomic():
        years.delete()
        months.delete()
        ParticipantYear.objects.bulk_create(
            [
                ParticipantYear(
                    participant_id=pid,
                    point_id=point_id,
                    entity_id=entity[point_id],
                    year=year,
                    gender=profile[pid][0],
                    age_band=profile[pid][1],
                    origin=profile[pid][2],
                    situation=profile[pid][3],
                    uses_learning=uses["learning"],
                    uses_labour=uses["labour"],
                    uses_community=uses["community"],
                )
                for (pid, point_id, year), uses in per_year.items()
            ],
            batch_size=2000,
        )
        UseMonth.objects.bulk_create(
            [
                UseMonth(
                    point_id=point_id,
                    entity_id=entity[point_id],
                    month=month,
                    axis=axis,
                    gender=g,
                    uses=n,
                )
                for (point_id, month, axis, g), n in per_month.items()
            ],
            batch_size=2000,
        )
    return len(per_year)
