"""The deadline job: reminders, escalations, expiries and late first appointments."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from xarxa.referrals.models import Notice, Referral
from xarxa.referrals.services.circuit import ESCALATE_AFTER, EXPIRE_AFTER, add_working_days, record
from xarxa.referrals.services.notices import notify, notify_sender
from xarxa.referrals.states import State


def apply_deadlines(today: date | None = None) -> dict[str, int]:
    """Remind the receiving team when an answer is overdue, tell its coordinator some
    days later, then expire the referral with notice to both sides; tell both sides when
    an accepted referral passes the service's date for a first appointment. Idempotent:
    each notice is given once, an expired referral is not touched again."""
    today = today or timezone.localdate()
    counts = {"reminders": 0, "escalations": 0, "expired": 0, "start_overdue": 0}
    waiting = Referral.objects.filter(
        state__in=(State.SENT, State.RECEIVED), answer_due__lt=today
    ).select_related("service", "person", "case")
    for referral in waiting:
        assert referral.answer_due is not None  # the filter above
        with transaction.atomic():
            if add_working_days(referral.answer_due, EXPIRE_AFTER) < today:
                record(None, referral, State.EXPIRED, "no answer in time")
                notify(referral, Notice.Kind.EXPIRED)
                counts["expired"] += 1
                continue
            counts["reminders"] += notify(referral, Notice.Kind.REMINDER)
            if add_working_days(referral.answer_due, ESCALATE_AFTER) < today:
                counts["escalations"] += notify(referral, Notice.Kind.ESCALATION)
    # Accepted but no first appointment by the service's date: both sides are told.
    late = Referral.objects.filter(state=State.ACCEPTED, start_due__lt=today)
    for referral in late.exclude(notices__kind=Notice.Kind.START_OVERDUE):
        with transaction.atomic():
            kind = Notice.Kind.START_OVERDUE
            told = notify(referral, kind) | notify_sender(referral, kind)
            counts["start_overdue"] += told
    return counts
