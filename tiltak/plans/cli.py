"""The database commands of the `tiltak` console script: import and export.

tiltak.cli calls register(subparsers); each handler sets Django up lazily, returns an exit code
and reports bad input as one line "tiltak: error: …" on stderr with exit code 2.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tiltak.cli_django import setup_django

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE = 0, 1, 2
EXCHANGE_SUFFIXES = (".csv", ".xlsx")
Handler = Callable[[argparse.Namespace], int]


class CommandFailed(Exception):
    """A command cannot go on; the message is one line for the user."""


def register(subparsers: Any) -> None:
    """Add the import and export subcommands to the console script."""
    p = subparsers.add_parser(
        "import",
        help="import a plan document, an exchange file (CSV/XLSX) or a directory of them",
        description="Import into the database in one transaction; nothing is stored if any "
        "file is bad.",
    )
    p.add_argument("file", type=Path, help="plan document, .csv/.xlsx exchange file or directory")
    p.add_argument("--plan", metavar="SLUG", help="the plan's slug (default: from its title)")
    p.add_argument(
        "--allow-truncated",
        action="store_true",
        help="import a document the parser finds cut off (document-truncated) anyway",
    )
    p.set_defaults(handler=handle_import)

    p = subparsers.add_parser("export", help="export a plan's rounds in the exchange format")
    p.add_argument("plan", metavar="PLAN", help="the plan's slug")
    p.add_argument("--round", metavar="ROUND", help="only this round (slug or title)")
    p.add_argument("--format", choices=("csv", "xlsx"), help="default: from -o, else csv")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: standard output")
    p.add_argument("--facts-only", action="store_true", help="leave the narratives empty")
    p.set_defaults(handler=handle_export)


def _one_line(error: BaseException) -> str:
    """The error's message on one line."""
    return " ".join(str(error).split()) or type(error).__name__


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    """Print "tiltak: error: message" on stderr and return the exit code."""
    print(f"tiltak: error: {message}", file=sys.stderr)
    return code


def _guarded(body: Handler) -> Handler:
    """Run a handler, turning every expected failure into one line on stderr and exit 2."""

    def handler(args: argparse.Namespace) -> int:
        try:
            setup_django()
            return body(args)
        except KeyboardInterrupt:
            return _fail("interrupted", 130)
        except Exception as error:
            from django.core.exceptions import ImproperlyConfigured
            from django.db import DatabaseError

            from .services import ExchangeError, ImportFailed

            expected: tuple[type[BaseException], ...] = (
                CommandFailed,
                ExchangeError,
                ImportFailed,
                ImproperlyConfigured,
                OSError,
            )
            document_error = _document_error()
            if document_error is not None:
                expected += (document_error,)
            if isinstance(error, expected):
                return _fail(_one_line(error))
            if isinstance(error, DatabaseError):
                return _fail(f"database error: {_one_line(error)}")
            if os.environ.get("TILTAK_TRACEBACK"):
                raise
            return _fail(f"internal error: {type(error).__name__}: {_one_line(error)}", 1)

    handler.__name__ = body.__name__
    handler.__doc__ = body.__doc__
    return handler


def _document_error() -> type[Exception] | None:
    """tiltak.documents.DocumentError, if the document core is there."""
    try:
        from tiltak.documents.errors import DocumentError
    except ImportError:
        return None
    return DocumentError


def _require_database() -> None:
    """Fail unless the database is reachable and fully migrated."""
    from django.db import OperationalError, connection

    from .selectors import unapplied_migrations

    try:
        connection.ensure_connection()
    except OperationalError as error:
        raise CommandFailed(f"cannot connect to the database: {_one_line(error)}") from None
    if unapplied_migrations():
        raise CommandFailed("the database is not set up; run `tiltak migrate`")


# import


@dataclass(slots=True)
class _Input:
    """One file read and checked, ready to import."""

    path: Path
    sha256: str
    rows: list[Any] | None = None
    document: Any = None


def _read_input(path: Path, plan_slug: str | None) -> _Input:
    """Read and check one file: an exchange file by suffix or header, else a plan document."""
    from .services.exchange import exchange_format, read_exchange

    data = path.read_bytes()
    item = _Input(path=path, sha256=hashlib.sha256(data).hexdigest())
    if path.suffix.lower() in EXCHANGE_SUFFIXES or exchange_format(data):
        rows = read_exchange(data, source=path.name)
        if plan_slug:
            if len({row.plan for row in rows}) > 1:
                raise CommandFailed(f"{path.name}: --plan needs a file with one plan")
            rows = [_with_plan(row, plan_slug) for row in rows]
        item.rows = rows
        return item
    try:
        from tiltak.documents import parse_path
    except ImportError:
        raise CommandFailed(
            f"{path.name}: is not an exchange file, and plan documents cannot be read "
            "(tiltak.documents.parse_path is missing)"
        ) from None
    item.document = parse_path(path)
    return item


def _with_plan(row: Any, slug: str) -> Any:
    """The row with another plan slug."""
    from dataclasses import replace

    return replace(row, plan=slug)


def _inputs(path: Path, plan_slug: str | None) -> list[_Input]:
    """The file, or every exchange file of the directory, read and checked."""
    if not path.exists():
        raise CommandFailed(f"{path}: no such file or directory")
    if path.is_dir():
        files = sorted(
            p
            for p in path.iterdir()
            if p.is_file() and p.suffix.lower() in EXCHANGE_SUFFIXES and not p.name.startswith(".")
        )
        if not files:
            raise CommandFailed(f"{path}: no exchange files (.csv, .xlsx) in this directory")
        if plan_slug and len(files) > 1:
            raise CommandFailed("--plan needs a single file")
        return [_read_input(p, plan_slug) for p in files]
    return [_read_input(path, plan_slug)]


def _import(args: argparse.Namespace) -> int:
    """Import a file or directory; print one line per plan and round."""
    from django.db import transaction

    from .services import import_exchange, import_plan_document

    items = _inputs(args.file, args.plan)
    _require_database()
    lines: list[str] = []
    with transaction.atomic():
        for item in items:
            if item.rows is not None:
                results = import_exchange(
                    item.rows, source_name=item.path.name, source_sha256=item.sha256
                )
            else:
                results = [
                    import_plan_document(
                        item.document,
                        source_name=item.path.name,
                        source_sha256=item.sha256,
                        plan_slug=args.plan,
                        allow_truncated=args.allow_truncated,
                    )
                ]
            for result in results:
                lines.append(f"{item.path.name}: {result.summary()}")
                lines += [f"  conflict: {conflict}" for conflict in result.conflicts]
    print("\n".join(lines))
    return EXIT_OK


handle_import = _guarded(_import)


# export


def _export(args: argparse.Namespace) -> int:
    """Write a plan's rounds as CSV or XLSX to a file or standard output."""
    from .selectors import plan_by_slug, plan_rounds, round_by_slug_or_title
    from .services import export_rounds, write_csv, write_xlsx

    _require_database()
    plan = plan_by_slug(args.plan)
    if plan is None:
        from .models import Plan

        known = ", ".join(Plan.objects.order_by("slug").values_list("slug", flat=True))
        raise CommandFailed(f"no plan {args.plan!r} (plans: {known or 'none'})")
    rounds = None
    if args.round:
        rnd = round_by_slug_or_title(plan, args.round)
        if rnd is None:
            known = ", ".join(r.slug for r in plan_rounds(plan))
            raise CommandFailed(f"plan {plan.slug} has no round {args.round!r} (rounds: {known})")
        rounds = [rnd]
    fmt = args.format or (
        "xlsx" if args.output and args.output.suffix.lower() == ".xlsx" else "csv"
    )
    rows = export_rounds(plan, rounds, facts_only=args.facts_only)
    data = write_xlsx(rows) if fmt == "xlsx" else write_csv(rows)
    if args.output:
        args.output.write_bytes(data)
        return EXIT_OK
    if fmt == "xlsx" and sys.stdout.isatty():
        raise CommandFailed("will not write XLSX to a terminal; use -o FILE")
    return write_output(data, None)


def write_output(data: bytes, output: Path | None) -> int:
    """Writes a command's result to the file named by -o, else to standard output."""
    if output:
        output.write_bytes(data)
        return EXIT_OK
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(data)
        buffer.flush()
    else:
        sys.stdout.write(data.decode("utf-8"))
    return EXIT_OK


handle_export = _guarded(_export)
