"""Django settings for Tiltak, read from the environment.

Environment: DATABASE_URL, TILTAK_DATA_DIR (default ./data), SECRET_KEY, DEBUG,
ALLOWED_HOSTS (comma-separated), CSRF_TRUSTED_ORIGINS (comma-separated), SECURE_COOKIES
(default: on unless DEBUG), TILTAK_HTTPS=1 (behind HTTPS: redirect to HTTPS and send HSTS),
TILTAK_PROXY_SSL_HEADER=1 (trust X-Forwarded-Proto from the reverse proxy), EMAIL_URL-like
settings EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD,
EMAIL_USE_TLS, DEFAULT_FROM_EMAIL, TILTAK_BASE_URL (links in e-mails), TILTAK_SOURCE_URL and
TILTAK_CONTACT_EMAIL (the public footer and accessibility statement), and OIDC_RP_CLIENT_ID,
OIDC_RP_CLIENT_SECRET, OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_TOKEN_ENDPOINT,
OIDC_OP_USER_ENDPOINT, OIDC_OP_JWKS_ENDPOINT (OpenID Connect login, off unless all are set;
optional OIDC_OP_ISSUER, OIDC_RP_SIGN_ALGO, OIDC_RP_SCOPES, OIDC_USE_PKCE,
TILTAK_OIDC_PROVIDER_NAME; see tiltak.accounts.oidc). Several servers (tiltak.deployment):
CACHE_URL (redis://, rediss://, db://table, locmem:// the default), TILTAK_STORAGE_URL (unset:
the data directory; file:///path; s3://bucket/prefix?endpoint_url=… with `tiltak[s3]`) and
TILTAK_SERVERS; SECRET_KEY must be set when they say more than one server shares the data.
Background jobs (tiltak.jobs): TILTAK_JOBS (database, the default, or immediate),
TILTAK_JOB_ATTEMPTS, TILTAK_JOB_RETRY_SECONDS, TILTAK_JOB_TIMEOUT, TILTAK_REMINDER_HOURS,
TILTAK_JOB_THRESHOLD_ROWS, TILTAK_JOB_THRESHOLD_BYTES.
"""

from __future__ import annotations

import importlib.util
import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF

from tiltak import deployment

# Lets Django's generic classes be subscripted at run time (`admin.ModelAdmin[Plan]`), as their
# stubs (django-stubs, checked by mypy) declare them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    """A yes/no environment variable: 1, true, yes, on (any case) mean yes."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: str) -> list[str]:
    """A comma-separated environment variable as a list without empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("TILTAK_DATA_DIR") or "data").resolve()


def _data_dir() -> Path:
    """The data directory, created if missing."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return DATA_DIR


def _secret_key() -> str:
    """SECRET_KEY from the environment, else the data directory's `secret_key` file (made 0600).

    Serving through tiltak.wsgi with DEBUG off refuses a key that is not from the environment.
    """
    if key := os.environ.get("SECRET_KEY", "").strip():
        return key
    path = _data_dir() / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    key = secrets.token_urlsafe(50)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key + "\n")
    return key


def _several_servers() -> tuple[dict[str, Any], dict[str, dict[str, Any]], str | None]:
    """The cache and file storages from the environment, and why they mean several servers;
    an unusable value stops here with one line saying what to set."""
    try:
        cache = deployment.parse_cache_url(os.environ.get("CACHE_URL", ""))
        files = deployment.parse_storage_url(os.environ.get("TILTAK_STORAGE_URL", ""), DATA_DIR)
        reason = deployment.several_servers(os.environ, cache, files)
        deployment.require_shared_secret(os.environ, reason)
    except deployment.ConfigError as error:
        print(f"tiltak: error: {error}", file=sys.stderr)
        raise SystemExit(2) from None
    return cache, files, reason


CACHE, FILE_STORAGES, SEVERAL_SERVERS = _several_servers()
DEBUG = env_bool("DEBUG")
SECRET_KEY = _secret_key()
SECRET_KEY_FROM_ENVIRONMENT = bool(os.environ.get("SECRET_KEY", "").strip())
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "tiltak.caching",
    "tiltak.display",
    "tiltak.audit",
    "tiltak.plans",
    "tiltak.accounts",
    "tiltak.portal",
    "tiltak.search",
    "tiltak.api",
    "tiltak.opendata",
    "tiltak.lineage",
    "tiltak.rounds",
    "tiltak.imports",
    "tiltak.jobs",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Only the public pages follow the reader's language; the rest stays in bokmål.
    "tiltak.portal.language.PublicLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "tiltak.security.ApiDocsCSPMiddleware",
    "tiltak.audit.context.AuditMiddleware",
    "tiltak.api.caching.PublicResponseCache",
    # django-axes last: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tiltak.urls"
WSGI_APPLICATION = "tiltak.wsgi.application"

# django-ninja is not an installed app: its package would be imported (with pydantic) whenever
# Django starts, a fifth of every command's and worker's start-up. Its templates and static files
# (the API documentation page) are found by path instead; tiltak.api.docs renders them.
_NINJA = importlib.util.find_spec("ninja")  # found, not imported
assert _NINJA is not None and _NINJA.origin, "django-ninja is one of Tiltak's dependencies"
NINJA_DIR = Path(_NINJA.origin).parent

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [NINJA_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


SQLITE_BUSY_SECONDS = 20


def _database() -> dict[str, Any]:
    """The default database from DATABASE_URL, else SQLite in the data directory."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        url = f"sqlite:///{_data_dir() / 'tiltak.sqlite3'}"
    config: dict[str, Any] = dict(dj_database_url.parse(url))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # One writer at a time, and SQLite does not queue waiting writers fairly: with a few
        # workers saving at full speed one save can wait several seconds (bench/write_ceiling.py),
        # so wait up to 20 s (below gunicorn's 30 s timeout) rather than fail the save.
        config.setdefault("OPTIONS", {}).update(
            {
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000};"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": SQLITE_BUSY_SECONDS,
            }
        )
    else:
        config["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))
        config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The public pages in bokmål (the source language of every message), nynorsk and English:
# LocaleMiddleware picks the language from the `django_language` cookie (set by the portal's
# language switcher, tiltak.portal.language) and else from Accept-Language. The translations are
# in tiltak/locale/<language>/LC_MESSAGES/django.po, compiled to .mo at install (Makefile).
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"

# Accounts: local accounts (argon2) and, when configured, OpenID Connect. django-axes locks a
# username on one address out for AXES_COOLOFF_TIME after AXES_FAILURE_LIMIT failed logins.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "rounds:workspace"
LOGOUT_REDIRECT_URL = "portal:front"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "0")) or None
AXES_WHITELIST_CALLABLE = "tiltak.accounts.oidc.axes_exempt"  # the OpenID Connect callback
# Invitations and «Glemt passord» (tiltak.accounts): how long a link works, hourly limits.
TILTAK_INVITATION_DAYS = int(os.environ.get("TILTAK_INVITATION_DAYS", "14"))
TILTAK_INVITATIONS_PER_HOUR = int(os.environ.get("TILTAK_INVITATIONS_PER_HOUR", "30"))
TILTAK_PASSWORD_RESETS_PER_HOUR = int(os.environ.get("TILTAK_PASSWORD_RESETS_PER_HOUR", "5"))

# OpenID Connect (mozilla-django-oidc through tiltak.accounts.oidc): the backend and the /oidc/
# addresses are always there but answer nothing (the backend) or 404 (the addresses) until the
# client id and secret and the four provider addresses are set; oidc_config.oidc_enabled()
# decides at request time, and a partial configuration fails Django's system checks.
AUTHENTICATION_BACKENDS.append("tiltak.accounts.oidc.TiltakOIDCBackend")
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "").strip()
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "").strip()
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "").strip() or "RS256"
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "").strip() or "openid email profile"
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "").strip()
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "").strip()
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "").strip()
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "").strip()
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "").strip()  # checked against `iss` when set
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", default=True)
OIDC_TIMEOUT = 10
TILTAK_OIDC_PROVIDER_NAME = os.environ.get("TILTAK_OIDC_PROVIDER_NAME", "").strip()

# Cookies: HttpOnly and SameSite=Lax always, Secure unless DEBUG (SECURE_COOKIES overrides).
SECURE_COOKIES = env_bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind HTTPS (TILTAK_HTTPS=1): redirect plain HTTP and send HSTS for a year.
if env_bool("TILTAK_HTTPS"):
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
if env_bool("TILTAK_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp 4): everything from our own origin, no inline scripts.
# Inline style *attributes* are allowed (the SVG charts set their font that way); <style>
# elements are not. /api/docs relaxes the policy for Swagger UI (tiltak.security).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# E-mail (reminders): the console by default.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tiltak@localhost")
TILTAK_BASE_URL = os.environ.get("TILTAK_BASE_URL", "")
# The public footer: where the source code of this installation is (no «Kildekode» link until
# set: a guessed address would send readers to the wrong code), and whom to write to about
# accessibility.
TILTAK_SOURCE_URL = os.environ.get("TILTAK_SOURCE_URL", "").strip()
TILTAK_CONTACT_EMAIL = os.environ.get("TILTAK_CONTACT_EMAIL", "").strip()
# Personal API tokens for the write API (/konto/api-nokler/): how many days a new one lives.
TILTAK_API_TOKEN_DAYS = int(os.environ.get("TILTAK_API_TOKEN_DAYS", "90"))

# Publishing a round queues a job that renders its reports (slow for PDF; tests turn it off).
TILTAK_WARM_REPORTS_ON_PUBLISH = env_bool("TILTAK_WARM_REPORTS_ON_PUBLISH", default=True)
# How long public pages and API answers are kept (tiltak.caching.pages); 0 keeps none, which
# is how `make bench-scale` measures cold pages.
TILTAK_PAGE_CACHE_SECONDS = int(os.environ.get("TILTAK_PAGE_CACHE_SECONDS", "600"))

# Background jobs (tiltak.jobs) through django-tasks: TILTAK_JOBS=database (the default: jobs
# wait in the database until `tiltak worker` runs them) or immediate (each job runs at once in
# the process that queues it, no worker). A failed job is tried TILTAK_JOB_ATTEMPTS times in all,
# TILTAK_JOB_RETRY_SECONDS × attempt apart; a job running longer than TILTAK_JOB_TIMEOUT seconds
# belonged to a worker that died and is queued again. Reminders are queued every
# TILTAK_REMINDER_HOURS hours by the worker.
TILTAK_JOBS = os.environ.get("TILTAK_JOBS", "database").strip().lower() or "database"
if TILTAK_JOBS not in {"database", "immediate"}:
    print(f"tiltak: error: TILTAK_JOBS={TILTAK_JOBS!r}: use database or immediate", file=sys.stderr)
    raise SystemExit(2)
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if TILTAK_JOBS == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}
TILTAK_JOB_ATTEMPTS = int(os.environ.get("TILTAK_JOB_ATTEMPTS", "3"))
TILTAK_JOB_RETRY_SECONDS = float(os.environ.get("TILTAK_JOB_RETRY_SECONDS", "30"))
TILTAK_JOB_TIMEOUT = float(os.environ.get("TILTAK_JOB_TIMEOUT", "900"))
TILTAK_REMINDER_HOURS = float(os.environ.get("TILTAK_REMINDER_HOURS", "24"))
# Heavy steps of a request run as a job above a size (with TILTAK_JOBS=database): a bulk update
# that changes more than TILTAK_JOB_THRESHOLD_ROWS measures is applied by the worker, and an
# import upload larger than TILTAK_JOB_THRESHOLD_BYTES is read by it.
TILTAK_JOB_THRESHOLD_ROWS = int(os.environ.get("TILTAK_JOB_THRESHOLD_ROWS", "200"))
TILTAK_JOB_THRESHOLD_BYTES = int(os.environ.get("TILTAK_JOB_THRESHOLD_BYTES", str(2 * 1024**2)))

# The portal's front-end assets (Designsystemet CSS and theme, the Inter font): `make assets`
# installs them with `npm ci` and copies them to TILTAK_ASSETS_DIR (default build/assets in the
# source tree), served under static/vendor/. WhiteNoise serves static files; with DEBUG off,
# collectstatic (run by `tiltak serve`) writes compressed files with hashed names and a manifest
# to STATIC_ROOT.
ASSETS_DIR = Path(
    os.environ.get("TILTAK_ASSETS_DIR") or BASE_DIR.parent / "build" / "assets"
).resolve()
STATICFILES_DIRS: list[Any] = [NINJA_DIR / "static"]  # the API documentation page
if ASSETS_DIR.is_dir():
    STATICFILES_DIRS.append(("vendor", ASSETS_DIR))
# Shared by every worker and server: the cache (CACHE_URL), the sessions and django-axes'
# counters (the database), the API token throttle (the database, tiltak.api.throttle).
CACHES = {"default": CACHE}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"

# Uploads ("default") and generated reports ("reports") through Django's storage API
# (TILTAK_STORAGE_URL); static files are collected on each server from the source tree.
STORAGES = {
    **FILE_STORAGES,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
