from django.core.management.base import BaseCommand, CommandError

from xarxa.demo import generate


class Command(BaseCommand):
    help = "Build a deterministic, realistic demo Osona (organisations, teams, staff)."

    def add_arguments(self, parser):
        parser.add_argument("--persons", type=int, default=1000, help="how many persons")
        parser.add_argument("--seed", type=int, default=1, help="random seed")
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing if demo data already exists"
        )
        parser.add_argument("--print-accounts", action="store_true", help="print the demo accounts")

    def handle(self, *args, persons, seed, if_empty, print_accounts, **options):
        if persons < 0:
            raise CommandError("--persons must be zero or more.")
        from xarxa.accounts.models import User

        if if_empty and User.objects.filter(username="admin").exists():
            self.stdout.write("Demo data already present.")
        else:
            counts = generate.build(seed=seed, persons=persons)
            self.stdout.write(
                f"Demo data ready: {counts['teams']} teams, {counts['staff']} new staff accounts."
            )
        if print_accounts:
            self.stdout.write(f"\nDemo accounts (password for all: {generate.DEMO_PASSWORD}):")
            for account in generate.DEMO_ACCOUNTS:
                self.stdout.write(f"  {account.username:<24} {account.role.label}")
