import time
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from xarxa.core import context
from xarxa.core.errors import API_PREFIX, problem

PUBLIC_PREFIXES = ("/static/", "/api/")


class RequestContextMiddleware:
    """Binds the caller's address and a request id for the audit log and the logs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = uuid.uuid4().hex[:16]
        token = context.bind(
            context.RequestContext(
                ip_address=request.META.get("REMOTE_ADDR") or None,
                request_id=request.request_id,
            )
        )
        try:
            response = self.get_response(request)
        finally:
            context.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


def public(view):
    """Mark a view as reachable without signing in (the gate denies everything else)."""
    view.xarxa_public = True
    return view


def allow_unverified(view):
    """Mark a view a signed-in user may reach before passing the second factor."""
    view.xarxa_allow_unverified = True
    return view


def second_factor_required() -> bool:
    return not settings.DEMO_MODE


class UnreadableQueryMiddleware:
    """A query string holding a NUL character is refused before any view runs: PostgreSQL
    cannot compare text with NUL in it (a 500 otherwise), and no search, filter or page
    number needs one. (Forms already refuse NUL; bytes that are not UTF-8 Django reads as
    U+FFFD.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or "\x00" in value for key, value in request.GET.items()):
            title = _("The address holds characters that cannot be read")
            if request.path.startswith(API_PREFIX):
                return problem(request, 422, title)
            return HttpResponseBadRequest(title)
        return self.get_response(request)


class StaffGateMiddleware:
    """Default deny: every page needs a signed-in user who passed the second factor,
    unless the view is marked public. The API authenticates by bearer token itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "xarxa_public", False) or request.path.startswith(PUBLIC_PREFIXES):
            return None
        user = request.user
        if not user.is_authenticated:
            login = reverse(settings.LOGIN_URL)
            return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
        if getattr(view_func, "xarxa_allow_unverified", False):
            return None
        if second_factor_required() and not user.is_verified():
            return redirect("accounts:second_factor")
        return None


class PrivateCacheMiddleware:
    """Pages may hold personal data: never let a browser or proxy keep a copy,
    unless a public view chose its own caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/static/") and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store, private"
        return response


SESSION_RENEWED_KEY = "_renewed_at"


def _renew_every() -> int:
    return min(settings.SESSION_RENEW_SECONDS, settings.SESSION_COOKIE_AGE // 10)


def session_expires_in(request) -> int:
    """Seconds until the idle session ends, as the browser's warning must count them:
    from the last renewal, or a full period when this request renews it."""
    renewed = request.session.get(SESSION_RENEWED_KEY)
    now = int(time.time())
    if renewed is None or now - renewed >= _renew_every():
        return settings.SESSION_COOKIE_AGE
    return max(0, renewed + settings.SESSION_COOKIE_AGE - now)


class SessionRenewalMiddleware:
    """Activity keeps a signed-in session alive (idle expiry), renewing it at most once
    a minute: a page view is not a database write, and the expiry is never more than a
    minute short of "30 minutes after the last request" (the warning counts from the
    real renewal, see ``session_expires_in``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if getattr(request, "token_authenticated", False):
            return response  # an API call by bearer token has no session to keep alive
        if user is not None and user.is_authenticated:
            now = int(time.time())
            if now - request.session.get(SESSION_RENEWED_KEY, 0) >= _renew_every():
                request.session[SESSION_RENEWED_KEY] = now  # saved by SessionMiddleware
            response["X-Session-Expires-In"] = str(session_expires_in(request))
        return response
