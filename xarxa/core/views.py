from datetime import datetime

from django.core.exceptions import RequestDataTooBig
from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.i18n import set_language as django_set_language

from xarxa.core import selectors
from xarxa.core.errors import API_PREFIX, API_TITLES, problem
from xarxa.core.forms import AuditSearchForm
from xarxa.core.middleware import public
from xarxa.core.policies import CorePerm, require_perm


def home(request):
    previous = request.session.get("previous_login")
    return render(
        request,
        "core/home.html",
        {"previous_login": datetime.fromisoformat(previous) if previous else None},
    )


@public
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


set_language = public(django_set_language)


@require_perm(CorePerm.VIEW_AUDIT_LOG)
def audit_log(request):
    form = AuditSearchForm(request.GET or None)
    page = None
    if form.is_valid():
        events = selectors.audit_event_list_for(request.user, **form.cleaned_data)
        page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.html", {"form": form, "page": page})


def _error(request, status: int, title: str, message: str):
    if request.path.startswith(API_PREFIX):
        return problem(request, status, API_TITLES.get(status, lambda: title)())
    return render(request, "core/error.html", {"title": title, "message": message}, status=status)


@public
def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        return _error(
            request,
            413,
            _("The request is too large"),
            _("Send less at once: a file or a text may be too big."),
        )
    return _error(
        request,
        400,
        _("Something in the request was not right"),
        _("Go back and try again. If it happens again, tell your coordinator."),
    )


@public
def permission_denied(request, exception=None):
    # A refusal that explains itself (e.g. an emergency grant is read only) says why.
    explanation = getattr(exception, "explanation", "")
    return _error(
        request,
        403,
        _("You cannot open this page"),
        str(explanation)
        or _(
            "Your role does not give access to it. The attempt has been recorded. "
            "If you need access, ask your coordinator."
        ),
    )


@public
def not_found(request, exception=None):
    # The same answer for an unknown record and one outside the user's reach
    # (core.policies.OutOfReach): an address never tells whether a record exists.
    return _error(
        request,
        404,
        _("Not found"),
        _(
            "There is nothing at this address, or it is not within your reach. Check the "
            "address; if you need access to a record, ask your coordinator."
        ),
    )


@public
def server_error(request):
    return _error(
        request,
        500,
        _("Something went wrong on our side"),
        _("Nothing you typed was saved by the failed step. Try again in a moment."),
    )


@public
def csrf_failure(request, reason=""):
    return _error(
        request,
        403,
        _("The form had expired"),
        _("For your security, forms expire. Go back, reload the page and send it again."),
    )
