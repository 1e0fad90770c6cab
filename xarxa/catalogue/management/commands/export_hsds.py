import json

from django.core.management.base import BaseCommand

from xarxa.catalogue.hsds import service_to_hsds
from xarxa.catalogue.models import Service


class Command(BaseCommand):
    help = "Write the catalogue as a JSON list of Open Referral HSDS 3.0 services (compiled form)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write the JSON ('-' for standard output)")
        parser.add_argument("--language", default="ca", choices=["ca", "es", "en"])

    def handle(self, *args, file, language, **options):
        services = (
            Service.objects.select_related("organisation")
            .prefetch_related("areas", "locations__municipality")
            .order_by("code")
        )
        items = [service_to_hsds(s, language) for s in services]
        text = json.dumps(items, ensure_ascii=False, indent=2)
        if file == "-":
            self.stdout.write(text)
        else:
            with open(file, "w", encoding="utf-8") as out:
                out.write(text)
            self.stderr.write(f"{len(items)} services written to {file}.")
