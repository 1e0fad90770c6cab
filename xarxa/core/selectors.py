import uuid
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from xarxa.core.audit import audit_events_about, audit_record
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.core.policies import CorePerm, check_perm
from xarxa.core.types import Actor


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _person_key(person: str) -> str | None:
    """Audit rows name a person by internal key; staff and the API know the public id.
    The person model is named in settings (core sits below the people app)."""
    try:
        public_id = uuid.UUID(person.strip())
    except ValueError:
        return person.strip()
    model = apps.get_model(settings.XARXA_PERSON_MODEL)
    key = model.objects.filter(public_id=public_id).values_list("pk", flat=True).first()
    return None if key is None else str(key)


def audit_event_list_for(
    user: Actor,
    *,
    person: str = "",
    username: str = "",
    action: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AuditEvent]:
    """Search the audit log (data-protection officer). The search itself is logged."""
    check_perm(user, CorePerm.VIEW_AUDIT_LOG)
    events = AuditEvent.objects.select_related("actor")
    if person:
        key = _person_key(person)
        events = audit_events_about(key).select_related("actor") if key else events.none()
    if username:
        events = events.filter(actor_label=username)
    if action:
        events = events.filter(action=action)
    if date_from:
        events = events.filter(at__gte=_day_start(date_from))
    if date_to:
        events = events.filter(at__lt=_day_start(date_to + timedelta(days=1)))
    audit_record(
        actor=user,
        action=AuditAction.LIST,
        object_type="core.auditevent",
        details={
            k: str(v)
            for k, v in {
                "person": person,
                "username": username,
                "action": action,
                "from": date_from,
                "to": date_to,
            }.items()
            if v
        },
    )
    return events.order_by("-seq")
