"""The referral's life, declared once: which state may follow which, and who moves it.

Every transition records who, when and why. "sender" is the professional (or a
colleague of the sending team), "receiver" the staff of the receiving service's team,
"system" the background job that applies deadlines. Nothing else moves a referral.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")


SENDER, RECEIVER, SYSTEM = "sender", "receiver", "system"

# (from, to) -> who may make the move
TRANSITIONS: dict[tuple[str, str], str] = {
    (State.DRAFT, State.SENT): SENDER,
    (State.DRAFT, State.CANCELLED): SENDER,
    (State.SENT, State.RECEIVED): RECEIVER,
    (State.SENT, State.CANCELLED): SENDER,
    (State.SENT, State.EXPIRED): SYSTEM,
    (State.RECEIVED, State.ACCEPTED): RECEIVER,
    (State.RECEIVED, State.REFUSED): RECEIVER,
    (State.RECEIVED, State.CANCELLED): SENDER,
    (State.RECEIVED, State.EXPIRED): SYSTEM,
    (State.ACCEPTED, State.IN_PROGRESS): RECEIVER,
    (State.ACCEPTED, State.CANCELLED): SENDER,
    (State.IN_PROGRESS, State.CLOSED): RECEIVER,
}

FINAL = frozenset({State.REFUSED, State.CLOSED, State.CANCELLED, State.EXPIRED})
# While open, the receiving team sees what was shared; after, only that it happened.
OPEN = frozenset({State.SENT, State.RECEIVED, State.ACCEPTED, State.IN_PROGRESS})
# A move that needs words: why it was refused, cancelled, closed.
NEEDS_REASON = frozenset({State.REFUSED, State.CANCELLED, State.CLOSED})


# A partner without an account answers once, through its link. After it accepts, the
# sender records what the partner reports (the first appointment, the end) on its
# behalf, so these referrals too are followed to their close.
PARTNER_REPORTED = frozenset(
    {(State.ACCEPTED, State.IN_PROGRESS), (State.IN_PROGRESS, State.CLOSED)}
)


def allowed(current: str, target: str, party: str, *, partner: bool = False) -> bool:
    if partner and party == SENDER and (current, target) in PARTNER_REPORTED:
        return True
    return TRANSITIONS.get((current, target)) == party


def next_states(current: str, party: str, *, partner: bool = False) -> list[str]:
    return [to for to in State.values if allowed(current, to, party, partner=partner)]


class RefusalReason(models.TextChoices):
    NOT_ELIGIBLE = "not_eligible", _("Does not meet the conditions")
    NO_CAPACITY = "no_capacity", _("No places at the moment")
    WRONG_SERVICE = "wrong_service", _("Another service fits better")
    PERSON_DECLINED = "person_declined", _("The person declined")
    INCOMPLETE = "incomplete", _("Information missing")
    OTHER = "other", _("Other")


class Outcome(models.TextChoices):
    GOALS_MET = "goals_met", _("Goals met")
    PARTLY_MET = "partly_met", _("Goals partly met")
    DROPPED_OUT = "dropped_out", _("The person stopped coming")
    MOVED = "moved", _("The person moved away")
    REFERRED_ON = "referred_on", _("Referred on to another service")
    OTHER = "other", _("Other")


class LegalBasis(models.TextChoices):
    """Sharing without consent: only on one of these grounds, justified and flagged."""

    NONE = "", _("Consent of the person")
    CHILD_PROTECTION = "child_protection", _("Protection of a child at risk")
    VITAL_INTEREST = "vital_interest", _("Vital interest of the person")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation or court order")


class Urgency(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary")
    PRIORITY = "priority", _("Priority")
    URGENT = "urgent", _("Urgent")


class SharedData(models.TextChoices):
    """What the receiving service may read (chosen, minimal)."""

    IDENTITY = "identity", _("Name, age and municipality")
    CONTACT = "contact", _("Contact channels the person agreed to")
    HOUSEHOLD = "household", _("Who lives with the person")
    PROBLEMS = "problems", _("The case's problems list")
    SUMMARY = "summary", _("The professional's summary in this referral")
    PLAN_GOALS = "plan_goals", _("The plan's goals chosen for this referral")
