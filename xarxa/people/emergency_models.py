"""Emergency ("break the glass") access: the grants and the notices about them. Models of
the people app, imported by ``people.models``."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xarxa.core.models import TimeStampedModel


class EmergencyReason(models.TextChoices):
    RISK_TO_LIFE = "risk_to_life", _("Risk to the person's life or safety")
    HEALTH = "health", _("Health emergency or hospital admission")
    MINOR_AT_RISK = "minor_at_risk", _("A minor at risk")
    COURT_OR_POLICE = "court_or_police", _("Urgent request from a court or the police")
    CONTINUITY = "continuity", _("Urgent continuity of care outside office hours")


class GrantOutcome(models.TextChoices):
    JUSTIFIED = "justified", _("Justified")
    NOT_JUSTIFIED = "not_justified", _("Not justified")


class AccessGrant(TimeStampedModel):
    """Emergency ("break the glass") access to one person's file: read only, time-limited,
    with a structured reason, flagged to the data-protection officer at once and reviewed
    with an outcome. For a protected person it opens only when a second person approves
    (``pending`` until then; ``expires_at`` counts from the approval)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="access_grants"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason_kind = models.CharField(
        _("kind of emergency"), max_length=20, choices=EmergencyReason.choices, blank=True
    )
    reason = models.TextField(_("reason"))
    expires_at = models.DateTimeField()
    pending = models.BooleanField(default=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=GrantOutcome.choices, blank=True
    )
    follow_up = models.TextField(_("follow-up"), blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "expires_at"])]


class EmergencyNotice(models.Model):
    """An in-app notice to a data-protection officer (or an approver) about an emergency
    access: written in the same transaction as the grant, so it is never lost."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Emergency access opened")
        APPROVAL = "approval", _("Emergency access waiting for approval")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    grant = models.ForeignKey(AccessGrant, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["recipient", "read_at"])]
