import hashlib
import time
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from xarxa.core import context
from xarxa.core.errors import API_PREFIX, problem
from xarxa.core.throttle import RateLimited, client_ip, hit

PUBLIC_PREFIXES = ("/static/", "/api/")


class RequestContextMiddleware:
    """Binds the caller's address and a request id for the audit log and the logs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = uuid.uuid4().hex[:16]
        token = context.bind(
            context.RequestContext(
                ip_address=client_ip(request),
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


def second_factor_required(user) -> bool:
    """Everyone passes the second factor, except demo accounts while in demo mode."""
    return not (settings.DEMO_MODE and getattr(user, "is_demo", False))


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
        if second_factor_required(user) and not user.is_verified():
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
SESSION_STARTED_KEY = "_signed_in_at"  # set at sign-in: the absolute lifetime counts from it
PASSWORD_AT_KEY = "_password_at"  # noqa: S105 - when the password was last typed (reauth)


def _renew_every() -> int:
    return min(settings.SESSION_RENEW_SECONDS, settings.SESSION_COOKIE_AGE // 10)


def session_expires_in(request) -> int:
    """Seconds until the session ends, as the browser's warning must count them: from
    the last renewal (or a full period when this request renews it), and never past the
    absolute end."""
    renewed = request.session.get(SESSION_RENEWED_KEY)
    now = int(time.time())
    if renewed is None or now - renewed >= _renew_every():
        idle = settings.SESSION_COOKIE_AGE
    else:
        idle = max(0, renewed + settings.SESSION_COOKIE_AGE - now)
    started = request.session.get(SESSION_STARTED_KEY, now)
    return min(idle, max(0, started + settings.SESSION_ABSOLUTE_SECONDS - now))


def session_started(session) -> None:
    """A user has just signed in with their password: both clocks start now."""
    now = int(time.time())
    session[SESSION_STARTED_KEY] = now
    session[PASSWORD_AT_KEY] = now


def session_too_old(session) -> bool:
    """Signed in longer ago than the absolute lifetime (or at an unknown time)."""
    if "_auth_user_id" not in session:
        return False
    started = session.get(SESSION_STARTED_KEY)
    return started is None or time.time() - started > settings.SESSION_ABSOLUTE_SECONDS


class SessionRenewalMiddleware:
    """Activity keeps a signed-in session alive (idle expiry), renewing it at most once
    a minute: a page view is not a database write, and the expiry is never more than a
    minute short of "30 minutes after the last request" (the warning counts from the
    real renewal, see ``session_expires_in``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if session_too_old(request.session):
            request.session.flush()  # the gate then sends the browser to sign in again
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


# Rate limits on the routes guessers and scrapers use (XARXA_RATE_LIMITS); the API's
# per-token limit is counted where the token is read (xarxa.api).
SIGN_IN_ROUTES = {"accounts:login", "accounts:password_reset", "accounts:reauthenticate"}
SEARCH_ROUTES = {"persons/", "api/v1/persons"}  # the person search: page and API


def _caller(request) -> str:
    """Who searches: the signed-in user, the bearer token (hashed), else the address."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    authorization = request.META.get("HTTP_AUTHORIZATION", "")
    if authorization:
        return "token:" + hashlib.sha256(authorization.encode()).hexdigest()[:32]
    return f"ip:{client_ip(request)}"


def too_many_requests(request, retry_after: int) -> HttpResponse:
    title = _("Too many requests")
    detail = _("Wait a moment and try again.")
    if request.path.startswith(API_PREFIX):
        response: HttpResponse = problem(request, 429, title, detail)
    else:
        context_ = {"title": title, "message": detail}
        response = render(request, "core/error.html", context_, status=429)
    response["Retry-After"] = str(retry_after)
    return response


class RateLimitMiddleware:
    """Every API call counts against its address; sign-in, reset and re-authentication
    posts against the address; person searches (page and API) against the caller."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        try:
            if request.path.startswith(API_PREFIX):
                hit("api_ip", client_ip(request))
            if request.method == "POST" and match.view_name in SIGN_IN_ROUTES:
                hit("sign_in", client_ip(request))
            if request.method == "GET" and match.route in SEARCH_ROUTES and request.GET.get("q"):
                hit("search", _caller(request))
        except RateLimited as limited:
            return too_many_requests(request, limited.retry_after)
        return None
