from django.core.management.base import BaseCommand, CommandError

from xarxa.core.audit import anchor_head, seal_legacy, verify_chain
from xarxa.core.audit_anchor import anchor_path
from xarxa.core.models import AuditEvent


class Command(BaseCommand):
    help = (
        "Audit log tools. `verify` recomputes the keyed hash chain and checks the anchors "
        "(exits 1 on any break); `anchor` appends the head's hash to the anchor file; "
        "`seal-legacy` closes rows written before the chain was keyed."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "anchor", "seal-legacy"])

    def handle(self, *args, action, **options):
        if action == "anchor":
            seq, hash_ = anchor_head()
            self.stdout.write(f"Anchored row {seq} ({hash_[:16]}…) in {anchor_path()}.")
            return
        if action == "seal-legacy":
            event = seal_legacy()
            if event is None:
                self.stdout.write("Nothing to seal: the newest row is already keyed.")
            else:
                through = event.details["legacy_through"]
                self.stdout.write(f"Sealed rows 1..{through} with row {event.seq}.")
            return
        problems = list(verify_chain())
        for problem in problems:
            self.stderr.write(f"row {problem.seq}: {problem.problem}")
        if problems:
            raise CommandError(f"Audit chain broken: {len(problems)} problem(s).")
        self.stdout.write(f"Audit chain intact: {AuditEvent.objects.count()} events.")
