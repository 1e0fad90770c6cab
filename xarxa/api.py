"""The JSON API at /api/v1/: bearer tokens, problem-details errors, same policies as the UI."""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.security import HttpBearer

from xarxa.accounts.api import router as accounts_router
from xarxa.accounts.reauth import ReauthenticationRequired
from xarxa.accounts.selectors import api_token_authenticate
from xarxa.catalogue.api import router as catalogue_router
from xarxa.community.api import router as community_router
from xarxa.core.api import router as core_router
from xarxa.core.errors import install_problem_handlers, problem
from xarxa.core.middleware import second_factor_required, too_many_requests
from xarxa.core.openapi import declare_refusals
from xarxa.core.throttle import RateLimited, hit
from xarxa.organisations.api import router as organisations_router
from xarxa.people.api import router as people_router
from xarxa.people.policies import GrantIsReadOnly, LimitReached
from xarxa.plans.api import router as plans_router
from xarxa.records.api import persons_router as records_persons_router
from xarxa.records.api import router as records_router
from xarxa.referrals.api import router as referrals_router
from xarxa.screening.api import router as screening_router
from xarxa.territory.api import router as territory_router

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class ReadOnlyToken(PermissionDenied):
    """A write sent with a token issued for reading only."""


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        api_token = api_token_authenticate(token)
        if api_token is None:
            return None
        hit("api_token", api_token.pk)  # RateLimited: 429 before anything runs
        if api_token.read_only and request.method not in SAFE_METHODS:
            raise ReadOnlyToken
        request.user = api_token.user
        request.api_token = api_token
        request.token_authenticated = True  # no session: see SessionRenewalMiddleware
        return api_token.user


def docs_access(view):
    """The schema and its documentation page: open on a local machine; in production only
    for a signed-in user (past the second factor) or a valid bearer token."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        signed_in = user.is_authenticated and (
            user.is_verified() or not second_factor_required(user)
        )
        if not settings.PRODUCTION or signed_in or _bearer_ok(request):
            return view(request, *args, **kwargs)
        if request.path.endswith(".json"):
            response = problem(
                request,
                401,
                _("Authentication required"),
                _("Sign in, or send a valid personal token as 'Authorization: Bearer <token>'."),
            )
            response["WWW-Authenticate"] = "Bearer"
            return response
        login = reverse(settings.LOGIN_URL)
        return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")

    return wrapped


def _bearer_ok(request) -> bool:
    scheme, _, raw = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    return scheme.lower() == "bearer" and api_token_authenticate(raw.strip()) is not None


class XarxaAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        schema = declare_refusals(super().get_openapi_schema(**kwargs))
        # Every operation may also be refused for going too fast (xarxa.core.throttle).
        problem_content = {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        }
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                operation.setdefault("responses", {})["429"] = {
                    "description": "Too many requests: wait for Retry-After seconds",
                    "content": problem_content,
                }
        return schema


api = XarxaAPI(
    title="Xarxa API",
    version="1",
    urls_namespace="api",
    auth=BearerToken(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    docs_decorator=docs_access,
)


install_problem_handlers(api)


@api.exception_handler(RateLimited)
def rate_limited(request, exc):
    return too_many_requests(request, exc.retry_after)


@api.exception_handler(LimitReached)
def limit_reached(request, exc):
    """A per-user cap (emergency accesses a week, duplicate checks an hour): its message."""
    response = problem(request, 429, _("Too many requests"), str(exc))
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(GrantIsReadOnly)
def grant_is_read_only(request, exc):
    return problem(request, 403, _("Forbidden"), str(exc))


@api.exception_handler(ReadOnlyToken)
def read_only_token(request, exc):
    return problem(
        request,
        403,
        _("Forbidden"),
        _("This token is read-only: it may read but not change anything."),
    )


@api.exception_handler(ReauthenticationRequired)
def reauthentication_required(request, exc):
    return problem(
        request,
        403,
        _("Confirm your password"),
        _("This action needs your password again: send it in the X-Xarxa-Password header."),
    )


api.add_router("/me", accounts_router)
api.add_router("/territory", territory_router)
api.add_router("/organisations", organisations_router)
api.add_router("/audit", core_router)
api.add_router("/persons", people_router)
api.add_router("/persons", records_persons_router)  # the subject-access export
api.add_router("/cases", records_router)
api.add_router("/catalogue", catalogue_router)
api.add_router("/referrals", referrals_router)
api.add_router("/assessments", screening_router)
api.add_router("/plans", plans_router)
api.add_router("/community", community_router)
