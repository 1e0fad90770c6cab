"""Itineraries: a plan per case file agreed with the person, its goals (linked to the
assessed domains), actions, the person's own words and reviews; and the plan templates
per complexity level, stored as data."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from xarxa.core.models import VersionedModel


def _in_language(texts: dict, field: str):
    language = (get_language() or "ca")[:2]
    for code in (language, "ca"):
        value = (texts.get(code) or {}).get(field)
        if value:
            return value
    return ""


class Level(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class PlanTemplate(models.Model):
    """What a plan starts from at one complexity level: how often it is reviewed, which
    domains get a goal, and the first actions. Data, loaded from data/templates.json."""

    code = models.SlugField(max_length=40, unique=True)
    level = models.CharField(max_length=6, choices=Level.choices)
    review_months = models.PositiveSmallIntegerField()
    # Domains at or below this level get a goal one level up (1-5).
    goal_up_to_level = models.PositiveSmallIntegerField(default=2)
    goal_months = models.PositiveSmallIntegerField(default=6)
    texts = models.JSONField(default=dict)  # {lang: {"name", "description"}}
    actions = models.JSONField(default=list)  # [{"who", "due_days", "texts": {lang: text}}]
    active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _in_language(self.texts, "name")

    @property
    def description(self) -> str:
        return _in_language(self.texts, "description")


class PlanStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class Plan(VersionedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("records.CaseFile", on_delete=models.PROTECT, related_name="plans")
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("agreed with"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    template = models.ForeignKey(
        PlanTemplate, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("complexity"), max_length=6, choices=Level.choices)
    status = models.CharField(max_length=6, choices=PlanStatus.choices, default="active")
    person_words = models.TextField(_("what the person wants, in their own words"), blank=True)
    agreed_on = models.DateField(_("agreed on"), default=timezone.localdate)
    next_review_due = models.DateField(_("next review"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="active"),
                name="one_active_plan_per_case",
            )
        ]
        indexes = [models.Index(fields=["status", "next_review_due"])]


class GoalStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")
    DROPPED = "dropped", _("Dropped")


class Goal(VersionedModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    domain = models.ForeignKey(
        "screening.Domain",
        verbose_name=_("domain"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.CharField(_("goal"), max_length=300)
    baseline_level = models.PositiveSmallIntegerField(null=True, blank=True)
    target_level = models.PositiveSmallIntegerField(_("target level"), null=True, blank=True)
    target_on = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_level__isnull=True)
                | models.Q(target_level__gte=1, target_level__lte=5),
                name="goal_target_1_to_5",
            )
        ]


class Who(models.TextChoices):
    PERSON = "person", _("The person")
    PROFESSIONAL = "professional", _("A professional")
    SERVICE = "service", _("Another service")


class ActionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Action(VersionedModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    description = models.CharField(_("action"), max_length=300)
    who = models.CharField(_("who"), max_length=12, choices=Who.choices)
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("professional"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    referral = models.ForeignKey(
        "referrals.Referral",
        verbose_name=_("referral"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=9, choices=ActionStatus.choices, default=ActionStatus.PENDING
    )

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"])]


class Review(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    on = models.DateField(_("review date"))
    what_changed = models.TextField(_("what changed"))
    level = models.CharField(max_length=6, choices=Level.choices)
    next_review_due = models.DateField(_("next review"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-on", "-id"]
