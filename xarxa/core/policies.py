"""Permission checks shared by every app.

Each app names its permissions in its own ``policies.py`` (a StrEnum of "<app>.<action>"
strings); ``xarxa.accounts.roles`` maps roles to them in one place, and the
authentication backend answers ``user.has_perm(name)`` from that map. No role, no right.
"""

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.types import Actor


def deny(user: Actor, what: str) -> type[PermissionDenied]:
    """Record a refused attempt and return the exception to raise."""
    audit_record(actor=user, action=AuditAction.DENIED, object_type=what)
    return PermissionDenied


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
