"""Backup and restore of the database Tiltak is configured with.

SQLite: the online backup API (sqlite3.Connection.backup) copies a consistent snapshot while
the server runs, and restores by copying the backup's pages into the live file in one step.
PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --single-transaction`. Either way
a backup is written to a temporary file and renamed, and a restore is all or nothing.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
# A database is a Tiltak database when it has these tables.
REQUIRED_TABLES = ("django_migrations", "plans_plan", "rounds_statusentry", "audit_auditevent")
# Tables that moved to another app, by their name now → the names older backups have them
# under; `tiltak migrate` renames them after such a backup is restored.
FORMER_TABLES: dict[str, tuple[str, ...]] = {
    "audit_auditevent": ("rounds_auditevent",),
    "accounts_profile": ("rounds_profile",),
    "accounts_planrole": ("rounds_planrole",),
    "rounds_reportinground": ("plans_reportinground",),
    "rounds_statusentry": ("plans_statusentry",),
    "rounds_roundfinding": ("plans_roundfinding",),
}


def _missing_table(tables: set[str] | str) -> str | None:
    """The first required table the backup has under neither its name nor a former one."""
    for table in REQUIRED_TABLES:
        if not any(name in tables for name in (table, *FORMER_TABLES.get(table, ()))):
            return table
    return None


def _tables_not_in(backup_tables: set[str]) -> list[str]:
    """The database's tables the backup does not have: tables newer than the backup (an app's
    later migration, a model that moved since) must go, or the restored database would hold
    them beside the backup's and `tiltak migrate` could not make them again."""
    from django.db import connection

    try:
        return sorted(set(connection.introspection.table_names()) - backup_tables)
    finally:
        connections.close_all()


class BackupError(Exception):
    """A backup or restore cannot be done; str() is one line for the user."""


@dataclass(frozen=True, slots=True)
class Done:
    """What a backup or restore did, for the one line the command prints."""

    kind: str
    path: Path
    size: int


def _database() -> dict[str, Any]:
    from django.conf import settings

    config: dict[str, Any] = settings.DATABASES["default"]
    return config


def database_kind() -> str:
    """sqlite or postgresql."""
    engine = str(_database()["ENGINE"])
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"backup and restore support SQLite and PostgreSQL, not {engine}")


def backup_kind(path: Path) -> str:
    """The kind of backup in the file (sqlite or postgresql), by its first bytes."""
    try:
        with path.open("rb") as file:
            head = file.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise BackupError(f"{path}: {error.strerror or error}") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    raise BackupError(
        f"{path}: not a Tiltak backup (neither an SQLite database nor a pg_dump file)"
    )


@contextmanager
def _temporary_next_to(target: Path) -> Iterator[Path]:
    """A temporary file in the target's directory, renamed to the target if the body succeeds
    and removed otherwise, so the target is never half-written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def backup(path: Path) -> Done:
    """Write a consistent copy of the whole database to `path`."""
    kind = database_kind()
    with _temporary_next_to(path) as temporary:
        if kind == "sqlite":
            _sqlite_backup(temporary, path)
        else:
            _pg_dump(temporary)
    return Done(kind, path, path.stat().st_size)


def restore(path: Path) -> Done:
    """Replace the whole database with the backup in `path`; all or nothing."""
    kind = database_kind()
    found = backup_kind(path)
    if found != kind:
        raise BackupError(
            f"{path}: this is a backup of {_NAMES[found]} and the database is {_NAMES[kind]} "
            f"(set DATABASE_URL to a {_NAMES[found]} database to restore it)"
        )
    connections.close_all()
    before = _data_version()
    if kind == "sqlite":
        _sqlite_restore(path)
    else:
        _pg_restore(path)
    connections.close_all()
    _move_data_version_past(before)
    return Done(kind, path, path.stat().st_size)


_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


# SQLite


def _sqlite_path(other: Path) -> Path:
    """The database file; refused when it is `other`, the backup file."""
    name = str(_database()["NAME"])
    if name in ("", ":memory:") or name.startswith("file:"):
        raise BackupError(f"the SQLite database {name!r} is not a file")
    if Path(name).resolve() == other.resolve():
        raise BackupError(f"{other} is the database itself; choose another file")
    return Path(name)


def _sqlite_backup(target: Path, final: Path) -> None:
    source_path = _sqlite_path(final)
    if not source_path.is_file():
        raise BackupError(f"there is no database at {source_path}; run `tiltak migrate`")
    with (
        closing(sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)) as source,
        closing(sqlite3.connect(target)) as copy,
    ):
        source.backup(copy)
        # One self-contained file: the live database is in WAL mode, the backup need not be.
        copy.execute("PRAGMA journal_mode=DELETE")
        _check_sqlite(copy, target)


def _check_sqlite(database: sqlite3.Connection, path: Path) -> None:
    """Refuse a damaged SQLite file or one that is not a Tiltak database."""
    try:
        integrity = database.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {row[0] for row in database.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path}: not a readable SQLite database ({error})") from None
    if integrity != "ok":
        raise BackupError(f"{path}: the SQLite database is damaged ({integrity})")
    missing = _missing_table(tables)
    if missing:
        raise BackupError(f"{path}: not a Tiltak backup (no table {missing})")


def _sqlite_restore(path: Path) -> None:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as source:
        _check_sqlite(source, path)
        target_path = _sqlite_path(path)
        target_path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(target_path, timeout=20)) as target:
            try:
                # One step (pages=-1): other connections see the old database or the new one.
                source.backup(target)
            except sqlite3.Error as error:
                raise BackupError(f"cannot restore into {target_path}: {error}") from None


# PostgreSQL


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (Debian: apt install postgresql-client)")
    return found


def _pg_connection() -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump/pg_restore, and the environment with the password."""
    config = _database()
    options = ["--dbname", str(config["NAME"])]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if config.get(key):
            options += [flag, str(config[key])]
    env = dict(os.environ)
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = str(config["PASSWORD"])
    sslmode = (config.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return options, env


def _run(argv: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(argv, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        detail = lines[0] if lines else f"exit code {result.returncode}"
        raise BackupError(f"{Path(argv[0]).name} failed: {detail}")


def _pg_dump(target: Path) -> None:
    options, env = _pg_connection()
    _run([_pg_tool("pg_dump"), "--format=custom", "--file", str(target), *options], env)


def _pg_restore(path: Path) -> None:
    tool = _pg_tool("pg_restore")
    listing = subprocess.run([tool, "--list", str(path)], capture_output=True, text=True)
    if listing.returncode != 0:
        raise BackupError(f"{path}: not a readable pg_dump file")
    tables = {
        parts[parts.index("TABLE") + 2]
        for parts in (line.split() for line in listing.stdout.splitlines())
        if "TABLE" in parts and parts.index("TABLE") + 2 < len(parts)
    }
    missing = _missing_table(tables)
    if missing:
        raise BackupError(f"{path}: not a Tiltak backup (no table {missing})")
    newer = _tables_not_in(tables)
    options, env = _pg_connection()
    restore = [tool, "--clean", "--if-exists", "--no-owner", "--exit-on-error"]
    if not newer:
        _run([*restore, "--single-transaction", *options, str(path)], env)
        return
    # pg_restore --clean drops only what the dump has: drop the newer tables in the same
    # transaction as the restore, so the database becomes the backup, all or nothing.
    script = subprocess.run([*restore, "--file=-", str(path)], capture_output=True, text=True)
    if script.returncode != 0:
        raise BackupError(f"{path}: not a readable pg_dump file")
    drop = "".join(f'DROP TABLE IF EXISTS "{table}" CASCADE;\n' for table in newer)
    psql = [_pg_tool("psql"), "--no-psqlrc", "--quiet", "--single-transaction",
            "--set", "ON_ERROR_STOP=1", *options]  # fmt: skip
    result = subprocess.run(
        psql, input=drop + script.stdout, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        raise BackupError(f"psql failed: {lines[0] if lines else result.returncode}")


# The data version

# Where the counter is: a backup made before it moved to tiltak.caching has the portal's table
# (`tiltak migrate` moves it); the restore must move it on either way.
DATA_VERSION_TABLES = ("caching_dataversion", "portal_dataversion")


def _data_version_table() -> str | None:
    """The data-version table the database has, None when it has neither."""
    from django.db import connection

    tables = set(connection.introspection.table_names())
    return next((table for table in DATA_VERSION_TABLES if table in tables), None)


def _data_version() -> int:
    """The current data version, 0 when the database has none (or no tables yet)."""
    from django.db import DatabaseError, connection

    try:
        table = _data_version_table()
        if table is None:
            return 0
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT value FROM {connection.ops.quote_name(table)} WHERE id = 1")
            row = cursor.fetchone()
        return int(row[0]) if row else 0
    except DatabaseError:
        return 0
    finally:
        connections.close_all()


def _move_data_version_past(before: int) -> None:
    """Set the data version above both the old database's and the backup's, so no page or ETag
    kept for either is taken for the restored data."""
    from django.db import connection, transaction

    value = max(before, _data_version()) + 1
    table = _data_version_table()
    if table is None:
        return
    name = connection.ops.quote_name(table)
    # Plain SQL sends no signals, so the audit log stays exactly the backup's.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {name} SET value = %s WHERE id = 1", [value])
        if cursor.rowcount == 0:
            cursor.execute(f"INSERT INTO {name} (id, value) VALUES (1, %s)", [value])
