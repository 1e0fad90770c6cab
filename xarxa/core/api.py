from datetime import date, datetime

from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from xarxa.core import selectors

router = Router(tags=["audit"])


class AuditEventOut(Schema):
    seq: int
    at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    person_id: str
    reason: str
    ip_address: str | None
    hash: str

    @staticmethod
    def resolve_actor(event):
        return event.actor_label


@router.get("/events", response=list[AuditEventOut])
@paginate(LimitOffsetPagination)
def audit_events(
    request,
    person: str = "",
    username: str = "",
    action: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
):
    """Search the audit log (data-protection officer only)."""
    return selectors.audit_event_list_for(
        request.auth,
        person=person,
        username=username,
        action=action,
        date_from=date_from,
        date_to=date_to,
    )
