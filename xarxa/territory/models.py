"""Geography and basic social-services areas, with dated memberships: boundaries change."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from xarxa.core.models import ValidityPeriod


class Province(models.TextChoices):
    BARCELONA = "08", "Barcelona"
    GIRONA = "17", "Girona"
    LLEIDA = "25", "Lleida"
    TARRAGONA = "43", "Tarragona"


class SourceNote(models.Model):
    """Where a fact comes from, and whether it was verified against a primary source."""

    verified = models.BooleanField(_("verified"), default=True)
    source_note = models.TextField(_("source or caveat"), blank=True)

    class Meta:
        abstract = True


class Comarca(SourceNote):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    created_on = models.DateField(_("created on"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("comarca")
        verbose_name_plural = _("comarques")

    def __str__(self):
        return self.name


class Municipality(SourceNote):
    ine_code = models.CharField(_("INE code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)
    province = models.CharField(_("province"), max_length=2, choices=Province.choices)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


class Abss(SourceNote):
    """Àrea Bàsica de Serveis Socials: the unit that provides basic social services."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        ordering = ["name"]
        verbose_name = _("basic social-services area (ABSS)")
        verbose_name_plural = _("basic social-services areas (ABSS)")

    def __str__(self):
        return self.name


class ComarcaMembership(ValidityPeriod, SourceNote):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="comarca_memberships"
    )
    comarca = models.ForeignKey(Comarca, on_delete=models.PROTECT, related_name="memberships")

    class Meta:
        ordering = ["municipality__name", "valid_from"]
        verbose_name = _("comarca membership")
        verbose_name_plural = _("comarca memberships")


class AbssMembership(ValidityPeriod, SourceNote):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="abss_memberships"
    )
    abss = models.ForeignKey(Abss, on_delete=models.PROTECT, related_name="memberships")

    class Meta:
        ordering = ["municipality__name", "valid_from"]
        verbose_name = _("ABSS membership")
        verbose_name_plural = _("ABSS memberships")
