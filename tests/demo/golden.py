"""A canonical digest of everything the demo writes, to pin its output for a seed.

Rows are read in id order; every id (own or referenced) is replaced by its rank in its
table, so the digest is the same on SQLite and PostgreSQL (whose sequences do not roll
back between tests). Only the fields listed are read: a column added later does not
change the digest of the data the demo already wrote."""

import hashlib
import json
from datetime import date, datetime, time
from decimal import Decimal
from uuid import UUID

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection

APPS = (
    "accounts",
    "organisations",
    "people",
    "records",
    "referrals",
    "screening",
    "plans",
    "community",
    "catalogue",
)
# Values that are not the demo's to decide: salted hashes and defaults drawn at random.
SKIP = {
    ("User", "password"),
    ("ServiceLocation", "link_public_id"),
    *(
        (name, "public_id")
        for name in (
            "Incident",
            "News",
            "Organisation",
            "Point",
            "Project",
            "Referral",
            "Resource",
            "Service",
            "ServiceLocation",
            "TrainingCourse",
        )
    ),
}


# Figures rebuilt by aggregate queries: their insertion order is the database's own.
UNORDERED = {"ParticipantYear", "UseMonth"}


def _models():
    for label in APPS:
        yield from apps.get_app_config(label).get_models(include_auto_created=True)


def fresh_sequences() -> None:
    """Ids continue from the rows there are, as in a database no demo has run in.

    Some demo values derive from ids (a point's devices are drawn with ``seed + point
    id``); PostgreSQL's sequences do not roll back with a test's transaction, so without
    this the same seed would give other rows after an earlier test."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(_models()))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _plain(value):
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    return value


def tables() -> dict[str, list]:
    """Each table's rows, ids replaced by ranks."""
    ranks = {}
    for model in _models():
        pk = model._meta.pk.attname
        ids = model.objects.order_by(pk).values_list(pk, flat=True)
        ranks[model] = {value: n for n, value in enumerate(ids, 1)}
    out = {}
    for model in _models():
        name = model.__name__
        fields = [f for f in model._meta.concrete_fields if (name, f.attname) not in SKIP]
        rows = []
        for values in model.objects.order_by("pk").values_list(*[f.attname for f in fields]):
            row = []
            for field, value in zip(fields, values, strict=True):
                target = field.related_model if field.is_relation else None
                if field.primary_key and not field.is_relation:
                    target = model
                if target is not None and value is not None:
                    value = ranks.get(target, {}).get(value, value)
                row.append(_plain(value))
            rows.append(row[1:] if name in UNORDERED else row)
        out[name] = sorted(rows, key=json.dumps) if name in UNORDERED else rows
    return out


def digests() -> dict[str, str]:
    """A short digest of each non-empty table."""
    return {
        name: f"{len(rows)}:"
        + hashlib.sha256(
            json.dumps(rows, sort_keys=True, ensure_ascii=False, default=str).encode()
        ).hexdigest()[:16]
        for name, rows in tables().items()
        if rows
    }
