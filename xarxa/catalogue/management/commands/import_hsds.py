import json

from django.core.management.base import BaseCommand, CommandError

from xarxa.catalogue.services import import_hsds


class Command(BaseCommand):
    help = (
        "Load a JSON list of Open Referral HSDS 3.0 services. Every item is checked against "
        "the official schema and Xarxa's rules first; if any is rejected, nothing changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8") as source:
                items = json.load(source)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        report = import_hsds(items)
        for number, item_id, reasons in report.rejected:
            for reason in reasons:
                self.stderr.write(f"item {number} ({item_id or 'no id'}): {reason}")
        if not report.ok:
            raise CommandError(
                f"{len(report.rejected)} of {len(items) if isinstance(items, list) else 0} "
                "items rejected; nothing was changed."
            )
        self.stdout.write(f"{report.created} services created, {report.updated} updated.")
