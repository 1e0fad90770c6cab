from django.core.management.base import BaseCommand
from django.db import transaction

from xarxa.people.models import Person
from xarxa.people.search import index_person


class Command(BaseCommand):
    help = (
        "Rebuild the name search index of every person, e.g. after the name rules changed "
        "(a new transliteration). Idempotent; a person whose words did not change costs one "
        "read."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=2000)

    def handle(self, *args, batch, **options):
        done = 0
        people = Person.objects.order_by("pk").only(
            "pk", "given_names", "used_name", "first_surname", "second_surname", "merged_into"
        )
        last = 0
        while True:
            chunk = list(people.filter(pk__gt=last)[:batch])
            if not chunk:
                break
            with transaction.atomic():
                for person in chunk:
                    index_person(person)
            done += len(chunk)
            last = chunk[-1].pk
        self.stdout.write(f"Name index rebuilt for {done} persons.")
