from django.core.management.base import BaseCommand

from xarxa.records.standing import standings_refresh


class Command(BaseCommand):
    help = "Give every case file its standing row and correct the copied holder and status."

    def handle(self, *args, **options):
        inserted = standings_refresh()
        self.stdout.write(f"{inserted} standings added")
