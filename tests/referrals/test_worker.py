"""The referral deadlines through the real queue and worker: the command queues the job in
the database, nothing happens until the django-tasks-db worker picks it up, and running
it again changes nothing more."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from xarxa.referrals.models import Notice, Referral
from xarxa.referrals.states import State

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@override_settings(TASKS=DATABASE_QUEUE)
def test_the_worker_runs_the_queued_deadline_job_once(referral):
    Referral.objects.filter(pk=referral.pk).update(
        answer_due=timezone.localdate() - timedelta(days=40)
    )
    call_command("referral_deadlines", verbosity=0)
    job = DBTaskResult.objects.get()
    assert job.status == "READY"
    referral.refresh_from_db()
    assert referral.state == State.SENT  # queued, not run

    run_worker()
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL", job.traceback
    assert job.return_value == {"reminders": 0, "escalations": 0, "expired": 1, "start_overdue": 0}
    referral.refresh_from_db()
    assert referral.state == State.EXPIRED
    notices = Notice.objects.filter(referral=referral, kind=Notice.Kind.EXPIRED).count()
    assert notices >= 1

    call_command("referral_deadlines", verbosity=0)  # as serve does every 15 minutes
    run_worker()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2
    assert DBTaskResult.objects.latest("enqueued_at").return_value == {
        "reminders": 0,
        "escalations": 0,
        "expired": 0,
        "start_overdue": 0,
    }
    assert Notice.objects.filter(referral=referral, kind=Notice.Kind.EXPIRED).count() == notices
    assert referral.transitions.filter(to_state=State.EXPIRED).count() == 1
