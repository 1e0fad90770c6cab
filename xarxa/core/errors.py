"""One error kit for the API and the pages.

Services refuse with Django's ``ValidationError`` (bad input), ``StaleEdit`` (someone saved
first) or ``Conflict`` (the request clashes with what exists, e.g. a likely duplicate).
The API turns them into RFC 9457 problem details through the handlers installed by
``install_problem_handlers``; pages turn them into form errors or messages with
``form_errors`` / ``flash_refusal`` (catching ``REFUSALS``). Routers and views never
translate errors themselves.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from xarxa.core.concurrency import StaleEdit

PROBLEM_TYPE = "application/problem+json"
API_PREFIX = "/api/"
# The API's titles for refusals Django gives before a route runs (unknown path, bad id).
API_TITLES = {
    400: lambda: _("The request has invalid data"),
    403: lambda: _("Forbidden"),
    404: lambda: _("Not found"),
}


class Conflict(Exception):
    """The request clashes with the current state (409). ``extra`` is added to the problem
    document, e.g. the likely duplicates the caller may see."""

    def __init__(self, title: str, detail: str = "", **extra: Any) -> None:
        super().__init__(title)
        self.title = title
        self.detail = detail
        self.extra = extra


def problem(
    request: HttpRequest | None, status: int, title: str, detail: str = "", **extra: Any
) -> JsonResponse:
    """A problem-details response (RFC 9457)."""
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status, **extra}
    if detail:
        body["detail"] = detail
    return JsonResponse(body, status=status, encoder=DjangoJSONEncoder, content_type=PROBLEM_TYPE)


def refused_request_title(status: int) -> str:
    """The title of a request the web server refused before the application saw it."""
    titles = {
        414: _("The address is too long"),
        431: _("The request headers are too large"),
    }
    return str(titles.get(status, _("The request is malformed")))


def error_items(error: ValidationError) -> list[tuple[str, list[str]]]:
    """(field, messages) pairs of a refusal; ``__all__`` for what concerns the whole."""
    if hasattr(error, "error_dict"):
        return [(field, list(msgs)) for field, msgs in error.message_dict.items()]
    return [("__all__", list(error.messages))]


def validation_errors(error: ValidationError, where: str = "body") -> list[dict[str, Any]]:
    """The refusal as the API's field-by-field error list (the shape ninja uses)."""
    return [
        {"loc": [where, *field.split(".")], "msg": message, "type": "value_error"}
        for field, msgs in error_items(error)
        for message in msgs
    ]


def stale_problem(request: HttpRequest | None, stale: StaleEdit) -> HttpResponse:
    changed = {name.removesuffix("_id"): str(value) for name, value in stale.changed.items()}
    return problem(
        request,
        409,
        _("The record changed since you read it"),
        str(stale),
        version=getattr(stale.current, "version", None),
        changed=changed,
    )


def install_problem_handlers(api: NinjaAPI) -> None:
    """Every refusal the API can give, in one shape, in the request's language."""

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
        response = problem(
            request,
            401,
            _("Authentication required"),
            _("Send a valid personal token as 'Authorization: Bearer <token>'."),
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem(request, 403, _("Forbidden"), _("Your role does not allow this."))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem(request, 404, _("Not found"))

    @api.exception_handler(NinjaValidationError)
    def invalid_request(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return problem(request, 422, _("The request has invalid data"), errors=exc.errors)

    @api.exception_handler(ValidationError)
    def refused(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return problem(
            request, 422, _("The request has invalid data"), errors=validation_errors(exc)
        )

    @api.exception_handler(StaleEdit)
    def stale(request: HttpRequest, exc: StaleEdit) -> HttpResponse:
        return stale_problem(request, exc)

    @api.exception_handler(Conflict)
    def conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
        return problem(request, 409, exc.title, exc.detail, **exc.extra)

    @api.exception_handler(RequestDataTooBig)
    def too_large(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem(
            request,
            413,
            _("The request is too large"),
            _("Send less at once: a file or a text may be too big."),
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400:  # ninja could not parse the body (not JSON, bad bytes)
            return problem(
                request,
                400,
                _("The request body could not be read"),
                _("Send the body as JSON encoded in UTF-8."),
            )
        return problem(request, exc.status_code, str(exc))


# Pages ------------------------------------------------------------------------------------

#: What a service may refuse with; a view catches exactly these: ``except REFUSALS as error``.
REFUSALS = (ValidationError, StaleEdit, Conflict)


def form_errors(form: forms.BaseForm, error: ValidationError | StaleEdit | Conflict) -> None:
    """Put a service's refusal on the form: each message on its field when the form has it,
    otherwise at the top of the form."""
    if isinstance(error, StaleEdit | Conflict):
        form.add_error(None, str(error))
        return
    for field, msgs in error_items(error):
        form.add_error(field if field in form.fields else None, msgs)


def flash_refusal(request: HttpRequest, error: ValidationError | StaleEdit | Conflict) -> None:
    """For a small form posted from a list page: the refusal as messages on the page the
    user is sent back to."""
    if isinstance(error, StaleEdit | Conflict):
        messages.error(request, str(error))
        return
    for _field, msgs in error_items(error):
        for message in msgs:
            messages.error(request, message)
