"""The append-only, hash-chained audit log: writing a row and verifying the chain."""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from xarxa.core import context
from xarxa.core.models import AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64


def _payload(event: AuditEvent) -> str:
    """The canonical text that is hashed: every field that matters, in a fixed order."""
    return json.dumps(
        {
            "seq": event.seq,
            "at": event.at.astimezone(UTC).isoformat(),
            "actor": event.actor_id,
            "actor_label": event.actor_label,
            "action": event.action,
            "object_type": event.object_type,
            "object_id": event.object_id,
            "person_id": event.person_id,
            "reason": event.reason,
            "ip": event.ip_address,
            "request_id": event.request_id,
            "details": event.details,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )


def compute_hash(prev_hash: str, event: AuditEvent) -> str:
    return hashlib.sha256((prev_hash + _payload(event)).encode()).hexdigest()


def object_ref(obj: Model) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


def audit_record(
    *,
    actor,
    action: str,
    obj: Model | None = None,
    object_type: str = "",
    object_id: str = "",
    person_id: str | int | None = None,
    reason: str = "",
    details: dict | None = None,
) -> AuditEvent:
    """Append one event. Runs inside the caller's transaction, so a rolled-back change
    leaves no audit row and a committed one always has its row."""
    if obj is not None:
        object_type, object_id = object_ref(obj)
    ctx = context.current()
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            seq=head.last_seq + 1,
            at=timezone.now(),
            actor=user,
            actor_label=user.get_username() if user else "",
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            person_id="" if person_id is None else str(person_id),
            reason=reason,
            ip_address=ctx.ip_address,
            request_id=ctx.request_id,
            details=details or {},
            prev_hash=head.last_hash,
        )
        event.hash = compute_hash(head.last_hash, event)
        event.save(force_insert=True)
        head.last_seq, head.last_hash = event.seq, event.hash
        head.save(update_fields=["last_seq", "last_hash"])
    return event


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    problem: str


def verify_chain(batch_size: int = 5000) -> Iterator[ChainProblem]:
    """Recompute the chain from the first row; yield every break found."""
    expected_seq, prev_hash = 1, GENESIS_HASH
    rows = AuditEvent.objects.order_by("seq").iterator(chunk_size=batch_size)
    for event in rows:
        if event.seq != expected_seq:
            yield ChainProblem(expected_seq, f"rows {expected_seq}..{event.seq - 1} are missing")
        if event.prev_hash != prev_hash:
            yield ChainProblem(event.seq, "link to the previous row does not match")
        if compute_hash(event.prev_hash, event) != event.hash:
            yield ChainProblem(event.seq, "row content was altered")
        expected_seq, prev_hash = event.seq + 1, event.hash
    head = AuditChainHead.objects.filter(pk=1).first()
    last_seq = expected_seq - 1
    if head and (head.last_seq != last_seq or head.last_hash != prev_hash):
        yield ChainProblem(head.last_seq, "the newest rows were removed")
