"""Backups as an operator takes them: `xarxa backup` while another process keeps writing,
`xarxa restore` into an empty target, and every row committed before the backup began is
there, with no gap and an intact audit chain. Runs on the suite's database engine."""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

WRITER = r"""
import sys, django
django.setup()
from django.db import transaction
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
progress = open(sys.argv[1], "w")
i = 0
while True:
    with transaction.atomic():
        audit_record(actor=None, action=AuditAction.CREATE, object_type="backup.probe",
                     object_id=str(i))
    progress.seek(0); progress.write(f"{i:010d}"); progress.flush()  # i is committed
    i += 1
"""

PROBES = r"""
import json, django
django.setup()
from xarxa.core.models import AuditEvent
ids = sorted(int(x) for x in AuditEvent.objects.filter(object_type="backup.probe")
             .values_list("object_id", flat=True))
print(json.dumps(ids))
"""


def _target(tmp_path: Path, name: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "xarxa.settings",
        "XARXA_DATA_DIR": str(tmp_path / name),
        "XARXA_ENV": "local",
        # One deployment: the audit chain's key is kept apart from the backups and is the
        # same where the backup is restored (docs/audit.md), else the chain cannot verify.
        "XARXA_AUDIT_KEY": "backup-test-audit-key-0123456789-abcdefghijklmnop",
    }
    url = os.environ.get("DATABASE_URL")
    if url:
        import psycopg

        base = url.rpartition("/")[0]
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS xarxa_backup_{name} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE xarxa_backup_{name}")
        env["DATABASE_URL"] = f"{base}/xarxa_backup_{name}"
    else:
        env.pop("DATABASE_URL", None)
    return env


def _xarxa(env, *args, check=True):
    return subprocess.run(
        [sys.executable, "-m", "xarxa", *args],
        env=env, cwd=ROOT, capture_output=True, text=True, check=check,
    )  # fmt: skip


def _committed(progress: Path) -> int:
    text = progress.read_text().strip() if progress.exists() else ""
    return int(text) if text else -1


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory):
    """A source with the audit log's tables (enough for the check, and quick to migrate),
    backed up while a writer commits one row after another."""
    tmp_path = tmp_path_factory.mktemp("backup")
    source = _target(tmp_path, "src")
    _xarxa(source, "migrate", "core", "-v", "0")
    progress = tmp_path / "progress"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(progress)], env=source, cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while _committed(progress) < 30 and time.monotonic() < deadline:
            time.sleep(0.05)
        before = _committed(progress)
        made = _xarxa(source, "backup", str(tmp_path / "backup"))
        after = _committed(progress)
    finally:
        writer.kill()
        writer.wait()
    assert before >= 30, "the writer did not get going"
    assert "Backed up" in made.stdout
    return tmp_path, before, after


def test_a_backup_taken_under_write_load_restores_every_committed_row(backed_up):
    tmp_path, before, after = backed_up
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["files"] and all(len(f["sha256"]) == 64 for f in manifest["files"].values())
    target = _target(tmp_path, "dst")
    restored = _xarxa(target, "restore", str(tmp_path / "backup"))
    assert "Audit chain intact" in restored.stdout
    ids = json.loads(
        subprocess.run(
            [sys.executable, "-c", PROBES], env=target, cwd=ROOT,
            capture_output=True, text=True, check=True,
        ).stdout.strip().splitlines()[-1]
    )  # fmt: skip
    assert ids == list(range(len(ids))), "the restored rows have a gap"
    assert before < len(ids) <= after + 2  # every row committed before, nothing invented

    again = _xarxa(target, "restore", str(tmp_path / "backup"), check=False)
    assert again.returncode != 0 and "not empty" in again.stderr


def test_a_tampered_backup_is_refused_before_anything_changes(backed_up):
    tmp_path = backed_up[0]
    copy = tmp_path / "tampered"
    shutil.copytree(tmp_path / "backup", copy)
    dump = next(p for p in copy.iterdir() if p.name.startswith("database"))
    with dump.open("r+b") as f:
        f.seek(200)
        f.write(b"\x00tampered\x00")
    target = _target(tmp_path, "dst2")
    refused = _xarxa(target, "restore", str(copy), check=False)
    assert refused.returncode != 0 and "checksum" in refused.stderr
