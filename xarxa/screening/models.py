"""Assessment instruments as versioned data (domains, levels and their descriptions in
Catalan, Spanish and English), assessments of persons, and the versioned rule that
derives a complexity level from a finalised assessment."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from xarxa.core.models import VersionedModel


def _in_language(texts: dict, field: str) -> str:
    language = (get_language() or "ca")[:2]
    for code in (language, "ca"):
        value = (texts.get(code) or {}).get(field)
        if value:
            return value
    return ""


class Instrument(models.Model):
    """One version of an instrument. A new version is a new row: past assessments keep
    pointing at the version they were made with."""

    code = models.SlugField(max_length=40)
    version = models.CharField(max_length=20)
    texts = models.JSONField(default=dict)  # {lang: {"name": ..., "note": ...}}
    provisional = models.BooleanField(
        default=False, help_text=_("Labels not yet checked against the official source.")
    )
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="one_instrument_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"

    @property
    def name(self) -> str:
        return _in_language(self.texts, "name")


class Domain(models.Model):
    """A domain of an instrument, scored 1 (acute crisis) to 5 (fully self-sufficient)
    or "not assessed / not applicable"."""

    class Group(models.TextChoices):
        CORE = "core", _("Every assessment")
        PARENTING = "parenting", _("When the person has children in their care")

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="domains")
    code = models.SlugField(max_length=40)
    order = models.PositiveSmallIntegerField()
    group = models.CharField(max_length=10, choices=Group.choices, default=Group.CORE)
    texts = models.JSONField(default=dict)  # {lang: {"name": ..., "levels": {"1": ...}}}

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="one_domain_code")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _in_language(self.texts, "name")

    def level_text(self, level: int) -> str:
        language = (get_language() or "ca")[:2]
        for code in (language, "ca"):
            value = ((self.texts.get(code) or {}).get("levels") or {}).get(str(level))
            if value:
                return value
        return ""


class Context(models.TextChoices):
    INTAKE = "intake", _("Intake")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSURE = "closure", _("Closure")


class Assessment(VersionedModel):
    """A draft may be incomplete; a finalised assessment is never edited: a correction
    is a new assessment that references it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINAL = "final", _("Finalised")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="assessments"
    )
    case = models.ForeignKey(
        "records.CaseFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    context = models.CharField(max_length=10, choices=Context.choices, default=Context.INTAKE)
    assessed_on = models.DateField(default=timezone.localdate)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    with_parenting = models.BooleanField(_("the person has children in their care"), default=False)
    # The parenting domains are about the household the children live in, as it was then.
    household = models.ForeignKey(
        "people.Household", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=5, choices=Status.choices, default=Status.DRAFT)
    finalised_at = models.DateTimeField(null=True, blank=True)
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )


class Score(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(null=True, blank=True)  # 1..5
    not_assessed = models.BooleanField(default=False)
    justification = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="one_score_per_domain"),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__gte=1, level__lte=5),
                name="score_level_1_to_5",
            ),
        ]


class ComplexityRule(models.Model):
    """How a complexity level follows from a finalised assessment: data, versioned.
    No official cut-offs are published (see the rationale): this is a local rule."""

    code = models.SlugField(max_length=40)
    version = models.PositiveSmallIntegerField()
    definition = models.JSONField()  # see screening.complexity.classify
    texts = models.JSONField(default=dict)  # {lang: {"rationale": ...}}
    active = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="one_rule_version")]


class Classification(models.Model):
    """The complexity a rule version gave a finalised assessment, kept as it was."""

    class Level(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="classifications"
    )
    rule = models.ForeignKey(ComplexityRule, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=6, choices=Level.choices)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "rule"], name="one_class_per_rule")
        ]


class TsoRecord(models.Model):
    """The TSO social-risk scale for people over 65, applied outside Xarxa: only its
    result is kept. The scale itself may not be reproduced digitally without its
    authors' permission, so no item of it is stored or shown."""

    class Risk(models.TextChoices):
        NONE = "none", _("No social risk")
        RISK = "risk", _("Social risk")
        HIGH = "high", _("High social risk")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))
    risk = models.CharField(_("risk level"), max_length=5, choices=Risk.choices)
    applied_on = models.DateField(_("applied on"))
    applied_by = models.CharField(_("applied by"), max_length=150)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-applied_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(score__lte=100), name="tso_score_range")
        ]


class DependencyRecord(models.Model):
    """One step of a person's dependency procedure (Llei 39/2006): each change is a new
    row, so the history stays. Grade I moderate, II severe, III great dependency."""

    class Grade(models.TextChoices):
        PENDING = "", _("Not yet resolved")
        NONE = "none", _("No dependency")
        I = "1", _("Grade I (moderate)")  # noqa: E741
        II = "2", _("Grade II (severe)")
        III = "3", _("Grade III (great dependency)")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(_("grade"), max_length=4, choices=Grade.choices, blank=True)
    applied_on = models.DateField(_("application date"))
    assessed_on = models.DateField(_("assessment date"), null=True, blank=True)
    resolved_on = models.DateField(_("resolution date"), null=True, blank=True)
    pia_on = models.DateField(_("care programme (PIA) agreed on"), null=True, blank=True)
    pia_summary = models.CharField(_("care programme (PIA)"), max_length=300, blank=True)
    review_on = models.DateField(_("next review"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]
