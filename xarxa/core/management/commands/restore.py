from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from xarxa.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `xarxa backup` into an empty database and media directory; "
        "every checksum is checked first, and the audit chain is verified after."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)

    def handle(self, *args, source, **options):
        try:
            done = restore(source)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored {done.files} files from {done.path}.")
        call_command("audit", "verify", stdout=self.stdout, stderr=self.stderr)
