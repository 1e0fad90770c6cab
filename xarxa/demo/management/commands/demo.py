import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from xarxa.accounts.models import User
from xarxa.accounts.selectors import accounts_not_demo
from xarxa.demo import generate
from xarxa.demo.people import refresh_statistics


class Command(BaseCommand):
    help = (
        "Build a deterministic, realistic demo Osona: organisations, teams, staff, and "
        "persons spread over the municipalities by population, with households and their "
        "history, identity documents, contacts, consents, case files with events, "
        "problems and three years of interventions, a timeline, ~2%% planted duplicates "
        "and the search index. Interventions are capped at about 200,000: past that only "
        "a random sample of case files gets notes (every case file keeps its opening, "
        "events and participants), so a million persons load in a few minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--persons",
            type=int,
            default=None,
            help="how many persons (default: about 6%% of the population served, ~10,000)",
        )
        parser.add_argument("--seed", type=int, default=1, help="random seed")
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing if demo data already exists"
        )
        parser.add_argument("--print-accounts", action="store_true", help="print the demo accounts")

    def handle(self, *args, persons, seed, if_empty, print_accounts, **options):
        if persons is not None and persons < 0:
            raise CommandError("--persons must be zero or more.")
        self.refuse_real_data()
        if if_empty and User.objects.filter(username="admin").exists():
            self.stdout.write("Demo data already present.")
        else:
            started = time.perf_counter()
            if persons is None:
                persons = generate.default_persons()
            counts = generate.build(seed=seed, persons=persons, log=self.stdout.write)
            if counts["persons"]:
                phase = time.perf_counter()
                refresh_statistics()
                self.stdout.write(f"  planner statistics: {time.perf_counter() - phase:.1f} s")
            self.stdout.write(
                f"Demo data ready: {counts['teams']} teams, {counts['staff']} new staff "
                f"accounts, {counts['persons']} persons in {time.perf_counter() - started:.1f} s."
            )
        if print_accounts:
            self.stdout.write(f"\nDemo accounts (password for all: {generate.DEMO_PASSWORD}):")
            for account in generate.DEMO_ACCOUNTS:
                self.stdout.write(f"  {account.username:<24} {account.role.label}")

    def refuse_real_data(self) -> None:
        """The demo never goes near real data: not with production settings, and not into
        a database holding any account it did not make itself."""
        if settings.PRODUCTION:
            raise CommandError(
                "The demo does not run with production settings (XARXA_ENV=production)."
            )
        real = accounts_not_demo()
        if real:
            raise CommandError(
                f"This database holds {real} account(s) that are not demo accounts: the demo "
                "only goes into an empty database or one it built itself."
            )
