"""A point's connection, devices, loans, and incidents and needs."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xarxa.community.participants.models import Participant
from xarxa.community.points.models import Point


class ConnectionKind(models.TextChoices):
    FIBRE = "fibre", _("Fibre")
    ADSL = "adsl", _("ADSL or cable")
    MOBILE = "mobile", _("Mobile (4G/5G)")
    SATELLITE = "satellite", _("Satellite")
    NONE = "none", _("No connection")


class Connection(models.Model):
    """A point's internet connection as it is now."""

    point = models.OneToOneField(Point, on_delete=models.CASCADE, related_name="connection")
    kind = models.CharField(_("connection"), max_length=10, choices=ConnectionKind.choices)
    mbps = models.PositiveIntegerField(_("speed (Mbit/s)"), null=True, blank=True)
    public_wifi = models.BooleanField(_("Wi-Fi for participants"), default=False)
    checked_on = models.DateField(_("checked on"), default=timezone.localdate)


class DeviceKind(models.TextChoices):
    DESKTOP = "desktop", _("Desktop computer")
    LAPTOP = "laptop", _("Laptop")
    TABLET = "tablet", _("Tablet")
    PHONE = "phone", _("Mobile phone")
    PRINTER = "printer", _("Printer or scanner")
    PROJECTOR = "projector", _("Projector or screen")
    ACCESSIBILITY = "accessibility", _("Accessibility kit")


class DeviceState(models.TextChoices):
    WORKING = "working", _("Working")
    REPAIR = "repair", _("Needs repair")
    BROKEN = "broken", _("Broken")
    RETIRED = "retired", _("Retired")


class Device(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    point = models.ForeignKey(Point, on_delete=models.PROTECT, related_name="devices")
    kind = models.CharField(_("type"), max_length=14, choices=DeviceKind.choices)
    label = models.CharField(_("name or inventory number"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=8, choices=DeviceState.choices, default=DeviceState.WORKING
    )
    loanable = models.BooleanField(_("can be lent to participants"), default=False)

    class Meta:
        ordering = ["kind", "label"]


class Loan(models.Model):
    device = models.ForeignKey(Device, on_delete=models.PROTECT, related_name="loans")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="loans")
    lent_on = models.DateField(_("lent on"), default=timezone.localdate)
    due_on = models.DateField(_("due back on"))
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    lent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-lent_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["device"],
                condition=models.Q(returned_on__isnull=True),
                name="one_open_loan_per_device",
            )
        ]


class IncidentKind(models.TextChoices):
    INCIDENT = "incident", _("Incident")
    NEED = "need", _("Need (for investment)")


class Incident(models.Model):
    """Something broken, or something the point needs: the technical office plans
    investment from these."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    point = models.ForeignKey(Point, on_delete=models.PROTECT, related_name="incidents")
    device = models.ForeignKey(
        Device, null=True, blank=True, on_delete=models.PROTECT, related_name="incidents"
    )
    kind = models.CharField(_("type"), max_length=8, choices=IncidentKind.choices)
    description = models.CharField(_("what happens or what is needed"), max_length=500)
    estimated_cost = models.PositiveIntegerField(_("estimated cost (€)"), null=True, blank=True)
    reported_on = models.DateField(default=timezone.localdate)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)

    class Meta:
        ordering = ["resolved_on", "-reported_on"]
