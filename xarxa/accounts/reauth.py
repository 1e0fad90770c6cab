"""Re-authentication before the most sensitive acts: emergency access, exports of a
person's data, API token creation, and an administrator's account actions.

On a page, the password must have been typed within XARXA_REAUTH_SECONDS (at sign-in or
on the confirmation page), else the browser is sent to confirm it and comes back. Through
the API, a bearer token alone is not enough: the request carries the token owner's
password in the ``X-Xarxa-Password`` header, checked like a sign-in (failures count
towards the lockout and are audited)."""

import time
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from xarxa.core.middleware import PASSWORD_AT_KEY

PASSWORD_HEADER = "HTTP_X_XARXA_PASSWORD"  # noqa: S105 - a header name


class ReauthenticationRequired(PermissionDenied):
    """An API call that needs the password again (403 problem details)."""


def password_recent(request: HttpRequest) -> bool:
    typed = request.session.get(PASSWORD_AT_KEY)
    return typed is not None and time.time() - typed <= settings.XARXA_REAUTH_SECONDS


def password_confirmed(request: HttpRequest) -> None:
    """The user has just typed their password again."""
    request.session[PASSWORD_AT_KEY] = int(time.time())


def _api_password_ok(request: HttpRequest) -> bool:
    from xarxa.accounts import services

    password = request.META.get(PASSWORD_HEADER, "")
    user = request.auth  # type: ignore[attr-defined]
    if password and authenticate(request, username=user.get_username(), password=password):
        return True
    if password:
        services.sign_in_failed(username=user.get_username())
    return False


def recent_password_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """View or API handler decorator (put it under the permission check)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if getattr(request, "token_authenticated", False):
            if not _api_password_ok(request):
                raise ReauthenticationRequired
        elif not password_recent(request):
            query = urlencode({"next": request.get_full_path()})
            response: HttpResponse = redirect(f"{reverse('accounts:reauthenticate')}?{query}")
            return response
        return view(request, *args, **kwargs)

    return wrapped
