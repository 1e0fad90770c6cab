from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from xarxa.accounts import selectors, services


class Command(BaseCommand):
    help = "Issue a personal API token for USERNAME and print it (it is shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="personal")
        parser.add_argument("--days", type=int, default=None)
        parser.add_argument(
            "--read-only", action="store_true", help="the token may read but not change anything"
        )

    def handle(self, *args, username, name, days, read_only, **options):
        user = selectors.user_by_username(username)
        if user is None:
            raise CommandError(f"No active user called {username!r}.")
        try:
            _, raw = services.api_token_issue(
                actor=None, user=user, name=name, days=days, read_only=read_only
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(raw)
