"""The network's shared knowledge: the resource library and the news."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xarxa.community.points.models import Point
from xarxa.core.models import TimeStampedModel


class ResourceKind(models.TextChoices):
    MATERIAL = "material", _("Teaching material")
    DESIGN = "design", _("Activity design")
    GUIDE = "guide", _("Guide")


class Resource(TimeStampedModel):
    """A material, activity design or guide shared across the network."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("type"), max_length=10, choices=ResourceKind.choices)
    summary = models.TextField(_("what it is and how to use it"))
    link = models.URLField(_("link"), blank=True)
    axes = models.JSONField(_("axes"), default=list, blank=True)
    digcomp = models.JSONField(_("DigComp 2.2 competences"), default=list, blank=True)
    contributed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    point = models.ForeignKey(
        Point, null=True, blank=True, on_delete=models.SET_NULL, related_name="resources"
    )

    class Meta:
        ordering = ["-created_at"]


class News(models.Model):
    """An announcement from the technical office to every facilitator."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    published_at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_at"]
