"""Anchors of the audit chain: the head's sequence number and hash, appended now and then
(``xarxa audit anchor``, e.g. hourly from cron) to a file outside the database.

The file is only ever opened for appending; put it on storage the database's owner cannot
write (another machine, a WORM bucket, ``chattr +a``). ``audit verify`` checks that every
anchored row still has the anchored hash, so cutting the newest rows and moving the head
back, which leaves a chain that looks whole, shows. Each line carries an HMAC with the
audit key, so a line cannot be forged without the key either."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from xarxa.core.audit_key import audit_key


@dataclass(frozen=True)
class Anchor:
    line: int
    seq: int
    hash: str
    at: str
    genuine: bool


def anchor_path() -> Path:
    return Path(settings.XARXA_AUDIT_ANCHOR_FILE)


def _mac(seq: int, hash_: str, at: str) -> str:
    return hmac.new(audit_key(), f"{seq}:{hash_}:{at}".encode(), hashlib.sha256).hexdigest()


def anchor_append(seq: int, hash_: str) -> Anchor:
    """Append one line: {"seq", "hash", "at", "mac"}; fsynced before returning."""
    at = timezone.now().isoformat()
    line = json.dumps({"seq": seq, "hash": hash_, "at": at, "mac": _mac(seq, hash_, at)})
    path = anchor_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (line + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    return Anchor(0, seq, hash_, at, True)


def anchors_read() -> list[Anchor]:
    path = anchor_path()
    if not path.exists():
        return []
    found = []
    for number, text in enumerate(path.read_text().splitlines(), start=1):
        if not text.strip():
            continue
        try:
            row = json.loads(text)
            seq, hash_, at = int(row["seq"]), str(row["hash"]), str(row["at"])
            genuine = hmac.compare_digest(str(row.get("mac", "")), _mac(seq, hash_, at))
        except (ValueError, KeyError, TypeError):
            found.append(Anchor(number, 0, "", "", False))
            continue
        found.append(Anchor(number, seq, hash_, at, genuine))
    return found
