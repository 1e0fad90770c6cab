"""The territory's services, each described once: what it offers, to whom, where, how to
reach it, and when its owner last checked the entry.

Descriptions are kept per language (Catalan first; Spanish and English where written)
so the public directory speaks the reader's language. Identifiers are UUIDs, as the
Open Referral HSDS exchange format wants them.
"""

import uuid
from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from xarxa.records.models import Sensitivity

SENSITIVITY_CHOICES = Sensitivity.choices
TEXT_FIELDS = ("name", "description", "eligibility", "application", "referral", "fees")
LANGUAGES = ("ca", "es", "en")


class ServiceKind(models.TextChoices):
    BASIC = "basic", _("Basic social services")
    HOME_CARE = "home_care", _("Home care")
    TELECARE = "telecare", _("Telecare")
    SUPPORT_PRODUCTS = "support_products", _("Occupational therapy and support products")
    CHILDREN_FAMILIES = "children_families", _("Children, adolescents and families")
    WOMEN = "women", _("Women and gender violence")
    LGBTI = "lgbti", _("LGBTI")
    HOUSING = "housing", _("Housing and homelessness")
    ACTIVE_AGEING = "active_ageing", _("Active ageing")
    LABOUR = "labour", _("Work and labour inclusion")
    BENEFITS = "benefits", _("Economic benefits")
    DIGITAL = "digital", _("Digital inclusion")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    COMMUNITY = "community", _("Community entities")


class Public(models.TextChoices):
    """Who a service is for (a service may serve several)."""

    EVERYONE = "everyone", _("Everyone")
    CHILDREN = "children", _("Children and adolescents")
    YOUNG = "young", _("Young people")
    FAMILIES = "families", _("Families")
    OLDER = "older", _("Older people")
    DEPENDENCY = "dependency", _("People with dependency or disability")
    WOMEN = "women", _("Women")
    LGBTI = "lgbti", _("LGBTI people")
    HOMELESS = "homeless", _("Homeless people")
    UNEMPLOYED = "unemployed", _("Unemployed people")
    MIGRANTS = "migrants", _("Newly arrived people")


class Confidentiality(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary")
    RESTRICTED = "restricted", _("Restricted (special-category data)")


class ServiceStatus(models.TextChoices):
    """HSDS 3.0 service statuses."""

    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")
    DEFUNCT = "defunct", _("Defunct")


class Service(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(_("code"), max_length=80, unique=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ServiceKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    # {"ca": {"name": ..., "description": ..., "eligibility": ..., "application": ...,
    #         "referral": ..., "fees": ...}, "es": {...}, "en": {...}}
    texts = models.JSONField(default=dict)
    publics = models.JSONField(_("for whom"), default=list)  # Public values
    needs = models.JSONField(_("needs it answers"), default=list)  # records.problems GROUPS
    areas = models.ManyToManyField(
        "territory.Municipality", verbose_name=_("service area"), related_name="services"
    )
    languages = models.JSONField(_("languages"), default=list)  # ISO 639-1 codes
    documents = models.JSONField(_("documents needed"), default=list)  # strings, Catalan
    accessibility = models.CharField(_("accessibility"), max_length=300, blank=True)
    # [{"days": ["MO", ...], "opens": "09:00", "closes": "14:00"}]
    hours = models.JSONField(_("opening hours"), default=list)
    fee_amount = models.DecimalField(
        _("fee (EUR)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    # The service's own deadlines for referrals: the answer (working days from sending)
    # and, once accepted, the first appointment (calendar days; none when places are
    # given from a waiting list).
    answer_within = models.PositiveSmallIntegerField(
        _("answer referrals within (working days)"), default=10
    )
    first_appointment_within = models.PositiveSmallIntegerField(
        _("first appointment within (days after accepting)"), null=True, blank=True
    )
    guaranteed = models.BooleanField(_("guaranteed by the catalogue"), default=False)
    confidentiality = models.CharField(
        _("confidentiality of referrals"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.ORDINARY,
    )
    # The special category of personal data this service works with (records.Sensitivity
    # values: SIAD gender violence, SAI sexual orientation and gender identity, mental
    # health and addictions health, EAIA minors). Its team reads entries of that category
    # on the cases referred to it; a referral to a restricted service carries it.
    special_category = models.CharField(
        _("special category it works with"),
        max_length=20,
        choices=[(value, label) for value, label in SENSITIVITY_CHOICES if value],
        blank=True,
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    url = models.URLField(_("web page"), blank=True)
    contact_public = models.BooleanField(_("contact shown to the public"), default=False)
    owner_team = models.ForeignKey(
        "organisations.Team",
        verbose_name=_("team that keeps it up to date"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="catalogue_entries",
    )
    review_every_days = models.PositiveSmallIntegerField(_("review every (days)"), default=180)
    reviewed_on = models.DateField(_("last reviewed on"), default=timezone.localdate)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    # Not stored: the people waiting, computed from the waiting list by the selectors
    # (``selectors.with_waiting``) for one reader; None when hidden as a small cell.
    waiting: int | None = None
    waiting_hidden: bool = False

    class Meta:
        ordering = ["code"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [models.Index(fields=["kind", "status"])]

    def __str__(self) -> str:
        return self.text("name")

    def text(self, field: str, language: str | None = None) -> str:
        """The text in the reader's language, else in Catalan (always written)."""
        language = (language or get_language() or "ca")[:2]
        for code in (language, "ca"):
            value = self.texts.get(code, {}).get(field)
            if value:
                return value
        return ""

    @property
    def name(self) -> str:
        return self.text("name")

    @property
    def description(self) -> str:
        return self.text("description")

    @property
    def due_on(self):
        return self.reviewed_on + timedelta(days=self.review_every_days)

    @property
    def is_stale(self) -> bool:
        return self.due_on < timezone.localdate()


class ServiceLocation(models.Model):
    """Where a service is delivered (an office, a centre; or a virtual place)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    municipality = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    virtual = models.BooleanField(_("virtual"), default=False)
    link_public_id = models.UUIDField(default=uuid.uuid4, editable=False)  # HSDS link row

    class Meta:
        ordering = ["id"]
        verbose_name = _("service location")
        verbose_name_plural = _("service locations")

    def __str__(self) -> str:
        return self.name
