from django.core.management.base import BaseCommand, CommandError

from xarxa.accounts import selectors, services


class Command(BaseCommand):
    help = (
        "Revoke an API token by the prefix shown on the account page (xarxa_...), or every "
        "token of a user with --user."
    )

    def add_arguments(self, parser):
        parser.add_argument("prefix", nargs="?", default="")
        parser.add_argument("--user", default="", help="revoke every live token of this user")

    def handle(self, *args, prefix, user, **options):
        if not prefix and not user:
            raise CommandError("Give a token prefix or --user USERNAME.")
        tokens = selectors.api_tokens_matching(prefix=prefix, username=user)
        if not tokens:
            raise CommandError("No live token matches.")
        for token in tokens:
            services.api_token_revoke(actor=None, token=token)
            self.stdout.write(f"Revoked {token.prefix}… ({token.user.username}, {token.name})")
