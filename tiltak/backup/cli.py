"""`tiltak backup FILE` and `tiltak restore FILE`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    """Add the backup and restore subcommands."""
    p = subparsers.add_parser(
        "backup",
        help="write a consistent copy of the whole database to a file (safe while serving)",
        description="SQLite: the online backup API, an SQLite file. PostgreSQL: pg_dump "
        "--format=custom. The file is written whole or not at all.",
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(handler=handle_backup)
    p = subparsers.add_parser(
        "restore",
        help="replace the whole database with a backup made by `tiltak backup`",
        description="Replaces every table with the backup's, all or nothing (PostgreSQL: "
        "pg_restore --clean --single-transaction). Restart the server afterwards.",
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(handler=handle_restore)


def handle_backup(args: argparse.Namespace) -> int:
    """Back the database up; exit 2 with one line when it cannot be done."""
    from tiltak.plans.cli import _guarded

    return _guarded(_backup)(args)


def handle_restore(args: argparse.Namespace) -> int:
    """Restore a backup; exit 2 with one line for a file that is not a backup."""
    from tiltak.plans.cli import _guarded

    return _guarded(_restore)(args)


def _backup(args: argparse.Namespace) -> int:
    from tiltak.plans.cli import CommandFailed, _require_database

    from .services import BackupError, backup

    _require_database()
    try:
        done = backup(args.file)
    except BackupError as error:
        raise CommandFailed(str(error)) from None
    print(f"{done.path}: {done.kind} backup written ({done.size} bytes)")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from tiltak.plans.cli import CommandFailed

    from .services import BackupError, restore

    try:
        done = restore(args.file)
    except BackupError as error:
        raise CommandFailed(str(error)) from None
    print(f"{done.path}: {done.kind} backup restored; restart the server to empty its caches")
    if _unapplied_migrations():
        print("the backup is from an older version of Tiltak: run `tiltak migrate`")
    return 0


def _unapplied_migrations() -> int:
    """How many migrations the restored database still needs (0 when it cannot tell)."""
    from django.db import DatabaseError, connections

    from tiltak.plans.selectors import unapplied_migrations

    try:
        return unapplied_migrations()
    except DatabaseError:
        return 0
    finally:
        connections.close_all()
