"""A referral (derivació): one person (or household) of a case file, sent to one service
of the catalogue, with what is asked, what is shared and on which ground."""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xarxa.core.models import VersionedModel
from xarxa.referrals.states import (
    OPEN,
    LegalBasis,
    Outcome,
    RefusalReason,
    State,
    Urgency,
)


class ConsentMethod(models.TextChoices):
    VERBAL = "verbal", _("Verbally, noted by the professional")
    WRITTEN = "written", _("Signed form")
    DIGITAL = "digital", _("Digitally")


class Referral(VersionedModel):
    # Set by the referrals selectors on the rows of a list (not stored): what the reader
    # sees of it (``referrals.shared.SharedView``).
    view: Any

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey("records.CaseFile", on_delete=models.PROTECT, related_name="referrals")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="referrals")
    service = models.ForeignKey(
        "catalogue.Service", on_delete=models.PROTECT, related_name="referrals"
    )
    receiving_team = models.ForeignKey(
        "organisations.Team",
        null=True,  # a partner without accounts answers through a signed link instead
        on_delete=models.PROTECT,
        related_name="referrals_in",
    )
    partner_nonce = models.CharField(max_length=64, blank=True)  # the link's single use
    # A transition: the person leaves one service for another (from the SIS to adolescent
    # services at 18, from hospital to transitional home care); it carries plan goals.
    transition_from = models.ForeignKey(
        "catalogue.Service",
        verbose_name=_("the service the person leaves"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    goals = models.JSONField(_("plan goals carried"), default=list)  # snapshots, see plans
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals_sent"
    )
    sending_abss = models.ForeignKey("territory.Abss", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.ORDINARY
    )
    reason = models.TextField(_("why"), max_length=2000)
    request = models.TextField(_("what is asked"), max_length=2000)
    shared = models.JSONField(_("data shared"), default=list)  # SharedData values
    consent_given = models.BooleanField(_("the person agreed to the sharing"), default=False)
    consent_by = models.CharField(_("who agreed"), max_length=120, blank=True)
    consent_method = models.CharField(
        _("how"), max_length=10, choices=ConsentMethod.choices, blank=True
    )
    legal_basis = models.CharField(
        _("legal basis"), max_length=20, choices=LegalBasis.choices, blank=True
    )
    legal_basis_note = models.CharField(_("justification"), max_length=500, blank=True)
    refusal_reason = models.CharField(max_length=20, choices=RefusalReason.choices, blank=True)
    alternative = models.CharField(_("alternative proposed"), max_length=300, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    answer_due = models.DateField(null=True, blank=True)
    start_due = models.DateField(null=True, blank=True)  # first appointment, once accepted
    # Days from sending to the first answer and to the first appointment, kept when they
    # happen so the coordinators' figures read small integers, not timestamps.
    answer_days = models.PositiveSmallIntegerField(null=True, blank=True)
    start_days = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["receiving_team", "state"]),
            models.Index(fields=["sender", "state"]),
            models.Index(fields=["state", "answer_due"]),
            models.Index(fields=["state", "start_due"]),
            models.Index(fields=["sent_at", "service"]),
        ]

    def __str__(self) -> str:
        return f"{self.service} · {self.get_state_display()}"

    @property
    def receiver_name(self) -> str:
        """The receiving team, or the partner organisation that answers by link."""
        return str(self.receiving_team or self.service.organisation.name)

    @property
    def is_partner(self) -> bool:
        """Sent to a partner without accounts: it answers through a link."""
        return self.receiving_team_id is None

    @property
    def is_open(self) -> bool:
        return self.state in OPEN

    @property
    def overdue(self) -> bool:
        """The answer, or once accepted the first appointment, is late."""
        today = timezone.localdate()
        if self.state in (State.SENT, State.RECEIVED):
            return self.answer_due is not None and self.answer_due < today
        return (
            self.state == State.ACCEPTED and self.start_due is not None and self.start_due < today
        )


class Transition(models.Model):
    """Who moved the referral, when, from where to where, and why."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=12, choices=State.choices)
    to_state = models.CharField(max_length=12, choices=State.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )  # None: the deadline job
    at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]


class Message(models.Model):
    """A message inside a referral. ``to_both`` messages are read by both sides; the
    others stay with the side that wrote them (internal notes)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    side = models.CharField(max_length=10)  # states.SENDER or states.RECEIVER
    to_both = models.BooleanField(_("visible to the other service"), default=True)
    text = models.TextField(_("message"), max_length=2000)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]


class Notice(models.Model):
    """Something a team must see: a new referral, a reminder, an escalation, an expiry."""

    # Set by ``selectors.notices_for`` (not stored): the service's name, or None when
    # the reader may not know where a restricted referral went.
    service_name: str | None

    class Kind(models.TextChoices):
        NEW = "new", _("New referral")
        REMINDER = "reminder", _("Answer overdue")
        ESCALATION = "escalation", _("Overdue: escalated to the coordinator")
        EXPIRED = "expired", _("Expired without an answer")
        ANSWERED = "answered", _("Answered")
        START_OVERDUE = "start_overdue", _("First appointment overdue")

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="notices")
    team = models.ForeignKey("organisations.Team", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # One notice of each kind per referral and team: the deadline job is idempotent.
            models.UniqueConstraint(fields=["referral", "team", "kind"], name="one_notice_each")
        ]
