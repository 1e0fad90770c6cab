"""Test settings: only speed and isolation overrides on top of the real settings."""

import os
import tempfile

os.environ.setdefault("XARXA_DATA_DIR", tempfile.mkdtemp(prefix="xarxa-test-"))

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
