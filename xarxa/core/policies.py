"""Permission checks shared by every app.

Each app names its permissions in its own ``policies.py`` (a StrEnum of "<app>.<action>"
strings); ``xarxa.accounts.roles`` maps roles to them in one place, and the
authentication backend answers ``user.has_perm(name)`` from that map. No role, no right.
"""

from enum import StrEnum
from functools import wraps

from django.core.exceptions import PermissionDenied

from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction


def deny(user, what: str) -> PermissionDenied:
    """Record a refused attempt and return the exception to raise."""
    audit_record(actor=user, action=AuditAction.DENIED, object_type=what)
    return PermissionDenied


def check_perm(user, perm: str) -> None:
    if not user.has_perm(str(perm)):
        raise deny(user, str(perm))


def require_perm(perm: str):
    """View decorator: 403 (and an audit row) unless the user's role grants ``perm``."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            check_perm(request.user, perm)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class CorePerm(StrEnum):
    VIEW_AUDIT_LOG = "core.view_audit_log"
