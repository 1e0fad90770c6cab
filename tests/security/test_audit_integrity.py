"""Issue 12 item 11: the audit chain survives a database owner.

The owner of the database can rewrite any row and recompute a plain SHA-256 chain; the
chain is keyed with a key held outside the database, so the forgery shows. An anchor file
outside the database catches a chain cut back and re-headed. On PostgreSQL the application
role may only INSERT and SELECT audit rows, and nobody may TRUNCATE them."""

import hashlib
import json
import stat

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, ProgrammingError, connection, transaction

from xarxa.core import audit
from xarxa.core.audit import audit_record, verify_chain
from xarxa.core.models import AuditAction, AuditChainHead, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_files(settings, tmp_path):
    """Each test its own anchor file (the key stays the test run's key)."""
    settings.XARXA_AUDIT_ANCHOR_FILE = tmp_path / "audit_anchors"


def _events(user, n=4):
    for i in range(n):
        audit_record(actor=user, action=AuditAction.READ, object_type="x.y", object_id=str(i))


def _as_owner(sql, params=()):
    """What the database owner can do: step around the row trigger, write any row."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")


def _plain_sha(prev_hash, event):
    return hashlib.sha256((prev_hash + audit._payload(event)).encode()).hexdigest()


def _rechain_with_plain_sha(from_seq=1):
    """Recompute every hash from ``from_seq`` on as an owner without the key would."""
    events = list(AuditEvent.objects.order_by("seq"))
    prev = audit.GENESIS_HASH
    for event in events:
        if event.seq >= from_seq:
            new_hash = _plain_sha(prev, event)
            _as_owner(
                "UPDATE core_auditevent SET prev_hash = %s, hash = %s WHERE id = %s",
                [prev, new_hash, event.pk],
            )
            event.prev_hash, event.hash = prev, new_hash
        prev = event.hash
    _as_owner(
        "UPDATE core_auditchainhead SET last_seq = %s, last_hash = %s WHERE id = 1",
        [events[-1].seq, prev],
    )


def test_owner_rewriting_a_row_and_rechaining_fails_verify(social_worker):
    _events(social_worker.user)
    assert list(verify_chain()) == []
    target = AuditEvent.objects.get(object_type="x.y", object_id="1")
    _as_owner("UPDATE core_auditevent SET reason = %s WHERE id = %s", ["rewritten", target.pk])
    _rechain_with_plain_sha(from_seq=target.seq)
    assert list(verify_chain()), "a chain recomputed without the key must not verify"
    with pytest.raises(CommandError):
        call_command("audit", "verify")


def test_whole_chain_recomputed_without_key_fails_verify(social_worker):
    _events(social_worker.user)
    _rechain_with_plain_sha(from_seq=1)
    assert list(verify_chain())


def test_the_key_lives_outside_the_database_in_a_private_file(social_worker, settings):
    from xarxa.core.audit_key import audit_key, audit_key_path

    _events(social_worker.user, 1)
    path = audit_key_path()
    assert path.parent == settings.DATA_DIR
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(audit_key()) >= 32


def test_anchor_appends_the_head_and_verify_checks_it(social_worker, settings):
    _events(social_worker.user)
    call_command("audit", "anchor")
    _events(social_worker.user, 2)
    call_command("audit", "anchor")
    lines = settings.XARXA_AUDIT_ANCHOR_FILE.read_text().splitlines()
    assert len(lines) == 2
    head = AuditChainHead.objects.get(pk=1)
    assert json.loads(lines[-1])["seq"] == head.last_seq
    assert json.loads(lines[-1])["hash"] == head.last_hash
    call_command("audit", "verify")


def test_anchor_mismatch_is_detected(social_worker):
    """Cut the newest rows and move the head back: the chain itself still looks whole."""
    _events(social_worker.user)
    call_command("audit", "anchor")
    newest = AuditEvent.objects.order_by("-seq").first()
    previous = AuditEvent.objects.get(seq=newest.seq - 1)
    _as_owner("DELETE FROM core_auditevent WHERE id = %s", [newest.pk])
    _as_owner(
        "UPDATE core_auditchainhead SET last_seq = %s, last_hash = %s WHERE id = 1",
        [previous.seq, previous.hash],
    )
    problems = list(verify_chain())
    assert any("anchor" in p.problem for p in problems)
    with pytest.raises(CommandError):
        call_command("audit", "verify")


def test_rows_written_before_keying_are_sealed(social_worker):
    """A chain written before the key existed (plain SHA-256) verifies once sealed, and
    only as a prefix closed by the keyed seal."""
    _events(social_worker.user, 3)
    _rechain_with_plain_sha(from_seq=1)  # as the previous version wrote them
    assert any("seal" in p.problem for p in verify_chain())
    call_command("audit", "seal-legacy")
    assert list(verify_chain()) == []
    _events(social_worker.user, 2)
    assert list(verify_chain()) == []
    # the sealed prefix cannot be rewritten either
    first = AuditEvent.objects.get(seq=1)
    _as_owner("UPDATE core_auditevent SET reason = %s WHERE id = %s", ["rewritten", first.pk])
    _rechain_with_plain_sha(from_seq=1)
    assert list(verify_chain())


pg_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="database roles and TRUNCATE trigger: PostgreSQL"
)


@pg_only
def test_truncate_is_refused_even_for_the_owner(social_worker):
    _events(social_worker.user, 1)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's pending FK checks
        cursor.execute("SET LOCAL xarxa.allow_audit_truncate = 'off'")  # as outside tests
        cursor.execute("TRUNCATE core_auditevent CASCADE")
    assert AuditEvent.objects.exists()


@pg_only
def test_application_role_may_only_insert_and_read_audit_rows(social_worker):
    name = connection.settings_dict["NAME"]
    call_command("db_roles", owner=f"{name}_owner", app=f"{name}_app", app_password="x" * 24)
    _events(social_worker.user, 1)
    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{name}_app"')
        try:
            audit_record(actor=social_worker.user, action=AuditAction.READ, object_type="x.z")
            assert AuditEvent.objects.filter(object_type="x.z").count() == 1
            for sql in (
                "UPDATE core_auditevent SET reason = 'x'",
                "DELETE FROM core_auditevent",
                "TRUNCATE core_auditevent",
                "DELETE FROM core_auditpersonshown",
                "UPDATE core_auditpersonshown SET person_id = '0'",
                "ALTER TABLE core_auditevent DISABLE TRIGGER ALL",
            ):
                with pytest.raises(ProgrammingError), transaction.atomic():
                    cursor.execute(sql)
        finally:
            cursor.execute("RESET ROLE")
