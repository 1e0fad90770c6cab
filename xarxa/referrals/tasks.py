"""Background work of the referral circuit, run by the task worker."""

from django_tasks import task

from xarxa.referrals.services import apply_deadlines


@task()
def referral_deadlines() -> dict[str, int]:
    """Reminders, escalations and expiries due today (idempotent: safe to run often)."""
    return apply_deadlines()
