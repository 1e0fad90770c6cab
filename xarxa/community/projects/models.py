"""Community projects."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xarxa.community.points.models import Point
from xarxa.core.models import TimeStampedModel


class Framework(models.TextChoices):
    NONE = "", _("None")
    PLACI = "placi", _("PLACI (local plan for inclusive community action)")
    ISOLATION = "isolation", _("Comunitats contra l'aïllament")
    ROMA = "roma", _("Pla integral del poble gitano")
    OTHER = "other", _("Another plan or programme")


class Project(TimeStampedModel):
    """Project-based community intervention: goals, partners, linked activities and
    results, within a programme's framework when there is one."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    point = models.ForeignKey(Point, on_delete=models.PROTECT, related_name="projects")
    title = models.CharField(_("title"), max_length=200)
    framework = models.CharField(
        _("framework"), max_length=10, choices=Framework.choices, blank=True, default=""
    )
    goals = models.TextField(_("goals"))
    partners = models.TextField(
        _("partners"), blank=True, help_text=_("Local entities, schools, services: one per line.")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    results = models.TextField(_("results"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "title"]

    @property
    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]
