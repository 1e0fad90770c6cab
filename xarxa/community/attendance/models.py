"""Attendance, and the compact tallies the figures read."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from xarxa.community.activities.models import Session
from xarxa.community.participants.models import Participant
from xarxa.community.points.models import Point


class Attendance(models.Model):
    """One use: a participant present at a session."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="attendances")
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="attendances"
    )
    walk_in = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "participant"], name="one_attendance")
        ]


class ParticipantYear(models.Model):
    """Compact tally kept by the attendance service: one row per participant, point and
    year, with their profile as it was and their uses per axis. The figures group these
    rows; ``figures_rebuild`` recomputes them from the attendance."""

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="+")
    entity = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    gender = models.CharField(max_length=12)
    age_band = models.CharField(max_length=12)
    origin = models.CharField(max_length=12)
    situation = models.CharField(max_length=12)
    uses_learning = models.PositiveIntegerField(default=0)
    uses_labour = models.PositiveIntegerField(default=0)
    uses_community = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "point", "year"], name="one_participant_year"
            )
        ]
        indexes = [
            models.Index(fields=["year", "point"]),
            models.Index(fields=["year", "entity"]),
        ]


class UseMonth(models.Model):
    """Uses per point, month, axis and gender, for the figures over time."""

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="+")
    entity = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField()  # the first day of the month
    axis = models.CharField(max_length=10)
    gender = models.CharField(max_length=12)
    uses = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["point", "month", "axis", "gender"], name="one_use_month"
            )
        ]
        indexes = [models.Index(fields=["month", "point"])]
