"""How many audited reads per second the single hash chain takes, alone and concurrently.

Every audited read appends one row to one chain whose head is one locked row, so all the
territory's audited reads serialise through it. This measures appends per second from one
process and from several at once (as gunicorn's workers would), each append in its own
transaction as a request's would be. If the concurrent figure does not grow with the
processes, the head is the bottleneck.

    uv run python bench/audit_appends.py                      # SQLite in /tmp/audit-bench
    uv run python bench/audit_appends.py --db postgres://postgres@127.0.0.1:5432/xarxa_auditbench
"""

import argparse
import multiprocessing
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _harness  # sets the settings module before Django starts


def _appends(db: str, count: int, start: Any) -> None:
    _harness.use_database(db)
    import django

    django.setup()
    from django.db import transaction

    from xarxa.core.audit import audit_record
    from xarxa.core.models import AuditAction

    start.wait()
    for i in range(count):
        with transaction.atomic():
            audit_record(actor=None, action=AuditAction.READ, object_type="bench", object_id=i)


def _rate(db: str, processes: int, per_process: int) -> float:
    start = multiprocessing.Event()
    workers = [
        multiprocessing.Process(target=_appends, args=(db, per_process, start))
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    time.sleep(3)  # every process has set Django up and waits at the line
    began = time.perf_counter()
    start.set()
    for worker in workers:
        worker.join()
        assert worker.exitcode == 0, "an appending process failed"
    return processes * per_process / (time.perf_counter() - began)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/audit-bench", help=_harness.DB_HELP)
    parser.add_argument("--appends", type=int, default=2000, help="per process")
    parser.add_argument("--processes", type=int, default=3)
    args = parser.parse_args()
    if "://" not in args.db:
        shutil.rmtree(args.db, ignore_errors=True)
    _harness.use_database(args.db)
    os.environ.setdefault("XARXA_AUDIT_KEY", "bench-audit-key-0123456789abcdefghijklmnopqrstuv")
    import django
    from django.core.management import call_command
    from django.db import connections

    django.setup()
    call_command("migrate", verbosity=0)
    connections.close_all()  # the appending processes open their own

    alone = _rate(args.db, 1, args.appends)
    together = _rate(args.db, args.processes, args.appends)
    print(f"audit_appends_1_process {alone:.0f} per_s")
    print(f"audit_appends_{args.processes}_processes {together:.0f} per_s")
    print(f"audit_concurrency_gain {together / alone:.2f} x")
    started = time.perf_counter()
    call_command("audit", "verify", verbosity=0)
    print(f"audit_verify_s {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
