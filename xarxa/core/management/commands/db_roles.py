"""Set up the two PostgreSQL roles Xarxa runs with (docs/audit.md):

- the **owner** role owns every table; migrations run as it (or as the administrator
  running this command, after which this command hands the new tables to the owner);
- the **application** role serves the site and runs the worker: it reads and writes the
  tables but owns none, and may only INSERT and SELECT audit rows — no UPDATE, DELETE,
  TRUNCATE, no ALTER to step around the triggers.

Run it with DATABASE_URL naming an administrator (a superuser, or a role with CREATEROLE
that owns the database), after every `migrate`; it is idempotent. `--print-app-url` prints
only the application's DATABASE_URL on stdout (`make run` serves with it)."""

from __future__ import annotations

import secrets
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

AUDIT_TABLES = ("core_auditevent", "core_auditpersonshown")
READ_ONLY_TABLES = ("django_migrations",)


def _app_password(given: str) -> str:
    if given:
        return given
    path = Path(settings.DATA_DIR) / "db_app_password"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(24))
        path.chmod(0o600)
    return path.read_text().strip()


class Command(BaseCommand):
    help = "Create or refresh the PostgreSQL owner and application roles (see docs/audit.md)."

    def add_arguments(self, parser):
        name = settings.DATABASES["default"]["NAME"]
        parser.add_argument("--owner", default=f"{name}_owner", help="owner role name")
        parser.add_argument("--app", default=f"{name}_app", help="application role name")
        parser.add_argument("--app-password", default="", help="else kept in the data dir")
        parser.add_argument("--print-app-url", action="store_true")

    def handle(self, *args, owner, app, app_password, print_app_url, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Database roles apply to PostgreSQL only (SQLite has none).")
        if owner == app:
            raise CommandError("The owner and the application must be two roles.")
        password = _app_password(app_password)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks before ALTER
            self._roles(cursor, owner, app, password)
            self._ownership(cursor, owner)
            self._grants(cursor, owner, app)
        out = sys.stderr if print_app_url else self.stdout
        out.write(f"Roles ready: {owner} owns the tables, {app} serves the site.\n")
        if print_app_url:
            self.stdout.write(self._app_url(app, password))

    def _roles(self, cursor, owner: str, app: str, password: str) -> None:
        q = connection.ops.quote_name
        for role in (owner, app):
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            if cursor.fetchone() is None:
                cursor.execute(f"CREATE ROLE {q(role)} NOLOGIN")
        cursor.execute(
            f"ALTER ROLE {q(app)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %s",
            [password],
        )
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if not cursor.fetchone()[0]:  # to hand tables over, the administrator joins the owner
            cursor.execute(f"GRANT {q(owner)} TO current_user")

    def _ownership(self, cursor, owner: str) -> None:
        q = connection.ops.quote_name
        cursor.execute(
            """
            SELECT c.relname, c.relkind FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
              AND pg_get_userbyid(c.relowner) <> %s
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid
                              AND c.relkind = 'S' AND d.deptype IN ('a', 'i'))
            """,
            [owner],
        )
        for name, kind in cursor.fetchall():
            what = {"S": "SEQUENCE", "v": "VIEW", "m": "MATERIALIZED VIEW"}.get(kind, "TABLE")
            cursor.execute(f"ALTER {what} {q(name)} OWNER TO {q(owner)}")

    def _grants(self, cursor, owner: str, app: str) -> None:
        q = connection.ops.quote_name
        o, a = q(owner), q(app)
        statements = [
            "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
            f"GRANT USAGE ON SCHEMA public TO {a}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {a}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {a}",
            *(
                f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {t} FROM {a}"
                for t in AUDIT_TABLES
            ),
            *(f"REVOKE INSERT, UPDATE, DELETE ON {t} FROM {a}" for t in READ_ONLY_TABLES),
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA public "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {a}",
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA public "
            f"GRANT USAGE, SELECT ON SEQUENCES TO {a}",
        ]
        for sql in statements:
            cursor.execute(sql)

    def _app_url(self, app: str, password: str) -> str:
        url = urlsplit(settings.DATABASE_URL)
        host = url.hostname or ""
        netloc = f"{quote(app)}:{quote(password)}@{host}" + (f":{url.port}" if url.port else "")
        return urlunsplit((url.scheme, netloc, url.path, url.query, url.fragment))
