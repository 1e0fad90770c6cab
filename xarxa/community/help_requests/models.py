"""Asking social services for help."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xarxa.community.participants.models import Participant
from xarxa.core.models import TimeStampedModel
from xarxa.referrals.models import ConsentMethod

ConsentMethodChoices = ConsentMethod.choices  # the referrals' ways of recording consent


class HelpRequest(TimeStampedModel):
    """A facilitator asks the basic social services of an area to see a participant, with
    the participant's consent: a simple request now, a full referral later."""

    class State(models.TextChoices):
        SENT = "sent", _("Sent")
        SEEN = "seen", _("Seen by social services")
        ANSWERED = "answered", _("Answered")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="help_requests"
    )
    abss = models.ForeignKey(
        "territory.Abss", verbose_name=_("social services area"), on_delete=models.PROTECT
    )
    reason = models.TextField(_("why the person needs social services"))
    consent_method = models.CharField(
        _("how the person agreed"), max_length=10, choices=ConsentMethodChoices
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.SENT)
    answer = models.TextField(_("answer"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
