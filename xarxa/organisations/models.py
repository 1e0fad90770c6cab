"""Bodies that deliver services, and the teams inside them."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from xarxa.core.models import ValidityPeriod


class OrganisationKind(models.TextChoices):
    CONSORTIUM = "consortium", _("Consortium")
    COMARCAL_COUNCIL = "comarcal_council", _("Comarcal council")
    TOWN_COUNCIL = "town_council", _("Town council")
    MANCOMUNITAT = "mancomunitat", _("Mancomunitat")
    REGIONAL_GOVERNMENT = "regional_government", _("Regional government")
    THIRD_SECTOR = "third_sector", _("Third-sector entity")
    HEALTH_CENTRE = "health_centre", _("Health centre")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    municipality = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    abss = models.ForeignKey(
        "territory.Abss",
        verbose_name=_("ABSS it is responsible for"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    manages_omnia_points = models.BooleanField(_("manages Òmnia points"), default=False)
    is_reference_data = models.BooleanField(
        _("reference data"),
        default=False,
        help_text=_("A real public body loaded with the territory, not demo data."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.short_name or self.name


class TeamKind(models.TextChoices):
    BASIC_SOCIAL_SERVICES = "basic", _("Basic social-services team")
    SPECIALISED_SERVICE = "specialised", _("Specialised service")
    OMNIA = "omnia", _("Òmnia point team")
    TECHNICAL_OFFICE = "technical_office", _("Òmnia technical office")
    MANAGEMENT = "management", _("Management")
    EVALUATION = "evaluation", _("Evaluation")
    DATA_PROTECTION = "data_protection", _("Data protection")
    IT = "it", _("Information systems")


class Team(ValidityPeriod):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="teams"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=TeamKind.choices)
    abss = models.ForeignKey(
        "territory.Abss",
        verbose_name=_("ABSS served"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="teams",
    )

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name")
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})"
