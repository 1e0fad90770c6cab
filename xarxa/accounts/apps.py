from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _session_clocks(sender, request, user, **kwargs):
    """Every sign-in (the form, or a test's force_login) starts the absolute lifetime and
    the re-authentication window of the new session."""
    from xarxa.core.middleware import session_started

    if request is not None and hasattr(request, "session"):
        session_started(request.session)


class AccountsConfig(AppConfig):
    name = "xarxa.accounts"
    label = "accounts"
    verbose_name = _("Staff and sign-in")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(_session_clocks, dispatch_uid="xarxa-session-clocks")
