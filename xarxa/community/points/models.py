"""A point's profile on top of its team, and where and when a mobile point stops.

Facilitators are not stored here: they are the staff holding a dated Òmnia-facilitator
assignment in the point's team (``accounts.Assignment``)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from xarxa.core.models import ValidityPeriod, VersionedModel


class PointKind(models.TextChoices):
    OMNIA = "omnia", _("Punt Òmnia")
    ACTIVAT = "activat", _("Espai Activa't")
    CIVIC = "civic", _("Civic centre")
    COMMUNITY = "community", _("Community centre")
    MOBILE = "mobile", _("Mobile (itinerant) point")


class Point(VersionedModel):
    """A Punt Òmnia or another community space, on top of the team that runs it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.OneToOneField(
        "organisations.Team",
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        related_name="community_point",
    )
    kind = models.CharField(_("type"), max_length=12, choices=PointKind.choices)
    name = models.CharField(_("name"), max_length=200)
    managing_entity = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("managing entity"),
        on_delete=models.PROTECT,
        related_name="community_points",
    )
    municipality = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="community_points",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True)
    accessibility = models.CharField(
        _("accessibility"),
        max_length=500,
        blank=True,
        help_text=_("Step-free entrance, accessible toilet, hearing loop, accessibility kit…"),
    )
    step_free = models.BooleanField(_("step-free access"), default=False)
    description = models.TextField(_("public description"), blank=True)
    active = models.BooleanField(_("open"), default=True)

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("point")
        verbose_name_plural = _("points")

    def __str__(self):
        return self.name


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Stop(ValidityPeriod):
    """Where and when a mobile point stops: its schedule across municipalities."""

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="stops")
    municipality = models.ForeignKey(
        "territory.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT
    )
    place = models.CharField(_("place"), max_length=200)
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("to"))

    class Meta:
        ordering = ["weekday", "starts_at"]
