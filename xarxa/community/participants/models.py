"""Participants (registered with consent, or anonymous), their enrolments and their
path: self-assessments, ACTIC results and outcomes."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xarxa.community.activities.models import Activity
from xarxa.community.competences import ActicLevel
from xarxa.community.points.models import Point
from xarxa.core.models import TimeStampedModel


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    NOT_STATED = "not_stated", _("Not stated")


class AgeBand(models.TextChoices):
    UNDER_16 = "u16", _("Under 16")
    FROM_16 = "16_29", _("16 to 29")
    FROM_30 = "30_44", _("30 to 44")
    FROM_45 = "45_64", _("45 to 64")
    FROM_65 = "65", _("65 or over")
    NOT_STATED = "not_stated", _("Not stated")


class Origin(models.TextChoices):
    SPAIN = "spain", _("Born in Spain")
    EU = "eu", _("Born elsewhere in the EU")
    NON_EU = "non_eu", _("Born outside the EU")
    NOT_STATED = "not_stated", _("Not stated")


class Situation(models.TextChoices):
    UNEMPLOYED = "unemployed", _("Unemployed")
    EMPLOYED = "employed", _("Employed")
    RETIRED = "retired", _("Retired")
    STUDENT = "student", _("Studying")
    FAMILY = "family", _("Caring for a family")
    OTHER = "other", _("Other")
    NOT_STATED = "not_stated", _("Not stated")


class Participant(TimeStampedModel):
    """Registered (name and contact, with consent) or anonymous (only what the figures
    need). The link to a person of the social record is made only through the people
    app's selectors, by someone who may read that person."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    point = models.ForeignKey(Point, on_delete=models.PROTECT, related_name="participants")
    registered = models.BooleanField(_("registered"), default=False)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("surnames"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    consent_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices)
    age_band = models.CharField(_("age band"), max_length=12, choices=AgeBand.choices)
    origin = models.CharField(
        _("origin"), max_length=12, choices=Origin.choices, default=Origin.NOT_STATED
    )
    situation = models.CharField(_("situation"), max_length=12, choices=Situation.choices)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Digital divides seen by the facilitator (None: not assessed): first level, access to
    # a device and a connection; second, skills and use; third, getting outcomes from use.
    divide_access = models.BooleanField(_("no device or connection of their own"), null=True)
    divide_use = models.BooleanField(_("lacks the skills to use them"), null=True)
    divide_outcomes = models.BooleanField(
        _("does not get what they need online (procedures, work, services)"), null=True
    )

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(registered=False) | models.Q(consent_on__isnull=False),
                name="registered_participant_has_consent",
            ),
            models.CheckConstraint(
                condition=models.Q(registered=True)
                | models.Q(first_name="", last_name="", phone="", email=""),
                name="anonymous_participant_has_no_identity",
            ),
        ]

    @property
    def display_name(self) -> str:
        if self.registered:
            return f"{self.first_name} {self.last_name}".strip()
        return str(_("Anonymous participant"))


class Enrolment(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="enrolments")
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="enrolments"
    )
    enrolled_on = models.DateField(default=timezone.localdate)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "participant"], name="one_enrolment")
        ]


class Moment(models.TextChoices):
    BEFORE = "before", _("Before")
    AFTER = "after", _("After")


class SelfAssessment(models.Model):
    """The DigComp self-assessment (the screening app's instrument, its domains and level
    texts) answered by a participant before or after an activity."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="self_assessments"
    )
    instrument = models.ForeignKey(
        "screening.Instrument", on_delete=models.PROTECT, related_name="+"
    )
    moment = models.CharField(_("moment"), max_length=6, choices=Moment.choices)
    assessed_on = models.DateField(_("date"), default=timezone.localdate)
    scores = models.JSONField(default=dict)  # domain code -> level 1..5
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["assessed_on", "pk"]


class ActicResult(models.Model):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="actic_results"
    )
    level = models.CharField(_("ACTIC level"), max_length=1, choices=ActicLevel.choices)
    obtained_on = models.DateField(_("obtained on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["obtained_on"]


class OutcomeKind(models.TextChoices):
    JOB_FOUND = "job_found", _("Found a job")
    TRAINING_STARTED = "training", _("Started a training course")
    PROCEDURE_DONE = "procedure", _("Completed an online procedure on their own")


class Outcome(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("outcome"), max_length=12, choices=OutcomeKind.choices)
    on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["on"]
