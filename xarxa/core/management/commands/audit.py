from django.core.management.base import BaseCommand, CommandError

from xarxa.core.audit import verify_chain
from xarxa.core.models import AuditEvent


class Command(BaseCommand):
    help = "Audit log tools. `audit verify` recomputes the hash chain; exits 1 on any break."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, action, **options):
        problems = list(verify_chain())
        for problem in problems:
            self.stderr.write(f"row {problem.seq}: {problem.problem}")
        if problems:
            raise CommandError(f"Audit chain broken: {len(problems)} problem(s).")
        self.stdout.write(f"Audit chain intact: {AuditEvent.objects.count()} events.")
