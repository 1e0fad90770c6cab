from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xarxa.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (a consistent snapshot while serving) and the media files into "
        "DEST, a new or empty directory, with a manifest of checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", type=Path)

    def handle(self, *args, destination, **options):
        try:
            done = backup(destination)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backed up {done.files} files ({done.bytes} bytes) to {done.path}.")
