"""Several servers: CACHE_URL and TILTAK_STORAGE_URL parsed, SECRET_KEY required, Redis used."""

from __future__ import annotations

import re
import socket
import uuid
from pathlib import Path
from typing import Any

import pytest

from tiltak import deployment
from tiltak.deployment import ConfigError, parse_cache_url, parse_storage_url, several_servers

from .test_settings import _python

REDIS = ("127.0.0.1", 6379)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("", {"BACKEND": deployment.MEMORY_CACHE, "LOCATION": "tiltak"}),
        ("locmem://", {"BACKEND": deployment.MEMORY_CACHE, "LOCATION": "tiltak"}),
        ("locmem://other", {"BACKEND": deployment.MEMORY_CACHE, "LOCATION": "other"}),
        ("db://", {"BACKEND": deployment.DATABASE_CACHE, "LOCATION": "tiltak_cache"}),
        ("db://my_cache", {"BACKEND": deployment.DATABASE_CACHE, "LOCATION": "my_cache"}),
        (
            "redis://cache.internal:6379/1",
            {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://cache.internal:6379/1",
                "KEY_PREFIX": "tiltak",
            },
        ),
        (
            " rediss://:secret@cache.internal:6380/0 ",
            {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "rediss://:secret@cache.internal:6380/0",
                "KEY_PREFIX": "tiltak",
            },
        ),
    ],
)
def test_cache_url(url: str, expected: dict[str, Any]) -> None:
    assert parse_cache_url(url) == expected


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("memcached://127.0.0.1:11211", "unknown scheme (use one of redis://, rediss://"),
        ("127.0.0.1:6379", "unknown scheme"),
        ("redis://", "names no Redis host"),
        ("db://cache;drop", "the table name may have"),
    ],
)
def test_cache_url_errors(url: str, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)) as raised:
        parse_cache_url(url)
    assert "\n" not in str(raised.value)


def test_storage_url_default_is_the_data_directory(tmp_path: Path) -> None:
    found = parse_storage_url("", tmp_path)
    assert found == {
        "default": {
            "BACKEND": "tiltak.storage.AtomicFileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "uploads"), "allow_overwrite": True},
        },
        "reports": {
            "BACKEND": "tiltak.storage.AtomicFileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "reports"), "allow_overwrite": True},
        },
    }
    elsewhere = parse_storage_url("file:///srv/tiltak%20filer", tmp_path)
    assert elsewhere["reports"]["OPTIONS"]["location"] == "/srv/tiltak filer/reports"


def test_storage_url_s3(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(deployment.importlib.util, "find_spec", lambda name: object())
    found = parse_storage_url(
        "s3://tiltak-files/prod?endpoint_url=https://s3.example.no&region_name=eu-north-1"
        "&querystring_auth=false",
        tmp_path,
    )
    options = {
        "bucket_name": "tiltak-files",
        "file_overwrite": True,
        "endpoint_url": "https://s3.example.no",
        "region_name": "eu-north-1",
        "querystring_auth": False,
    }
    assert found == {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**options, "location": "prod/uploads"},
        },
        "reports": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**options, "location": "prod/reports"},
        },
    }
    bare = parse_storage_url("s3://tiltak-files", tmp_path)
    assert bare["reports"]["OPTIONS"] == {
        "bucket_name": "tiltak-files",
        "file_overwrite": True,
        "location": "reports",
    }


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://files.example.no/x", "unknown scheme (use one of file://, s3://"),
        ("file://relative/path", "needs an absolute path"),
        ("s3:///prefix", "names no bucket"),
        ("s3://key:secret@bucket/prefix", "must not hold credentials"),
        ("s3://bucket?acl=public", "unknown option 'acl'"),
    ],
)
def test_storage_url_errors(url: str, message: str, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(deployment.importlib.util, "find_spec", lambda name: object())
    with pytest.raises(ConfigError, match=re.escape(message)) as raised:
        parse_storage_url(url, tmp_path)
    assert "\n" not in str(raised.value)


def test_storage_url_s3_without_django_storages(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(deployment.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ConfigError, match=r"pip install 'tiltak\[s3\]'"):
        parse_storage_url("s3://bucket/prefix", tmp_path)


@pytest.mark.parametrize(
    ("environ", "cache", "storage", "reason"),
    [
        ({}, "", "", None),
        ({"TILTAK_SERVERS": "1"}, "db://", "", None),
        ({"DATABASE_URL": "sqlite:////srv/t.sqlite3"}, "db://", "", None),
        ({"TILTAK_SERVERS": "2"}, "", "", "TILTAK_SERVERS is 2"),
        ({}, "redis://127.0.0.1:6379/0", "", "CACHE_URL points at Redis"),
        ({}, "", "s3://bucket", "TILTAK_STORAGE_URL points at object storage"),
        (
            {"DATABASE_URL": "postgres://db.internal/tiltak"},
            "db://",
            "",
            "CACHE_URL keeps the cache in a server database",
        ),
    ],
)
def test_several_servers(
    environ: dict[str, str],
    cache: str,
    storage: str,
    reason: str | None,
    tmp_path: Path,
    monkeypatch: Any,
) -> None:
    monkeypatch.setattr(deployment.importlib.util, "find_spec", lambda name: object())
    found = several_servers(environ, parse_cache_url(cache), parse_storage_url(storage, tmp_path))
    assert found == reason


def test_servers_must_be_a_number(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="TILTAK_SERVERS must be a whole number"):
        several_servers(
            {"TILTAK_SERVERS": "two"}, parse_cache_url(""), parse_storage_url("", tmp_path)
        )


PROBE = (
    "import django\n"
    "django.setup()\n"
    "from django.conf import settings\n"
    "print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE)\n"
)


@pytest.mark.parametrize(
    "env",
    [
        {"TILTAK_SERVERS": "3"},
        {"CACHE_URL": "redis://127.0.0.1:6379/0"},
        {"CACHE_URL": "db://", "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x"},
    ],
)
def test_several_servers_refuse_to_start_without_secret_key(
    tmp_path: Path, env: dict[str, str]
) -> None:
    done = _python(tmp_path, PROBE, DEBUG="1", **env)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("tiltak: error: SECRET_KEY must be set in the environment")
    assert not (tmp_path / "data" / "secret_key").exists()  # no key made for one machine
    assert _python(tmp_path, PROBE, SECRET_KEY="k" * 50, **env).returncode == 0


def test_unknown_cache_scheme_is_one_line_at_startup(tmp_path: Path) -> None:
    done = _python(tmp_path, PROBE, CACHE_URL="memcached://127.0.0.1:11211")
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "tiltak: error: CACHE_URL 'memcached://127.0.0.1:11211' has an unknown scheme "
        "(use one of redis://, rediss://, db://, locmem://)"
    )


def test_one_server_starts_with_the_generated_key(tmp_path: Path) -> None:
    done = _python(tmp_path, PROBE, CACHE_URL="db://")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        deployment.DATABASE_CACHE,
        "django.contrib.sessions.backends.db",
    ]


def _redis_answers() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture
def redis_cache(settings: Any) -> Any:
    """Django's cache on the Redis at 127.0.0.1:6379, under a key prefix of its own."""
    if not _redis_answers():
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            **parse_cache_url(f"redis://{REDIS[0]}:{REDIS[1]}/0"),
            "KEY_PREFIX": f"tiltak-test-{uuid.uuid4().hex}",
        }
    }
    cache = caches["default"]
    yield cache
    cache.clear()


@pytest.mark.django_db
def test_what_tiltak_caches_works_on_redis(
    redis_cache: Any, world: Any, client: Any, settings: Any
) -> None:
    """The page cache, the published round's document and the round's findings go through Redis
    (pickled there, so they must survive the trip)."""
    from django.urls import reverse

    from tests.support.world import round_settings

    round_settings(settings)

    from tiltak.checks.stored import _published_document
    from tiltak.rounds.selectors import round_findings

    assert type(redis_cache).__name__ == "RedisCache"
    redis_cache.set("probe", {"a": [1, 2]})
    assert redis_cache.get("probe") == {"a": [1, 2]}

    page = reverse("portal:plan", args=[world.plan.slug])
    first = client.get(page)
    assert first.status_code == 200
    kept = redis_cache._cache.get_client().keys(f"{redis_cache.key_prefix}*")
    assert kept, "the public page was not kept in Redis"
    again = client.get(page)
    assert again.content == first.content

    document = _published_document(world.published)
    assert _published_document(world.published) == document
    findings = round_findings(world.draft)
    assert round_findings(world.draft).findings == findings.findings


def test_migrate_creates_the_database_cache_table(tmp_path: Path) -> None:
    import sqlite3

    database = tmp_path / "t.sqlite3"
    code = "import sys\nfrom tiltak.cli import main\nsys.exit(main(['migrate']))\n"
    done = _python(
        tmp_path, code, CACHE_URL="db://delt_cache", DATABASE_URL=f"sqlite:///{database}"
    )
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert "delt_cache" in tables
