"""The append-only, hash-chained audit log: writing a row and verifying the chain.

Each row's hash is an HMAC-SHA256, with a key held outside the database (core.audit_key),
over the previous row's hash and the row's content: the database's owner can rewrite a row
but cannot recompute the chain. Rows written before the chain was keyed (plain SHA-256)
are accepted only as the chain's first rows, closed by a keyed SEAL row naming the last
of them (written by migration core 0005 or ``xarxa audit seal-legacy``)."""

import hashlib
import hmac
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC

from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from xarxa.core import context
from xarxa.core.audit_anchor import anchor_append, anchors_read
from xarxa.core.audit_key import audit_key
from xarxa.core.models import AuditAction, AuditChainHead, AuditEvent, AuditPersonShown

GENESIS_HASH = "0" * 64


def _payload(event) -> str:
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


def compute_hash(prev_hash: str, event) -> str:
    """The keyed hash of a row (HMAC-SHA256 with the audit key)."""
    message = (prev_hash + _payload(event)).encode()
    return hmac.new(audit_key(), message, hashlib.sha256).hexdigest()


def legacy_hash(prev_hash: str, event) -> str:
    """The hash of rows written before the chain was keyed: plain SHA-256."""
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
    # No savepoint: a failed append fails the caller's transaction, which is what we want,
    # and every read appends, so the two extra queries of a savepoint count.
    with transaction.atomic(savepoint=False):
        return _append_row(
            AuditEvent,
            AuditChainHead,
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
        )


def audit_persons_shown(
    actor,
    persons: Iterable[Model | int | str | None],
    action: str = AuditAction.LIST,
    *,
    object_type: str = "people.person",
    details: dict | None = None,
    reason: str = "",
) -> AuditEvent:
    """One audit row for a search or a list, naming every person it showed (objects or
    keys) in ``details["person_ids"]``, and indexed so that each person's access log lists
    it: one row and one bulk insert, however many persons."""
    ids = sorted({str(getattr(p, "pk", p)) for p in persons if p is not None})
    with transaction.atomic(savepoint=False):
        event = audit_record(
            actor=actor,
            action=action,
            object_type=object_type,
            person_id=ids[0] if len(ids) == 1 else None,
            reason=reason,
            details={**(details or {}), "person_ids": ids},
        )
        if ids:
            AuditPersonShown.objects.bulk_create(
                [AuditPersonShown(event=event, person_id=key) for key in ids]
            )
    return event


def audit_events_about(person_key: str | int) -> QuerySet[AuditEvent]:
    """Every audit row about one person: naming them, or a list or search that showed them."""
    key = str(person_key)
    shown = AuditPersonShown.objects.filter(person_id=key).values("event_id")
    return AuditEvent.objects.filter(Q(person_id=key) | Q(pk__in=shown))


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    problem: str


def _append_row(event_model, head_model, **fields):
    """Append one row after the head, under a lock on the head. The models are passed in
    so that migrations can seal with their historical models."""
    head, _ = head_model.objects.select_for_update().get_or_create(pk=1)
    event = event_model(seq=head.last_seq + 1, prev_hash=head.last_hash, **fields)
    event.hash = compute_hash(head.last_hash, event)
    event.save(force_insert=True)
    head.last_seq, head.last_hash = event.seq, event.hash
    head.save(update_fields=["last_seq", "last_hash"])
    return event


def seal_legacy(event_model=AuditEvent, head_model=AuditChainHead):
    """Close the rows written before keying with a keyed SEAL row; None if nothing to seal.

    Only the newest row is looked at: if it verifies with the plain hash, every row so far
    was written before keying (the first keyed row would have ended the legacy prefix)."""
    with transaction.atomic():
        head, _ = head_model.objects.select_for_update().get_or_create(pk=1)
        last = event_model.objects.filter(seq=head.last_seq).first()
        if last is None or last.hash != legacy_hash(last.prev_hash, last):
            return None
        return _append_row(
            event_model,
            head_model,
            at=timezone.now(),
            actor=None,
            actor_label="",
            action=AuditAction.SEAL,
            object_type="core.auditevent",
            details={"legacy_through": last.seq, "legacy_head": last.hash},
        )


def anchor_head() -> tuple[int, str]:
    """Append the head's sequence number and hash to the anchor file."""
    head, _ = AuditChainHead.objects.get_or_create(pk=1)
    anchor_append(head.last_seq, head.last_hash)
    return head.last_seq, head.last_hash


def _anchor_problems(anchors, seq: int, hash_: str) -> Iterator[ChainProblem]:
    for anchor in anchors.get(seq, ()):
        if anchor.hash != hash_:
            yield ChainProblem(seq, f"row differs from the anchor of {anchor.at}")


def verify_chain(batch_size: int = 5000) -> Iterator[ChainProblem]:
    """Recompute the chain from the first row; yield every break found."""
    anchors: dict[int, list] = {}
    for anchor in anchors_read():
        if not anchor.genuine:
            yield ChainProblem(anchor.seq, f"anchor line {anchor.line} is not genuine")
        else:
            anchors.setdefault(anchor.seq, []).append(anchor)
    expected_seq, prev_hash = 1, GENESIS_HASH
    legacy_from, legacy_open = 0, True  # plain-hash rows: only first, only until sealed
    shown = 0  # persons named by list rows: the index must hold exactly as many
    rows = AuditEvent.objects.order_by("seq").iterator(chunk_size=batch_size)
    for event in rows:
        if event.seq != expected_seq:
            yield ChainProblem(expected_seq, f"rows {expected_seq}..{event.seq - 1} are missing")
        if event.prev_hash != prev_hash:
            yield ChainProblem(event.seq, "link to the previous row does not match")
        if compute_hash(event.prev_hash, event) == event.hash:
            if legacy_from and legacy_open and not _seals(event, legacy_from):
                yield ChainProblem(legacy_from, _unsealed(legacy_from, event.seq - 1))
            legacy_open = False
        elif legacy_open and legacy_hash(event.prev_hash, event) == event.hash:
            legacy_from = legacy_from or event.seq
        else:
            legacy_open = False
            yield ChainProblem(event.seq, "row content was altered")
        yield from _anchor_problems(anchors, event.seq, event.hash)
        shown += len(event.details.get("person_ids", ())) if isinstance(event.details, dict) else 0
        expected_seq, prev_hash = event.seq + 1, event.hash
    last_seq = expected_seq - 1
    if legacy_from and legacy_open:
        yield ChainProblem(legacy_from, _unsealed(legacy_from, last_seq))
    if AuditPersonShown.objects.count() != shown:
        yield ChainProblem(last_seq, "the index of persons shown by lists was altered")
    for seq in sorted(s for s in anchors if s > last_seq):
        yield ChainProblem(seq, "an anchored row is missing: the chain was cut back")
    head = AuditChainHead.objects.filter(pk=1).first()
    if head and (head.last_seq != last_seq or head.last_hash != prev_hash):
        yield ChainProblem(head.last_seq, "the newest rows were removed")


def _seals(event: AuditEvent, legacy_from: int) -> bool:
    return (
        event.action == AuditAction.SEAL
        and legacy_from == 1
        and event.details.get("legacy_through") == event.seq - 1
    )


def _unsealed(first: int, last: int) -> str:
    return (
        f"rows {first}..{last} are not keyed and not sealed "
        "(written without the key: run `xarxa audit seal-legacy` after an upgrade)"
    )
