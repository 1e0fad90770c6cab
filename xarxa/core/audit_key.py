"""The audit chain's key: held outside the database, so that the database's owner cannot
recompute the chain after rewriting a row.

``XARXA_AUDIT_KEY`` (or ``XARXA_AUDIT_KEY_FILE``, for container secrets) gives it; else a
file ``audit_key`` beside the secret key in the data directory, created on first use,
readable by the application's user only. Back it up with the secret key, apart from the
database backups: without it the chain cannot be verified."""

from __future__ import annotations

import os
import secrets
from functools import cache
from pathlib import Path

from django.conf import settings


def audit_key_path() -> Path:
    return Path(settings.DATA_DIR) / "audit_key"


@cache
def _key_from(value: str, path: str) -> bytes:
    if value:
        return value.encode()
    file = Path(path)
    if not file.exists():
        file.parent.mkdir(parents=True, exist_ok=True)
        try:  # O_EXCL: two processes starting together make one key, not two
            fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_urlsafe(48))
    key = file.read_text().strip()
    if len(key) < 32:
        raise RuntimeError(f"The audit key in {file} is too short (32 characters at least).")
    return key.encode()


def audit_key() -> bytes:
    """The HMAC key of the audit chain (read once per process)."""
    return _key_from(getattr(settings, "XARXA_AUDIT_KEY", ""), str(audit_key_path()))
