from django.core.management.base import BaseCommand, CommandError

from xarxa.accounts import selectors, services


class Command(BaseCommand):
    help = (
        "Issue a one-time activation code for USERNAME and print it (shown only once): with "
        "it the user sets up an authenticator app. Any earlier authenticator of the user "
        "stops working. For the first administrator, and for any user when no administrator "
        "can sign in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = selectors.user_by_username(username)
        if user is None:
            raise CommandError(f"No active user called {username!r}.")
        code, raw = services.activation_code_issue(actor=None, user=user)
        self.stdout.write(raw)
        self.stderr.write(f"It works once, until {code.expires_at:%Y-%m-%d %H:%M} UTC.")
