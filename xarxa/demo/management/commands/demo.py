from django.core.management.base import BaseCommand, CommandError

from xarxa.demo import generate


class Command(BaseCommand):
    help = (
        "Build a deterministic, realistic demo Osona: organisations, teams, staff, and "
        "persons with households, documents, contacts, consents, case files, three years "
        "of interventions (at most 150,000, so a million persons load in minutes), a "
        "timeline, ~2%% planted duplicates and the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--persons",
            type=int,
            default=None,
            help="how many persons (default: about 6%% of the population served)",
        )
        parser.add_argument("--seed", type=int, default=1, help="random seed")
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing if demo data already exists"
        )
        parser.add_argument("--print-accounts", action="store_true", help="print the demo accounts")

    def handle(self, *args, persons, seed, if_empty, print_accounts, **options):
        if persons is not None and persons < 0:
            raise CommandError("--persons must be zero or more.")
        from xarxa.accounts.models import User

        if if_empty and User.objects.filter(username="admin").exists():
            self.stdout.write("Demo data already present.")
        else:
            if persons is None:
                persons = generate.default_persons()
            counts = generate.build(seed=seed, persons=persons, log=self.stdout.write)
            if counts["persons"]:
                from xarxa.demo.people import refresh_statistics

                refresh_statistics()
            self.stdout.write(
                f"Demo data ready: {counts['teams']} teams, {counts['staff']} new staff "
                f"accounts, {counts['persons']} persons."
            )
        if print_accounts:
            self.stdout.write(f"\nDemo accounts (password for all: {generate.DEMO_PASSWORD}):")
            for account in generate.DEMO_ACCOUNTS:
                self.stdout.write(f"  {account.username:<24} {account.role.label}")
