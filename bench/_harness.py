"""What every benchmark shares: finding the project and the database before Django
starts, a signed-in client, and the median of a page's server time."""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xarxa.settings")
os.environ.setdefault("XARXA_ENV", "local")  # a benchmark builds demo data: never production

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


def signed_in_client(user):
    """A test Client signed in as ``user`` past the second factor, as a browser would be
    (called after django.setup())."""
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", confirmed=True)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def median_ms(client, path, params=None, runs=9) -> float:
    """Median server time of ``runs`` GETs, after two that warm the caches."""
    times = []
    for _ in range(runs + 2):
        started = time.perf_counter()
        response = client.get(path, params or {})
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times[2:])
