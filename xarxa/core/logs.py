"""Logs without personal data: no query strings (searches carry names and document
numbers), no secrets in paths (partner links, password-reset links).

Two hooks, one rule (``redact``): ``AccessLogger``, gunicorn's logger class, builds the
access-log line from the path alone; ``RedactFilter``, on the log handlers of
settings.LOGGING, rewrites every other record (Django's request log, runserver's lines)."""

from __future__ import annotations

import logging
import re

from gunicorn.glogging import Logger

REDACTED = "[redacted]"
# Paths whose last part is a bearer secret; the prefix stays, to show what was asked.
SECRET_PATHS = [
    re.compile(r"(/referrals/answer/)[^/?#\s\"']+"),
    re.compile(r"(/password-reset/[^/?#\s\"']+/)[^/?#\s\"']+"),
]
# A query string inside a logged path or URL: from "?" to the next space or quote.
QUERY = re.compile(r"(/[^\s\"'?]*)\?[^\s\"']*")

# Apache's common format plus the user agent; no referer (it carries the previous page's
# query string), no request headers, no cookies.
ACCESS_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(a)s" %(M)sms'


def redact(text: str) -> str:
    """The text with query strings dropped and path secrets replaced."""
    text = QUERY.sub(r"\1", text)
    for pattern in SECRET_PATHS:
        text = pattern.sub(rf"\g<1>{REDACTED}", text)
    return text


class RedactFilter(logging.Filter):
    """Rewrites each record's message through ``redact``; drops the request object that
    Django attaches (its repr carries the full path with the query string)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg, record.args = redact(message), ()
        for attribute in ("request", "server_time"):
            record.__dict__.pop(attribute, None)
        return True


class AccessLogger(Logger):
    """gunicorn's logger, with the request line, path and referer redacted and no headers."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = redact(environ.get("PATH_INFO") or "/")
        method, protocol = environ.get("REQUEST_METHOD", "-"), environ.get("SERVER_PROTOCOL")
        safe = {k: v for k, v in atoms.items() if not k.startswith("{")}
        safe.update(r=f"{method} {path} {protocol}", U=path, q="", f="-")
        return safe
