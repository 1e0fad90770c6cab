"""Xarxa settings: one module, driven by the environment.

XARXA_ENV selects the deployment kind:
- ``production``: secrets must come from the environment, cookies are Secure and
  ``__Host-`` prefixed, HSTS and HTTPS redirect are on, demo mode is refused.
- ``local``: a development or demo machine served over plain HTTP on localhost. An
  explicit opt-in (the Makefile sets it for its own commands, ``make run`` included): a
  server started without XARXA_ENV is a production server.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    """Read NAME, or the contents of the file named by NAME_FILE (for container secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


XARXA_ENV = os.environ.get("XARXA_ENV") or "production"
if XARXA_ENV not in {"local", "production"}:
    raise ImproperlyConfigured("XARXA_ENV must be 'local' or 'production'.")
PRODUCTION = XARXA_ENV == "production"

DATA_DIR = Path(os.environ.get("XARXA_DATA_DIR", BASE_DIR / "var")).resolve()

# Demo mode lets the demo accounts (flagged by `xarxa demo`) skip the second factor; every
# other account still needs it. Refused in production, as `xarxa demo` is.
DEMO_MODE = env_bool("XARXA_DEMO_MODE")
if PRODUCTION and DEMO_MODE:
    raise ImproperlyConfigured("Demo mode can never be enabled in production.")


def _local_secret_key() -> str:
    """A per-machine key kept under the data directory, created on first use."""
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = env_str("XARXA_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("Set XARXA_SECRET_KEY (or XARXA_SECRET_KEY_FILE).")
    SECRET_KEY = _local_secret_key()

# The audit chain's HMAC key and anchor file live outside the database (see core.audit_key,
# docs/audit.md). Without XARXA_AUDIT_KEY the key is a file beside the secret key.
XARXA_AUDIT_KEY = env_str("XARXA_AUDIT_KEY")
XARXA_AUDIT_ANCHOR_FILE = Path(
    os.environ.get("XARXA_AUDIT_ANCHOR_FILE", DATA_DIR / "audit_anchors")
).resolve()

DEBUG = env_bool("XARXA_DEBUG") and not PRODUCTION
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("XARXA_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("XARXA_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "xarxa.core",
    "xarxa.territory",
    "xarxa.organisations",
    "xarxa.accounts",
    "xarxa.people",
    "xarxa.records",
    "xarxa.catalogue",
    "xarxa.referrals",
    "xarxa.screening",
    "xarxa.plans",
    "xarxa.community",
    "xarxa.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "xarxa.core.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "xarxa.core.middleware.SessionRenewalMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "xarxa.core.middleware.UnreadableQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "xarxa.core.middleware.RateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "xarxa.core.middleware.StaffGateMiddleware",
    "xarxa.core.middleware.PrivateCacheMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "xarxa.urls"
WSGI_APPLICATION = "xarxa.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "xarxa" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "xarxa.core.context_processors.xarxa",
            ],
        },
    },
]

# --- Database: embedded SQLite by default, PostgreSQL when DATABASE_URL is set.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "xarxa.sqlite3"),
            # Keep the connection between requests: a new one starts with an empty page
            # cache and runs the PRAGMAs again (a few milliseconds on every request).
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # One writer at a time: IMMEDIATE makes writers queue on the busy timeout
                # instead of failing with "database is locked"; FULL fsyncs every commit.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=FULL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA cache_size=-64000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Background work: django-tasks with its database backend and worker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Passwords and sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "xarxa.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "xarxa.accounts.backends.StaffBackend",
]
# Roles → permissions, decided in one place above every app (see xarxa/permissions.py).
XARXA_ROLE_PERMISSIONS = "xarxa.permissions.ROLE_PERMISSIONS"
# The person model, for core code that names persons without importing the people app.
XARXA_PERSON_MODEL = "people.Person"
# Jobs `xarxa serve` queues for the worker every 15 minutes (each is idempotent).
XARXA_PERIODIC_TASKS = ["xarxa.referrals.tasks.referral_deadlines"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
OTP_TOTP_ISSUER = "Xarxa"

# Login throttling (django-axes): five failures lock that username from that address.
AXES_FAILURE_LIMIT = env_int("XARXA_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "xarxa.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The caller's address, as the audit log and the rate limits also read it: X-Forwarded-For
# is believed only when the request comes from one of the trusted proxies.
AXES_CLIENT_IP_CALLABLE = "xarxa.core.throttle.client_ip"
XARXA_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("XARXA_TRUSTED_PROXIES", "").split(",") if p.strip()
]

# Rate limits: (requests, seconds) per key, counted in Django's cache. The default cache
# is per process: behind several server processes set a shared one (CACHES).
XARXA_RATE_LIMITS = {
    "api_ip": (env_int("XARXA_API_IP_RATE", 600), 60),  # every API call from one address
    "api_token": (env_int("XARXA_API_TOKEN_RATE", 300), 60),  # every call with one token
    "search": (env_int("XARXA_SEARCH_RATE", 60), 60),  # person searches by one user
    "sign_in": (env_int("XARXA_SIGN_IN_RATE", 30), 60),  # sign-in and reset posts per address
}

# Second factor: an administrator's one-time activation code opens enrolment.
ACTIVATION_CODE_HOURS = env_int("XARXA_ACTIVATION_CODE_HOURS", 72)
ACTIVATION_CODE_MAX_ATTEMPTS = 5
RECOVERY_CODES = 10
# Reset links are signed, work once (the password hash is part of the signature) and expire.
PASSWORD_RESET_TIMEOUT = env_int("XARXA_PASSWORD_RESET_SECONDS", 24 * 3600)

# Emergency access: grants one user may open in 7 days; duplicate checks before
# registering a person one user may run in an hour (probes for who exists elsewhere).
XARXA_EMERGENCY_GRANTS_PER_WEEK = env_int("XARXA_EMERGENCY_GRANTS_PER_WEEK", 5)
XARXA_DUPLICATE_CHECKS_PER_HOUR = env_int("XARXA_DUPLICATE_CHECKS_PER_HOUR", 60)

# --- Mail (account notices; the outbox comes later). Console on a local machine.
EMAIL_BACKEND = os.environ.get(
    "XARXA_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("XARXA_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("XARXA_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("XARXA_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("XARXA_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("XARXA_EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("XARXA_FROM_EMAIL", "xarxa@localhost")
# The address links in mails point at (https://xarxa.example.cat); the request's own otherwise.
XARXA_BASE_URL = os.environ.get("XARXA_BASE_URL", "").rstrip("/")

# --- Sessions: expire after inactivity; the page warns before that happens. However active,
# a session ends SESSION_ABSOLUTE_SECONDS after sign-in. The password is asked again before
# emergency access, exports and token creation when it was typed longer ago than
# XARXA_REAUTH_SECONDS.
SESSION_COOKIE_AGE = env_int("XARXA_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_ABSOLUTE_SECONDS = env_int("XARXA_SESSION_ABSOLUTE_SECONDS", 10 * 3600)
XARXA_REAUTH_SECONDS = env_int("XARXA_REAUTH_SECONDS", 10 * 60)
SESSION_SAVE_EVERY_REQUEST = False  # renewed by SessionRenewalMiddleware instead
SESSION_RENEW_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_WARNING_SECONDS = 120
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "xarxa.core.views.csrf_failure"

# --- Transport security.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_bool("XARXA_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 63072000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy: no inline script or style, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# --- Languages and time: Catalan first.
LANGUAGE_CODE = "ca"
LANGUAGES = [("ca", "Català"), ("es", "Español"), ("en", "English")]
LOCALE_PATHS = [Path(os.environ.get("XARXA_LOCALE_DIR", BASE_DIR / "locale"))]
LANGUAGE_COOKIE_NAME = "xarxa_language"
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Madrid"
USE_I18N = True
USE_TZ = True

# --- Static files, served by WhiteNoise from the app server.
STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "xarxa" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"

# --- Structured logs: one JSON object per line on stderr.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    # No query strings, no secrets in paths (partner links): core.logs.
    "filters": {"redact": {"()": "xarxa.core.logs.RedactFilter"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["redact"]}
    },
    "root": {"handlers": ["stderr"], "level": os.environ.get("XARXA_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # runserver's request lines: through the redacting handler, not Django's own.
        "django.server": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}

XARXA_PRODUCT_NAME = _("Xarxa")
API_TOKEN_DEFAULT_DAYS = 90
API_TOKEN_MAX_DAYS = env_int("XARXA_API_TOKEN_MAX_DAYS", 180)
