"""Settings from the environment: data directory, secret key, SQLite pragmas, WSGI refusal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = (
    "import django, json\n"
    "django.setup()\n"
    "from django.conf import settings\n"
    "from django.db import connection\n"
    "from django.contrib.auth.hashers import get_hasher\n"
    "cursor = connection.cursor()\n"
    "print(json.dumps({\n"
    "  'mode': cursor.execute('PRAGMA journal_mode').fetchone()[0],\n"
    "  'timeout': cursor.execute('PRAGMA busy_timeout').fetchone()[0],\n"
    "  'name': str(settings.DATABASES['default']['NAME']),\n"
    "  'debug': settings.DEBUG, 'hosts': settings.ALLOWED_HOSTS,\n"
    "  'hasher': get_hasher().algorithm, 'lang': settings.LANGUAGE_CODE,\n"
    "  'tz': settings.TIME_ZONE, 'static': str(settings.STATIC_ROOT),\n"
    "}))\n"
)


def _python(tmp_path: Path, code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "TILTAK_DATA_DIR"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="tiltak.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        timeout=60,
    )


def test_defaults_sqlite_in_data_dir_with_wal(tmp_path: Path) -> None:
    import json

    done = _python(tmp_path, PROBE)
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout)
    data = tmp_path / "data"
    assert facts["name"] == str(data / "tiltak.sqlite3")
    assert (facts["mode"], facts["timeout"]) == ("wal", 20000)
    assert facts["debug"] is False and facts["hosts"] == ["localhost", "127.0.0.1"]
    assert (facts["hasher"], facts["lang"], facts["tz"]) == ("argon2", "nb", "Europe/Oslo")
    assert facts["static"] == str(data / "static")
    key = data / "secret_key"
    assert key.stat().st_mode & 0o777 == 0o600
    first = key.read_text()
    assert _python(tmp_path, PROBE).returncode == 0
    assert key.read_text() == first  # kept, not regenerated


def test_environment_overrides(tmp_path: Path) -> None:
    import json

    done = _python(
        tmp_path,
        PROBE,
        TILTAK_DATA_DIR=str(tmp_path / "elsewhere"),
        DEBUG="true",
        ALLOWED_HOSTS="tiltak.example.no, localhost",
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
    )
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout)
    assert facts["name"] == str(tmp_path / "x.sqlite3")
    assert facts["debug"] is True and facts["hosts"] == ["tiltak.example.no", "localhost"]


@pytest.mark.parametrize(("env", "ok"), [({}, False), ({"SECRET_KEY": "s" * 50}, True)])
def test_wsgi_needs_secret_key_from_environment(
    tmp_path: Path, env: dict[str, str], ok: bool
) -> None:
    done = _python(tmp_path, "import tiltak.wsgi", **env)
    assert (done.returncode == 0) is ok, done.stderr
    if not ok:
        assert "SECRET_KEY must be set in the environment" in done.stderr


def test_page_cache_seconds_from_the_environment(tmp_path: Path) -> None:
    code = (
        "import django; django.setup()\n"
        "from tiltak.caching.pages import page_seconds\n"
        "print(page_seconds())\n"
    )
    assert _python(tmp_path, code).stdout.split() == ["600"]
    assert _python(tmp_path, code, TILTAK_PAGE_CACHE_SECONDS="0").stdout.split() == ["0"]
