"""What every benchmark does before Django starts: find the project and the database."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xarxa.settings")

DB_HELP = "SQLite data directory (or its xarxa.sqlite3), or a PostgreSQL URL"


def use_database(db: str | None) -> None:
    """Point the settings at ``db``; without it they read XARXA_DATA_DIR / DATABASE_URL,
    as the server does."""
    if not db:
        return
    if "://" in db:
        os.environ["DATABASE_URL"] = db
        return
    path = Path(db)
    directory = path.parent if path.suffix else path
    directory.mkdir(parents=True, exist_ok=True)
    os.environ.pop("DATABASE_URL", None)
    os.environ["XARXA_DATA_DIR"] = str(directory)
