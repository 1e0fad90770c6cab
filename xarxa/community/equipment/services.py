"""Writes about a point's equipment: its connection, devices, loans to participants, and
incidents and needs. Devices, participants and incidents are named by public id and must
belong to the point."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.community.common import choice, find_by_public_id
from xarxa.community.equipment.models import (
    Connection,
    ConnectionKind,
    Device,
    DeviceKind,
    DeviceState,
    Incident,
    IncidentKind,
    Loan,
)
from xarxa.community.participants.models import Participant
from xarxa.community.points.policies import require_point
from xarxa.community.policies import CommunityPerm
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.community.points.models import Point


def _device(point: Point, public_id: object) -> Device:
    return find_by_public_id(Device.objects.filter(point=point), public_id, "device")


def connection_set(
    *, actor: User, point: Point, kind: str, mbps: int | None = None, public_wifi: bool = False
) -> Connection:
    require_point(actor, point, CommunityPerm.MANAGE_POINT)
    choice(kind, ConnectionKind, "kind")
    if mbps is not None and not 0 <= mbps <= 100000:
        raise ValidationError({"mbps": _("Write the speed in Mbit/s.")})
    with transaction.atomic():
        connection, _created = Connection.objects.update_or_create(
            point=point,
            defaults={
                "kind": kind,
                "mbps": mbps,
                "public_wifi": public_wifi,
                "checked_on": timezone.localdate(),
            },
        )
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=connection)
    return connection


def device_add(
    *,
    actor: User,
    point: Point,
    kind: str,
    label: str,
    year: int | None = None,
    loanable: bool = False,
) -> Device:
    require_point(actor, point, CommunityPerm.MANAGE_POINT)
    choice(kind, DeviceKind, "kind")
    if not label.strip():
        raise ValidationError({"label": _("Give the device a name or inventory number.")})
    if year is not None and not 1990 <= year <= timezone.localdate().year:
        raise ValidationError({"year": _("Write the year it was bought.")})
    with transaction.atomic():
        device = Device.objects.create(
            point=point, kind=kind, label=label.strip(), year=year, loanable=loanable
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=device)
    return device


def device_state_set(*, actor: User, point: Point, device: object, state: str) -> Device:
    require_point(actor, point, CommunityPerm.MANAGE_POINT)
    found = _device(point, device)
    choice(state, DeviceState, "state")
    with transaction.atomic():
        Device.objects.filter(pk=found.pk).update(state=state)
        found.state = state
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=found, details={"state": state})
    return found


def loan_start(
    *, actor: User, point: Point, device: object, participant: object, due_on: date
) -> Loan:
    """Lend one of the point's devices to one of its registered participants."""
    require_point(actor, point, CommunityPerm.RUN)
    found = _device(point, device)
    borrower = Participant.objects.filter(point=point, registered=True)
    try:
        person = borrower.get(public_id=str(participant))
    except (Participant.DoesNotExist, ValidationError, ValueError):
        raise ValidationError(
            {"participant": _("Devices are lent only to registered participants of the point.")}
        ) from None
    if not found.loanable or found.state != DeviceState.WORKING:
        raise ValidationError({"device": _("This device cannot be lent now.")})
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The return date cannot be in the past.")})
    if Loan.objects.filter(device=found, returned_on__isnull=True).exists():
        raise ValidationError({"device": _("This device is already lent.")})
    with transaction.atomic():
        loan = Loan.objects.create(device=found, participant=person, due_on=due_on, lent_by=actor)
        audit_record(actor=actor, action=AuditAction.CREATE, obj=loan)
    return loan


def loan_return(*, actor: User, point: Point, device: object) -> Loan:
    """The device named is back at the point."""
    require_point(actor, point, CommunityPerm.RUN)
    found = _device(point, device)
    loan = Loan.objects.filter(device=found, returned_on__isnull=True).first()
    if loan is None:
        raise ValidationError(_("This device is not lent."))
    with transaction.atomic():
        Loan.objects.filter(pk=loan.pk).update(returned_on=timezone.localdate())
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=loan, details={"returned": True})
    return loan


def incident_report(
    *,
    actor: User,
    point: Point,
    kind: str,
    description: str,
    device: object | None = None,
    estimated_cost: int | None = None,
) -> Incident:
    """Something broken or needed at the point (about one of its devices, when named)."""
    require_point(actor, point, CommunityPerm.MANAGE_POINT)
    choice(kind, IncidentKind, "kind")
    if not description.strip():
        raise ValidationError({"description": _("Say what happens or what is needed.")})
    about = _device(point, device) if device else None
    with transaction.atomic():
        incident = Incident.objects.create(
            point=point,
            kind=kind,
            description=description.strip(),
            device=about,
            estimated_cost=estimated_cost,
            reported_by=actor,
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=incident)
    return incident


def incident_resolve(*, actor: User, point: Point, incident: object) -> Incident:
    require_point(actor, point, CommunityPerm.MANAGE_POINT)
    found = find_by_public_id(Incident.objects.filter(point=point), incident, "incident")
    if found.resolved_on:
        raise ValidationError(_("Already resolved."))
    with transaction.atomic():
        Incident.objects.filter(pk=found.pk).update(resolved_on=timezone.localdate())
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=found, details={"resolved": True})
    return found
