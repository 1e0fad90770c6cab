"""Test settings: only speed and isolation overrides on top of the real settings."""

import os
import tempfile

os.environ.setdefault("XARXA_DATA_DIR", tempfile.mkdtemp(prefix="xarxa-test-"))
os.environ.setdefault("XARXA_ENV", "local")  # production is the default; tests opt out

from xarxa.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
# The live server of the browser tests serves static files straight from the apps.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Isolation: one process serves every test from 127.0.0.1 within the same minute, so the
# rate limits are out of reach here; tests/accounts sets small ones where it tests them.
XARXA_RATE_LIMITS = {name: (10**9, window) for name, (_, window) in XARXA_RATE_LIMITS.items()}  # noqa: F405
# PostgreSQL refuses TRUNCATE of the audit log (core migration 0005); the flush between
# transactional tests truncates every table, so the test connections may.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c xarxa.allow_audit_truncate=on"  # noqa: F405
