from django.core.management.base import BaseCommand, CommandError

from xarxa.accounts import services
from xarxa.accounts.models import User


class Command(BaseCommand):
    help = "Issue a personal API token for USERNAME and print it (it is shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="personal")
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, username, name, days, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user called {username!r}.")
        _, raw = services.api_token_issue(actor=None, user=user, name=name, days=days)
        self.stdout.write(raw)
