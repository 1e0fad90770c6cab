"""gunicorn's worker, answering the requests it refuses itself as problem details.

gunicorn refuses an over-long request line, too many or too large headers and malformed
requests before Django sees them, with a small HTML page. An API client then gets HTML
where every other error is RFC 9457 JSON: this worker writes the same refusal (same status)
as a problem, titled in the site's default language (the request's own headers could not
be read)."""

import json
from typing import Any

from gunicorn.http import errors as http_errors
from gunicorn.util import write_nonblock
from gunicorn.workers.sync import SyncWorker

# What each refusal is called; anything else gunicorn calls a client error is a 400.
STATUS_OF = {
    http_errors.LimitRequestLine: (414, "URI Too Long"),
    http_errors.LimitRequestHeaders: (431, "Request Header Fields Too Large"),
}
CLIENT_ERRORS = (
    http_errors.InvalidRequestLine,
    http_errors.InvalidRequestMethod,
    http_errors.InvalidHTTPVersion,
    http_errors.InvalidHeader,
    http_errors.InvalidHeaderName,
    http_errors.LimitRequestLine,
    http_errors.LimitRequestHeaders,
    http_errors.ObsoleteFolding,
    http_errors.InvalidChunkSize,
    http_errors.ChunkMissingTerminator,
)


def problem_bytes(status: int, reason: str) -> bytes:
    """The raw HTTP response: a problem whose title is translated when Django is ready."""
    try:
        from django.conf import settings
        from django.utils import translation

        from xarxa.core.errors import refused_request_title

        with translation.override(settings.LANGUAGE_CODE):
            title = str(refused_request_title(status))
    except Exception:  # Django not loaded: the worker still answers, in English
        title = reason
    body = json.dumps({"type": "about:blank", "title": title, "status": status}).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\n"
        f"Content-Type: application/problem+json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("latin-1") + body


class ProblemWorker(SyncWorker):
    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        if not isinstance(exc, CLIENT_ERRORS):
            super().handle_error(req, client, addr, exc)
            return
        status, reason = STATUS_OF.get(type(exc), (400, "Bad Request"))
        # The refused line is not logged: it may carry a search or a token.
        self.log.warning("Refused request from ip=%s: %s", (addr or ("",))[0], reason)
        try:
            write_nonblock(client, problem_bytes(status, reason))
        except Exception:
            self.log.debug("Failed to send the refusal.")
