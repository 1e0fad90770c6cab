"""The facilitators' training plan."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xarxa.core.models import TimeStampedModel

FACILITATOR_COMPETENCES = {
    "community": _("Community action methodology"),
    "projects": _("Project-based work"),
    "gender": _("Gender perspective and intersectionality"),
    "digital_divides": _("Digital divides and inclusion"),
    "digcomp": _("Teaching digital competences (DigComp)"),
    "employment": _("Support for job search"),
    "e_administration": _("Online public services (e-administration)"),
}


class TrainingCourse(TimeStampedModel):
    """A course of the Òmnia training plan for facilitators."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts on"))
    hours = models.PositiveSmallIntegerField(_("hours"))
    competences = models.JSONField(_("competences"), default=list, blank=True)

    class Meta:
        ordering = ["-starts_on", "title"]


class TrainingEnrolment(models.Model):
    course = models.ForeignKey(TrainingCourse, on_delete=models.CASCADE, related_name="enrolments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="omnia_trainings"
    )
    enrolled_on = models.DateField(default=timezone.localdate)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["course", "user"], name="one_training_enrolment")
        ]
