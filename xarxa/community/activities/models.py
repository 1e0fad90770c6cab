"""Activities on the three axes and their sessions."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xarxa.community.points.models import Point
from xarxa.core.models import TimeStampedModel


class Axis(models.TextChoices):
    LEARNING = "learning", _("Digital learning")
    LABOUR = "labour", _("Socio-labour insertion")
    COMMUNITY = "community", _("Community action")


class ActivityKind(models.TextChoices):
    COURSE = "course", _("Course")
    WORKSHOP = "workshop", _("Workshop")
    OPEN_ACCESS = "open_access", _("Open free-access time")
    SUPPORT = "support", _("Individual support (online procedure, job search)")
    PROJECT = "project", _("Community project session")


class TargetGroup(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    OLDER = "older", _("Older people")
    UNEMPLOYED = "unemployed", _("Unemployed people")
    YOUNG = "young", _("Young people")
    CHILDREN = "children", _("Children")
    FAMILIES = "families", _("Families")
    WOMEN = "women", _("Women")
    MIGRANTS = "migrants", _("Newly arrived people")


class Activity(TimeStampedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    point = models.ForeignKey(Point, on_delete=models.PROTECT, related_name="activities")
    title = models.CharField(_("title"), max_length=200)
    axis = models.CharField(_("axis"), max_length=10, choices=Axis.choices)
    kind = models.CharField(_("type"), max_length=12, choices=ActivityKind.choices)
    description = models.TextField(_("description"), blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    digcomp = models.JSONField(_("DigComp 2.2 competences"), default=list, blank=True)
    actic = models.JSONField(_("ACTIC competences"), default=list, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    schedule = models.CharField(_("schedule"), max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(_("places"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    project = models.ForeignKey(
        "Project",
        verbose_name=_("community project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )

    class Meta:
        ordering = ["-starts_on", "title"]
        indexes = [models.Index(fields=["point", "starts_on"])]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.title


class Session(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="sessions")
    point = models.ForeignKey(Point, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta:
        ordering = ["date", "starts_at"]
        indexes = [
            models.Index(fields=["point", "date"]),
            models.Index(fields=["date", "activity"]),
        ]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
