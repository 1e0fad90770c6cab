"""Writes about points: their profile and a mobile point's stops."""

from __future__ import annotations

from datetime import time, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.community.common import choice
from xarxa.community.points.models import Point, PointKind, Stop, Weekday
from xarxa.community.points.policies import require_entity, require_point
from xarxa.community.policies import CommunityPerm
from xarxa.core.audit import audit_record
from xarxa.core.concurrency import save_versioned
from xarxa.core.models import AuditAction
from xarxa.territory.models import Municipality
from xarxa.territory.selectors import municipality_of

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.organisations.models import Organisation, Team

POINT_FIELDS = [
    "kind",
    "name",
    "address",
    "opening_hours",
    "accessibility",
    "step_free",
    "description",
    "active",
]


def point_create(
    *,
    actor: User | None,
    team: Team,
    kind: str = PointKind.OMNIA,
    municipality: Municipality,
    managing_entity: Organisation | None = None,
    **profile: Any,
) -> Point:
    """The profile of a point on top of an existing team (the technical office, or the
    entity that runs the team)."""
    entity = managing_entity or team.organisation
    if actor is not None:  # None: loading reference or demo data
        require_entity(actor, entity, what=f"community.point:new:{team.pk}")
    choice(kind, PointKind, "kind")
    if Point.objects.filter(team=team).exists():
        raise ValidationError({"team": _("This team already has a point profile.")})
    with transaction.atomic():
        point = Point.objects.create(
            team=team,
            kind=kind,
            name=profile.pop("name", "") or team.name,
            managing_entity=entity,
            municipality=municipality,
            **{k: v for k, v in profile.items() if k in POINT_FIELDS},
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=point)
    return point


def point_update(
    *, actor: User, point: Point, data: dict[str, Any], expected_version: int
) -> Point:
    require_point(actor, point, CommunityPerm.MANAGE_POINT)
    if "kind" in data:
        choice(data["kind"], PointKind, "kind")
    if "name" in data and not str(data["name"]).strip():
        raise ValidationError({"name": _("The point needs a name.")})
    original = {name: getattr(point, name) for name in POINT_FIELDS}
    fields = [name for name in POINT_FIELDS if name in data]
    for name in fields:
        setattr(point, name, data[name])
    with transaction.atomic():
        save_versioned(point, expected_version=expected_version, fields=fields, original=original)
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=point, details={"fields": fields})
    return point


def stop_add(
    *,
    actor: User,
    point: Point,
    municipality: Municipality | str,
    place: str,
    weekday: int,
    starts_at: time,
    ends_at: time,
) -> Stop:
    """A new stop of a mobile point; ``municipality`` is one or its INE code."""
    require_point(actor, point, CommunityPerm.MANAGE_POINT)
    errors = {}
    if point.kind != PointKind.MOBILE:
        errors["place"] = _("Only a mobile point has a schedule of stops.")
    if not place.strip():
        errors["place"] = _("Say where it stops.")
    if weekday not in Weekday.values:
        errors["weekday"] = _("Choose one of the options offered.")
    if ends_at <= starts_at:
        errors["ends_at"] = _("The stop must end after it starts.")
    if errors:
        raise ValidationError(errors)
    where = municipality_of(municipality)
    if where is None:  # a stop is always somewhere
        raise ValidationError({"municipality": _("Choose one of the options offered.")})
    with transaction.atomic():
        stop = Stop.objects.create(
            point=point,
            municipality=where,
            place=place.strip(),
            weekday=weekday,
            starts_at=starts_at,
            ends_at=ends_at,
            valid_from=timezone.localdate(),
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=stop)
    return stop


def stop_end(*, actor: User, point: Point, stop_id: int | str) -> Stop:
    """The point no longer stops there: one of ``point``'s stops, by its id."""
    require_point(actor, point, CommunityPerm.MANAGE_POINT)
    today = timezone.localdate()
    key = int(stop_id) if str(stop_id).isdigit() else 0
    stop = Stop.objects.filter(point=point, pk=key).first()
    if stop is None:
        raise ValidationError({"stop": _("Choose one of the options offered.")})
    with transaction.atomic():
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=stop, details={"ended": True})
        if stop.valid_from and stop.valid_from >= today:  # added today: it never ran
            Stop.objects.filter(pk=stop.pk).delete()
        else:  # kept as history: it stopped there until yesterday
            Stop.objects.filter(pk=stop.pk).update(valid_until=today - timedelta(days=1))
    return stop
