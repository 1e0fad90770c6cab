"""Backups that restore: one consistent copy of the database and the media files, with a
manifest of checksums, and a restore that refuses anything but an empty target.

SQLite is copied with its online backup API (a consistent snapshot while the site keeps
serving and writing); PostgreSQL with ``pg_dump`` in custom format (one MVCC snapshot) and
``pg_restore``. A restore checks every checksum before it touches the target.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
MEDIA_DIR = "media"


class BackupError(Exception):
    """The backup or restore cannot go ahead; nothing was changed."""


@dataclass(frozen=True)
class Outcome:
    path: Path
    files: int
    bytes: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _database() -> dict[str, Any]:
    return dict(settings.DATABASES["default"])


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _pg_env_and_url() -> tuple[dict[str, str], str]:
    db = _database()
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    host, port = db.get("HOST") or "localhost", db.get("PORT") or "5432"
    url = f"postgresql://{db.get('USER') or ''}@{host}:{port}/{db['NAME']}"
    return env, url


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")


def backup(destination: Path) -> Outcome:
    """Write a backup into ``destination`` (a new or empty directory)."""
    destination = destination.resolve()
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty.")
    destination.mkdir(parents=True, exist_ok=True)
    if _is_postgres():
        env, url = _pg_env_and_url()
        _run(
            ["pg_dump", "--format=custom", "--no-owner", f"--file={destination / PG_FILE}", url],
            env,
        )
    else:
        source = sqlite3.connect(str(_database()["NAME"]))
        target = sqlite3.connect(str(destination / SQLITE_FILE))
        try:
            source.backup(target)  # one consistent snapshot, even while others write
        finally:
            target.close()
            source.close()
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir():
        shutil.copytree(media, destination / MEDIA_DIR)
    files: dict[str, dict[str, Any]] = {
        str(p.relative_to(destination)): {"sha256": _sha256(p), "bytes": p.stat().st_size}
        for p in sorted(destination.rglob("*"))
        if p.is_file()
    }
    manifest = {
        "format": 1,
        "created_at": timezone.now().isoformat(),
        "engine": connection.vendor,
        "files": files,
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return Outcome(destination, len(files), sum(f["bytes"] for f in files.values()))


def verify(source: Path) -> dict[str, Any]:
    """The manifest, once every file in it is present with its checksum."""
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"No readable manifest in {source}: {error}") from None
    for name, expected in manifest["files"].items():
        path = source / name
        if not path.is_file() or _sha256(path) != expected["sha256"]:
            raise BackupError(f"{name} is missing or does not match its checksum.")
    return manifest


def _target_is_empty() -> bool:
    return not connection.introspection.table_names()


def restore(source: Path) -> Outcome:
    """Restore ``source`` into the configured database, which must be empty."""
    source = source.resolve()
    manifest = verify(source)
    if manifest["engine"] != connection.vendor:
        raise BackupError(f"The backup is of {manifest['engine']}, the target {connection.vendor}.")
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir() and any(media.iterdir()):
        raise BackupError(f"The media directory {media} is not empty.")
    if _is_postgres():
        if not _target_is_empty():
            raise BackupError("The target database is not empty.")
        env, url = _pg_env_and_url()
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                f"--dbname={url}",
                str(source / PG_FILE),
            ],
            env,
        )
    else:
        target = Path(_database()["NAME"])
        connection.close()
        if target.exists() and target.stat().st_size and _sqlite_has_tables(target):
            raise BackupError(f"The target database {target} is not empty.")
        for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / SQLITE_FILE, target)
    if (source / MEDIA_DIR).is_dir():
        shutil.copytree(source / MEDIA_DIR, media, dirs_exist_ok=True)
    files = manifest["files"]
    return Outcome(source, len(files), sum(f["bytes"] for f in files.values()))


def _sqlite_has_tables(path: Path) -> bool:
    probe = sqlite3.connect(str(path))
    try:
        return bool(probe.execute("SELECT 1 FROM sqlite_master WHERE type = 'table'").fetchone())
    finally:
        probe.close()
