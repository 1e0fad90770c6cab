"""Bulk writing for the demo generators: rows go straight into a table in chunks
(executemany, or COPY on PostgreSQL) with ids precomputed, never through per-row ORM
saves or per-row audit, so a million persons load in minutes."""

import time

from django.db import connection, models


def refresh_statistics() -> None:
    """After a bulk load: planner statistics, and on PostgreSQL the visibility map that
    index-only scans of the search postings need (autovacuum would do it, later)."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


class Writer:
    """Buffered executemany into one table, with database-ready values."""

    def __init__(self, model, fields, chunk=20_000):
        self.name = model._meta.db_table
        self.table = connection.ops.quote_name(self.name)
        # A column the generator does not write takes the model's constant default, so a
        # new field with a default never breaks the demo (the database holds no defaults).
        unlisted = [
            f
            for f in model._meta.concrete_fields
            if f.name not in fields and f.has_default() and not callable(f.default)
        ]
        self.extra = tuple(f.get_db_prep_save(f.get_default(), connection) for f in unlisted)
        fields = [*fields, *(f.name for f in unlisted)]
        columns = [model._meta.get_field(f).column for f in fields]
        placeholders = ", ".join(["%s"] * len(columns))
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        # Names come from the model's metadata, values are bound parameters.
        self.sql = f"INSERT INTO {self.table} ({quoted}) VALUES ({placeholders})"  # noqa: S608
        self.copy_sql = f"COPY {self.table} ({quoted}) FROM STDIN"
        self.rows, self.chunk, self.count, self.seconds = [], chunk, 0, 0.0
        self.add = self.rows.append  # hot path: no method call per row

    def full(self) -> bool:
        return len(self.rows) >= self.chunk

    def flush(self):
        if not self.rows:
            return
        started = time.perf_counter()
        if self.extra:
            self.rows[:] = [(*row, *self.extra) for row in self.rows]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY streams the rows: an order of magnitude faster than INSERTs.
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                cursor.executemany(self.sql, self.rows)
        self.count += len(self.rows)
        self.rows.clear()
        self.seconds += time.perf_counter() - started


def next_id(model) -> int:
    """The first free id of a table: the generator numbers its rows from here."""
    return (model.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1
