import os
import subprocess
import sys

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_security_headers_on_a_personal_data_page(client_for, social_worker):
    response = client_for(social_worker.user).get(reverse("territory:municipality_list"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert response["Cache-Control"] == "no-store, private"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_script_or_style(client_for, social_worker):
    page = client_for(social_worker.user).get(reverse("core:home")).content.decode()
    assert "<script>" not in page
    assert " style=" not in page
    assert "onclick" not in page


def test_session_and_csrf_cookies_are_http_only(client, social_worker, password, settings):
    settings.DEMO_MODE = True
    response = client.post(
        reverse("accounts:login"), {"username": social_worker.username, "password": password}
    )
    assert response.cookies["sessionid"]["httponly"]


def test_friendly_error_pages_without_stack_traces(client_for, social_worker):
    client = client_for(social_worker.user)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Traceback" not in response.content
    assert b"<main" in response.content


def test_server_error_page_is_friendly(client_for, social_worker, settings):
    from django.test import RequestFactory

    from xarxa.core.views import server_error

    request = RequestFactory().get("/")
    request.user = social_worker.user
    response = server_error(request)
    assert response.status_code == 500
    assert b"Traceback" not in response.content


def _check_deploy(extra_env):
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("XARXA_", "DJANGO_"))
    }
    env = {
        **env,
        "XARXA_ENV": "production",
        "XARXA_SECRET_KEY": "p" * 20 + "roduction-only-secret-key-for-the-check-" + "x" * 20,
        "XARXA_ALLOWED_HOSTS": "xarxa.example.cat",
        "DJANGO_SETTINGS_MODULE": "xarxa.settings",
        **extra_env,
    }
    return subprocess.run(
        [sys.executable, "-m", "xarxa", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _check_deploy({})
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_demo_mode():
    result = _check_deploy({"XARXA_DEMO_MODE": "1"})
    assert result.returncode != 0
    assert "Demo mode" in result.stderr


def test_production_refuses_to_start_without_a_secret():
    result = _check_deploy({"XARXA_SECRET_KEY": ""})
    assert result.returncode != 0
    assert "XARXA_SECRET_KEY" in result.stderr
