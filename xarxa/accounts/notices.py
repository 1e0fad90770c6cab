"""Account notices by email (a new authenticator, a recovery code used, a password
changed, a reset link). One function, through Django's mail API, sent once the
transaction that caused it commits; the messaging outbox will take its place."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation

from xarxa.accounts.models import User

log = logging.getLogger(__name__)


def send_account_notice(user: User, compose: Callable[[], tuple[str, str]]) -> None:
    """Mail ``user`` what ``compose`` writes (subject, body), in the user's language, after
    the current transaction commits. A user without an address gets nothing; a mail
    server that fails is logged, never shown to the user as an error."""
    if not user.email:
        return

    def send() -> None:
        language = user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            subject, body = compose()
        try:
            send_mail(subject, body, None, [user.email])
        except Exception:  # a notice must not undo what it tells about
            log.exception("account notice not sent", extra={"user_id": user.pk})

    transaction.on_commit(send)
