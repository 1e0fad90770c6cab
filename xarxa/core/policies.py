"""Permission checks shared by every app.

Each app names its permissions in its own ``policies.py`` (a StrEnum of "<app>.<action>"
strings); ``xarxa.accounts.roles`` maps roles to them in one place, and the
authentication backend answers ``user.has_perm(name)`` from that map. No role, no right.
"""

from collections.abc import Callable, Iterable
from enum import StrEnum
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse

from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.types import Actor


def deny(user: Actor, what: str) -> type[PermissionDenied]:
    """Record a refused attempt and return the exception to raise."""
    audit_record(actor=user, action=AuditAction.DENIED, object_type=what)
    return PermissionDenied


class OutOfReach(Http404):
    """A record outside the user's reach: answered exactly as one that does not exist
    (404, the same page and problem document), so an id never tells whether a record
    exists. Only for looking a record up by its id; refusing an action on a record the
    user does see stays a 403."""


def out_of_reach(
    user: Actor,
    *,
    obj: Model | None = None,
    object_type: str = "",
    object_id: str = "",
    person_ids: Iterable[int | None] = (),
) -> OutOfReach:
    """Record the refused attempt (one DENIED row per person concerned, so it shows in
    their access log) and return the exception to raise: a 404 like a missing record."""
    for person_id in list(person_ids) or [None]:
        audit_record(
            actor=user,
            action=AuditAction.DENIED,
            obj=obj,
            object_type=object_type,
            object_id=object_id,
            person_id=person_id,
        )
    return OutOfReach()


def check_perm(user: Actor, perm: str) -> None:
    if not user.has_perm(str(perm)):
        raise deny(user, str(perm))


def require_perm(perm: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """View decorator: 403 (and an audit row) unless the user's role grants ``perm``."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            check_perm(request.user, perm)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class CorePerm(StrEnum):
    VIEW_AUDIT_LOG = "core.view_audit_log"
