"""Issue 12 item 12: no personal data in logs; searches and lists audited per person shown.

Query strings carry names and document numbers (search), partner-link and password-reset
paths carry bearer secrets: the access log and Django's request log keep neither. A search
or a list that shows a person appears in that person's access log."""

import io
import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection

from xarxa.core.models import AuditAction
from xarxa.core.selectors import audit_event_list_for
from xarxa.people.selectors import person_access_log_for

pytestmark = pytest.mark.django_db

SEARCH = "/persons/?q=Vilar%C3%B3+12345678Z"
PARTNER = "/referrals/answer/SeCrEtPaRtNeRtOkEn123/"


def _gunicorn_line(raw_uri, referer="-"):
    from gunicorn.config import Config

    from xarxa.core.logs import ACCESS_LOG_FORMAT, AccessLogger

    cfg = Config()
    cfg.set("accesslog", "-")
    cfg.set("access_log_format", ACCESS_LOG_FORMAT)
    logger = AccessLogger(cfg)
    stream = io.StringIO()
    logger.access_log.handlers = [logging.StreamHandler(stream)]
    path, _, query = raw_uri.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": raw_uri,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.1",
        "HTTP_REFERER": referer,
        "HTTP_USER_AGENT": "test",
    }
    req = SimpleNamespace(headers=[("REFERER", referer), ("COOKIE", "sessionid=abc")])
    resp = SimpleNamespace(status="200 OK", sent=10, headers=[])
    logger.access(resp, req, environ, timedelta(milliseconds=5))
    return stream.getvalue()


def test_access_log_has_no_query_string():
    line = _gunicorn_line(SEARCH, referer="https://xarxa.example/people/?q=Garcia")
    assert "/persons/" in line
    assert "Vilar" not in line and "12345678Z" not in line and "Garcia" not in line
    assert "q=" not in line and "sessionid" not in line


def test_access_log_redacts_the_partner_link_token():
    line = _gunicorn_line(PARTNER + "?lang=ca")
    assert "/referrals/answer/" in line
    assert "SeCrEtPaRtNeRtOkEn123" not in line


def test_serve_runs_gunicorn_with_the_redacting_logger(monkeypatch):
    started = []

    class FakeProcess:
        def __init__(self, args):
            started.append(args)

        def poll(self):
            return 0

        def wait(self, timeout=None):
            return 0

    monkeypatch.setattr("subprocess.Popen", FakeProcess)
    call_command("serve", "--port", "0")
    web = next(args for args in started if "gunicorn" in args)
    assert web[web.index("--logger-class") + 1] == "xarxa.core.logs.AccessLogger"


@pytest.fixture
def log_output():
    """What the configured stderr handler writes (the one from settings.LOGGING)."""
    from xarxa.core.logs import RedactFilter

    handlers = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RedactFilter) for f in h.filters)
    ]
    assert handlers, "the root log handler must redact"
    stream = io.StringIO()
    old = handlers[0].setStream(stream)
    yield stream
    handlers[0].setStream(old)


def test_django_request_log_redacts_the_partner_token_and_query(client, log_output):
    response = client.get(PARTNER + "?name=Vilaro")
    assert response.status_code == 410
    written = log_output.getvalue()
    assert "/referrals/answer/" in written  # the 410 was logged...
    assert "SeCrEtPaRtNeRtOkEn123" not in written  # ...without the secret
    assert "Vilaro" not in written


def test_any_logged_path_is_redacted(log_output):
    logging.getLogger("django.server").warning('"GET %s HTTP/1.1" 200 10', SEARCH)
    logging.getLogger("xarxa.test").warning("reset at /password-reset/MQ/abc-123def456/ done")
    written = log_output.getvalue()
    assert "/persons/" in written and "12345678Z" not in written
    assert "abc-123def456" not in written


def _shown_to(dpo, person, actor):
    events = person_access_log_for(dpo.user, person)
    return [e for e in events if e.action == AuditAction.LIST and e.actor_id == actor.user.pk]


@pytest.mark.parametrize("via", ["page", "api"])
def test_search_appears_in_the_access_log_of_each_person_shown(
    via, social_worker, dpo, person, client_for, api_for
):
    from tests.factories import PersonFactory

    other = PersonFactory(given_names="Jordi")
    if via == "page":
        response = client_for(social_worker.user).get("/persons/?q=Vilaró")
    else:
        response = api_for(social_worker.user).get("/api/v1/persons?q=Vilaró")
    assert response.status_code == 200
    assert str(person.public_id) in response.content.decode()
    (event,) = _shown_to(dpo, person, social_worker)
    assert _shown_to(dpo, other, social_worker) == [event]  # one row names them all
    assert list(audit_event_list_for(dpo.user, person=str(person.public_id))).count(event) == 1


@pytest.mark.parametrize("via", ["page", "api"])
def test_caseload_appears_in_the_access_log_of_each_person_shown(
    via, social_worker, dpo, case, client_for, api_for
):
    if via == "page":
        response = client_for(social_worker.user).get("/cases/mine/")
    else:
        response = api_for(social_worker.user).get("/api/v1/cases/mine")
    assert response.status_code == 200
    assert len(_shown_to(dpo, case.person, social_worker)) == 1


def test_the_index_of_persons_shown_is_part_of_the_verified_log(social_worker, person):
    from xarxa.core.audit import audit_persons_shown, verify_chain

    audit_persons_shown(social_worker.user, [person], AuditAction.LIST)
    assert list(verify_chain()) == []
    with connection.cursor() as cursor:  # as the database owner would, around the trigger
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        cursor.execute("DELETE FROM core_auditpersonshown WHERE person_id = %s", [str(person.pk)])
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")
    assert list(verify_chain())
