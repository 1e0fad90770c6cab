"""Bring the case standings in line with the case files: a row for every case file, with
its current holder and status. Used by the migration that introduced them, the demo
loader and `uv run xarxa standings_refresh` (after a bulk import, say). Plain SQL, so it
runs in one statement each at a million case files."""

from django.db import connection

COPIED = ("status", "abss_id", "team_id", "reference_professional_id")


def standings_refresh(CaseFile, CaseStanding) -> int:
    """Insert the missing rows and correct the copied columns; returns rows inserted.
    Takes the model classes so a migration can pass its historical ones."""
    quote = connection.ops.quote_name
    cases, standings = quote(CaseFile._meta.db_table), quote(CaseStanding._meta.db_table)
    columns = ", ".join(quote(c) for c in COPIED)
    # Table and column names come from the models' metadata; no value is interpolated.
    insert = (
        f"INSERT INTO {standings} ({quote('case_id')}, {columns}, {quote('level')}) "  # noqa: S608
        f"SELECT c.{quote('id')}, {', '.join('c.' + quote(x) for x in COPIED)}, '' "
        f"FROM {cases} c WHERE NOT EXISTS (SELECT 1 FROM {standings} s "
        f"WHERE s.{quote('case_id')} = c.{quote('id')})"
    )
    distinct = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    differs = " OR ".join(f"{standings}.{quote(x)} {distinct} c.{quote(x)}" for x in COPIED)
    assignments = ", ".join(
        f"{quote(x)} = (SELECT c.{quote(x)} FROM {cases} c "  # noqa: S608
        f"WHERE c.{quote('id')} = {standings}.{quote('case_id')})"
        for x in COPIED
    )
    update = (
        f"UPDATE {standings} SET {assignments} WHERE EXISTS (SELECT 1 FROM {cases} c "  # noqa: S608
        f"WHERE c.{quote('id')} = {standings}.{quote('case_id')} AND ({differs}))"
    )
    with connection.cursor() as cursor:
        cursor.execute(insert)
        inserted = cursor.rowcount
        cursor.execute(update)
    return inserted
