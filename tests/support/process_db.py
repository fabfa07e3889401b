"""A fresh database for tests that run Tiltak in separate processes (as `tiltak serve` does):
an SQLite file in WAL mode, or a new PostgreSQL database on TILTAK_TEST_DATABASE_URL."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("sqlite", "postgresql")
DJANGO = (
    "import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'tiltak.settings');"
    "django.setup()\n"
)
TIMEOUT = 300  # seconds: catches a hang, not a speed goal


def postgres_url() -> str | None:
    """The PostgreSQL server to make test databases on: TILTAK_TEST_DATABASE_URL, or
    DATABASE_URL when the suite itself runs on PostgreSQL."""
    for name in ("TILTAK_TEST_DATABASE_URL", "DATABASE_URL"):
        url = os.environ.get(name, "").strip()
        if url.startswith(("postgres://", "postgresql://")):
            return url
    return None


def _suite_on_postgres() -> bool:
    """Whether the suite itself runs on PostgreSQL (the Makefile's second pass)."""
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def _admin_sql(url: str, sql: str) -> None:
    """Run one statement outside a transaction on the server's maintenance database."""
    import psycopg

    base = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(base, autocommit=True) as connection:
        connection.execute(sql)  # type: ignore[arg-type]


@contextmanager
def fresh_database(kind: str, tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment for a process using a new, migrated database of `kind`; dropped after."""
    env = {
        **os.environ,
        "TILTAK_DATA_DIR": str(tmp_path / "data"),
        "TILTAK_WARM_REPORTS_ON_PUBLISH": "0",
        "PYTHONPATH": str(ROOT),
    }
    name = url = None
    if kind == "sqlite":
        if _suite_on_postgres():
            pytest.skip("SQLite: runs in the suite's SQLite pass (DATABASE_URL is PostgreSQL)")
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'tiltak.sqlite3'}"
    else:
        url = postgres_url()
        if url is None:
            pytest.skip("PostgreSQL: set TILTAK_TEST_DATABASE_URL to run this test there too")
        name = f"tiltak_process_{secrets.token_hex(4)}"
        _admin_sql(url, f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name
    try:
        tiltak(env, "migrate")
        yield env
    finally:
        if name is not None and url is not None:
            _admin_sql(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def tiltak(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    """Run the `tiltak` command; it must succeed."""
    result = subprocess.run(
        [sys.executable, "-m", "tiltak.cli", *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert result.returncode == 0, (argv, result.stderr[-2000:])
    return result


def python(env: dict[str, str], script: str, *args: str) -> str:
    """Run a script after Django's setup; its last line of output."""
    result = subprocess.run(
        [sys.executable, "-c", DJANGO + script, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
