"""Run the whole system: the web server (gunicorn) and the background worker, together,
and queue the periodic jobs (referral deadlines) for the worker. Ctrl-C (or SIGTERM)
stops everything cleanly."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from xarxa.core.logs import ACCESS_LOG_FORMAT

PERIODIC_SECONDS = 15 * 60  # the jobs are idempotent: running them often is harmless


def default_web_workers() -> int:
    """One process per core and one more (Xarxa's requests are CPU-bound: more processes
    than cores only queue inside the kernel); WEB_WORKERS overrides it."""
    return int(os.environ.get("WEB_WORKERS", (os.cpu_count() or 1) + 1))


def gunicorn_arguments(host: str, port: str, workers: int) -> list[str]:
    """The web server as `make run` and production run it (the API fuzzing uses it too)."""
    return [
        "xarxa.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        # Refusals gunicorn answers itself (over-long request line, headers) as problems.
        "--worker-class",
        "xarxa.core.web_worker.ProblemWorker",
        "--access-logfile",
        "-",
        # No query strings, no partner-link secrets, no headers (core.logs).
        "--logger-class",
        "xarxa.core.logs.AccessLogger",
        "--access-logformat",
        ACCESS_LOG_FORMAT,
        "--graceful-timeout",
        "10",
    ]


class Command(BaseCommand):
    help = "Serve Xarxa with gunicorn and run the task worker alongside it."

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--workers", type=int, default=default_web_workers())

    def handle(self, *args, port, host, workers, **options):
        web = [sys.executable, "-m", "gunicorn", *gunicorn_arguments(host, port, workers)]
        worker = [sys.executable, "-m", "xarxa", "db_worker", "--queue-name", "default"]
        processes = [subprocess.Popen(web), subprocess.Popen(worker)]  # noqa: S603
        self.stdout.write(
            f"Xarxa is serving at http://{host}:{port}/ (data in {settings.DATA_DIR}). "
            "Press Ctrl-C to stop."
        )

        def stop(*_):
            for process in processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGTERM, stop)
        next_tick = 0.0
        try:
            while all(p.poll() is None for p in processes):
                if time.monotonic() >= next_tick:
                    self._queue_periodic_jobs()
                    next_tick = time.monotonic() + PERIODIC_SECONDS
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for process in processes:
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
        self.stdout.write("Xarxa stopped.")

    def _queue_periodic_jobs(self):
        # Each app names its periodic jobs in settings, so core need not import the apps.
        for path in settings.XARXA_PERIODIC_TASKS:
            try:
                import_string(path).enqueue()
            except Exception as error:
                self.stderr.write(f"Could not queue {path}: {error}")
