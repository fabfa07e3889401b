"""Settings that decide whether Tiltak runs on one server or several: the cache (CACHE_URL), the
file storage (TILTAK_STORAGE_URL) and whether more than one server shares the data.

Plain functions of the environment's strings, used by tiltak.settings and tested on their own;
an unusable value raises ConfigError with a one-line message saying what to set.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"
DATABASE_CACHE = "django.core.cache.backends.db.DatabaseCache"
MEMORY_CACHE = "django.core.cache.backends.locmem.LocMemCache"
DEFAULT_CACHE_TABLE = "tiltak_cache"
CACHE_SCHEMES = ("redis://", "rediss://", "db://", "locmem://")

FILE_STORAGE = "tiltak.storage.AtomicFileSystemStorage"
S3_STORAGE = "storages.backends.s3.S3Storage"
STORAGE_SCHEMES = ("file://", "s3://")
# The S3 options a TILTAK_STORAGE_URL query may set (django-storages' names); credentials come
# from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or the machine's role), never the URL.
S3_QUERY_OPTIONS = frozenset(
    {
        "endpoint_url",
        "region_name",
        "addressing_style",
        "signature_version",
        "custom_domain",
        "default_acl",
        "querystring_auth",
        "querystring_expire",
        "use_ssl",
        "verify",
    }
)
# Where each named storage keeps its files, under the storage's root.
STORAGE_FOLDERS = {"default": "uploads", "reports": "reports"}


class ConfigError(ValueError):
    """A setting from the environment cannot be used; str() is one line for the operator."""


def parse_cache_url(url: str) -> dict[str, Any]:
    """Django's CACHES["default"] for CACHE_URL: Redis/Valkey (redis://, rediss://), the
    database cache (db://table) or this process's memory (locmem://, the default when empty)."""
    url = url.strip()
    if not url:
        return {"BACKEND": MEMORY_CACHE, "LOCATION": "tiltak"}
    scheme = urlsplit(url).scheme.lower()
    if scheme in {"redis", "rediss"}:
        if not urlsplit(url).hostname:
            raise ConfigError(f"CACHE_URL {url!r} names no Redis host (redis://host:6379/0)")
        return {"BACKEND": REDIS_CACHE, "LOCATION": url, "KEY_PREFIX": "tiltak"}
    if scheme == "db":
        table = url.split("://", 1)[1].strip("/") or DEFAULT_CACHE_TABLE
        if not table.replace("_", "").isalnum():
            raise ConfigError(f"CACHE_URL {url!r}: the table name may have letters, digits and _")
        return {"BACKEND": DATABASE_CACHE, "LOCATION": table}
    if scheme == "locmem":
        return {"BACKEND": MEMORY_CACHE, "LOCATION": url.split("://", 1)[1].strip("/") or "tiltak"}
    raise ConfigError(
        f"CACHE_URL {url!r} has an unknown scheme (use one of {', '.join(CACHE_SCHEMES)})"
    )


def parse_storage_url(url: str, data_dir: Path) -> dict[str, dict[str, Any]]:
    """Django's STORAGES entries "default" (uploads) and "reports" for TILTAK_STORAGE_URL: the
    data directory when empty, a folder (file:///path) or S3-compatible object storage
    (s3://bucket/prefix?endpoint_url=…, through django-storages, `pip install tiltak[s3]`)."""
    url = url.strip()
    if not url:
        return _file_storages(data_dir)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "file":
        if parts.netloc not in {"", "localhost"} or not parts.path.startswith("/"):
            raise ConfigError(f"TILTAK_STORAGE_URL {url!r}: a file:// URL needs an absolute path")
        return _file_storages(Path(unquote(parts.path)))
    if scheme == "s3":
        return _s3_storages(url)
    raise ConfigError(
        f"TILTAK_STORAGE_URL {url!r} has an unknown scheme "
        f"(use one of {', '.join(STORAGE_SCHEMES)}, or leave it unset for the data directory)"
    )


def _file_storages(root: Path) -> dict[str, dict[str, Any]]:
    return {
        name: {
            "BACKEND": FILE_STORAGE,
            "OPTIONS": {"location": str(root / folder), "allow_overwrite": True},
        }
        for name, folder in STORAGE_FOLDERS.items()
    }


def _s3_storages(url: str) -> dict[str, dict[str, Any]]:
    parts = urlsplit(url)
    if not parts.hostname:
        raise ConfigError(f"TILTAK_STORAGE_URL {url!r} names no bucket (s3://bucket/prefix)")
    if parts.username or parts.password:
        raise ConfigError(
            "TILTAK_STORAGE_URL must not hold credentials; "
            "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead"
        )
    options: dict[str, Any] = {"bucket_name": parts.hostname, "file_overwrite": True}
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key not in S3_QUERY_OPTIONS:
            raise ConfigError(
                f"TILTAK_STORAGE_URL has an unknown option {key!r} "
                f"(options: {', '.join(sorted(S3_QUERY_OPTIONS))})"
            )
        options[key] = _option_value(value)
    if importlib.util.find_spec("storages") is None:
        raise ConfigError(
            "TILTAK_STORAGE_URL is s3:// but django-storages is not installed "
            "(pip install 'tiltak[s3]')"
        )
    prefix = parts.path.strip("/")
    return {
        name: {
            "BACKEND": S3_STORAGE,
            "OPTIONS": {**options, "location": f"{prefix}/{folder}" if prefix else folder},
        }
        for name, folder in STORAGE_FOLDERS.items()
    }


def _option_value(value: str) -> str | bool | int:
    lowered = value.strip().lower()
    if lowered in {"true", "false"}:
        return lowered == "true"
    return int(value) if value.strip().isdigit() else value


def several_servers(
    environ: Mapping[str, str], cache: Mapping[str, Any], storages: Mapping[str, Any]
) -> str | None:
    """Why this configuration means more than one server shares the data, or None.

    Signals: TILTAK_SERVERS above 1, a Redis cache, object storage, or the database cache on a
    server database (a SQLite file cannot be shared between machines).
    """
    servers = environ.get("TILTAK_SERVERS", "").strip() or "1"
    if not servers.isdigit() or int(servers) < 1:
        raise ConfigError(f"TILTAK_SERVERS must be a whole number of servers, not {servers!r}")
    if int(servers) > 1:
        return f"TILTAK_SERVERS is {servers}"
    if cache["BACKEND"] == REDIS_CACHE:
        return "CACHE_URL points at Redis"
    if storages["reports"]["BACKEND"] == S3_STORAGE:
        return "TILTAK_STORAGE_URL points at object storage"
    database = environ.get("DATABASE_URL", "").strip().lower()
    if cache["BACKEND"] == DATABASE_CACHE and database and not database.startswith("sqlite"):
        return "CACHE_URL keeps the cache in a server database"
    return None


def require_shared_secret(environ: Mapping[str, str], reason: str | None) -> None:
    """Refuse a key generated into one machine's data directory when several servers share
    the data: each would make its own, and sessions and signed links would fail between them."""
    if reason and not environ.get("SECRET_KEY", "").strip():
        raise ConfigError(
            f"SECRET_KEY must be set in the environment, the same on every server ({reason})"
        )
