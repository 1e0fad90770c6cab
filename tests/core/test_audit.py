from itertools import pairwise

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from xarxa.core.audit import audit_record, verify_chain
from xarxa.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def _three_events(user):
    for n in range(3):
        audit_record(actor=user, action=AuditAction.READ, object_type="x.y", object_id=str(n))


def _without_guard(sql, params=()):
    """Tamper as a database administrator would: around the PostgreSQL trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")  # skips user triggers
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")


def test_events_chain_and_verify(social_worker):
    _three_events(social_worker.user)
    events = list(AuditEvent.objects.order_by("seq"))
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert all(b.prev_hash == a.hash for a, b in pairwise(events))
    assert list(verify_chain()) == []
    call_command("audit", "verify")


def test_altered_row_is_detected(social_worker):
    _three_events(social_worker.user)
    target = AuditEvent.objects.get(object_id="1", object_type="x.y")
    _without_guard("UPDATE core_auditevent SET object_id = %s WHERE id = %s", ["99", target.pk])
    problems = list(verify_chain())
    assert [p.seq for p in problems] == [target.seq]
    with pytest.raises(CommandError):
        call_command("audit", "verify")


def test_removed_row_is_detected(social_worker):
    _three_events(social_worker.user)
    target = AuditEvent.objects.get(object_id="1", object_type="x.y")
    _without_guard("DELETE FROM core_auditevent WHERE id = %s", [target.pk])
    assert any("missing" in p.problem for p in verify_chain())


def test_removed_newest_row_is_detected(social_worker):
    _three_events(social_worker.user)
    newest = AuditEvent.objects.order_by("-seq").first()
    _without_guard("DELETE FROM core_auditevent WHERE id = %s", [newest.pk])
    assert any("newest" in p.problem for p in verify_chain())


def test_orm_refuses_to_change_or_delete(social_worker):
    _three_events(social_worker.user)
    event = AuditEvent.objects.first()
    event.reason = "rewritten"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="database trigger on PostgreSQL")
def test_database_refuses_update_on_postgresql(social_worker):
    _three_events(social_worker.user)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.update(reason="rewritten")


def test_rolled_back_change_leaves_no_audit_row(social_worker):
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=social_worker.user, action=AuditAction.UPDATE, object_type="x.y")
        raise RuntimeError
    assert AuditEvent.objects.count() == before
    assert list(verify_chain()) == []
