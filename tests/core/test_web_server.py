"""What the web server refuses before Django sees a request is a problem too, not HTML.

A real gunicorn, started with the arguments `xarxa serve` uses, gets raw requests over a
socket: an over-long request line, too many headers, a malformed line."""

import json
import os
import socket
import subprocess
import sys
import time

import pytest

from xarxa.core.management.commands.serve import default_web_workers, gunicorn_arguments


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = _free_port()
    env = {**os.environ, "XARXA_ENV": "local", "XARXA_DATA_DIR": str(tmp_path_factory.mktemp("d"))}
    env.pop("DATABASE_URL", None)  # nothing here reaches the database
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", *gunicorn_arguments("127.0.0.1", str(port), 1)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    yield port
    process.terminate()
    process.wait(timeout=20)


def _raw(port: int, request: bytes) -> tuple[str, dict[str, str], bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in header_lines)
    return status_line, headers, body


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET /api/v1/persons?q=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
        (
            b"GET /api/v1/persons HTTP/1.1\r\n"
            + b"".join(b"X-Filler-%d: y\r\n" % n for n in range(150))
            + b"\r\n",
            431,
        ),
        (b"NOT A REQUEST\r\n\r\n", 400),
    ],
    ids=["request-line", "headers", "malformed"],
)
def test_refusals_before_django_are_problems_in_catalan(server, request_bytes, status):
    status_line, headers, body = _raw(server, request_bytes)
    assert status_line.split()[1] == str(status)
    assert headers["Content-Type"] == "application/problem+json"
    problem = json.loads(body)
    assert problem["status"] == status
    # Titled in the site's language (Catalan), not gunicorn's English HTML.
    assert problem["title"] and "<html" not in body.decode()
    assert problem["title"] != "URI Too Long"
    assert "aaaa" not in body.decode()  # the refused address is not echoed back


def test_workers_follow_the_machine(monkeypatch):
    monkeypatch.delenv("WEB_WORKERS", raising=False)
    assert default_web_workers() == (os.cpu_count() or 1) + 1
    monkeypatch.setenv("WEB_WORKERS", "5")
    assert default_web_workers() == 5
