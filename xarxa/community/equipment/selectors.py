"""Protected reads about equipment: one point's, and the open needs across the points in
reach."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch

from xarxa.community.common import audit_names
from xarxa.community.equipment.models import (
    Connection,
    Device,
    DeviceKind,
    DeviceState,
    Incident,
    Loan,
)
from xarxa.community.participants.models import Participant
from xarxa.community.points.policies import may_on_point, require_point
from xarxa.community.points.selectors import points_in_reach
from xarxa.community.policies import CommunityPerm
from xarxa.core.policies import check_perm

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.community.points.models import Point


@dataclass
class Equipment:
    point: Point
    connection: Connection | None
    devices: list[Any]  # Device with .open_loan (or None) and .lent
    incidents: list[Incident]
    loanable: list[Device]
    borrowers: list[Participant]


def equipment_for(user: User, point: Point) -> Equipment:
    """A point's connection, devices (with who has each one lent, for those who run the
    point), and incidents and needs."""
    require_point(user, point, CommunityPerm.VIEW)
    runs = may_on_point(user, CommunityPerm.RUN, point)
    open_loans = Loan.objects.filter(returned_on__isnull=True).select_related("participant")
    devices: list[Any] = list(
        Device.objects.filter(point=point).prefetch_related(
            Prefetch("loans", queryset=open_loans, to_attr="open_loans")
        )
    )
    for device in devices:
        device.open_loan = device.open_loans[0] if device.open_loans and runs else None
        device.lent = bool(device.open_loans)
    borrowers: list[Participant] = []
    if runs:
        borrowers = list(
            Participant.objects.filter(point=point, registered=True).order_by("last_name")[:300]
        )
        lent_to = [d.open_loan.participant for d in devices if d.open_loan]
        audit_names(user, lent_to + borrowers, point)
    return Equipment(
        point=point,
        connection=Connection.objects.filter(point=point).first(),
        devices=devices,
        incidents=list(Incident.objects.filter(point=point).select_related("device", "point")),
        loanable=[
            d for d in devices if d.loanable and d.state == DeviceState.WORKING and not d.lent
        ],
        borrowers=borrowers,
    )


@dataclass
class DeviceCount:
    kind: str
    state: str
    n: int


def needs_for(user: User) -> tuple[list[Incident], list[DeviceCount]]:
    """For the technical office and the managing entities: open incidents and needs, and
    devices by state, across the points in reach."""
    check_perm(user, CommunityPerm.VIEW)
    points = points_in_reach(user)
    incidents = (
        Incident.objects.filter(point__in=points, resolved_on__isnull=True)
        .select_related("point__municipality", "device")
        .order_by("-reported_on")[:300]
    )
    states = (
        Device.objects.filter(point__in=points)
        .values("kind", "state")
        .annotate(n=Count("id"))
        .order_by("kind", "state")
    )
    labelled = [
        DeviceCount(str(DeviceKind(s["kind"]).label), str(DeviceState(s["state"]).label), s["n"])
        for s in states
    ]
    return list(incidents), labelled
