from django.core.management.base import BaseCommand

from xarxa.referrals.tasks import referral_deadlines


class Command(BaseCommand):
    help = "Queue the referral deadline job for the worker (or run it now with --now)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="run here instead of queueing")

    def handle(self, *args, now, **options):
        if now:
            self.stdout.write(str(referral_deadlines.call()))
        else:
            result = referral_deadlines.enqueue()
            self.stdout.write(f"Queued {result.id}.")
