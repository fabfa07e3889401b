"""The import and export commands of the `tiltak` console script: plan documents and exchange
files (CSV/XLSX) in, a plan's rounds out (tiltak.rounds.importing and tiltak.rounds.exchange).

tiltak.cli calls register(subparsers); the handlers share tiltak.plans.cli's helpers: Django is
set up lazily and bad input is one line "tiltak: error: …" on stderr with exit code 2.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tiltak.plans.cli import (
    EXIT_OK,
    CommandFailed,
    _guarded,
    _require_database,
    write_output,
)

EXCHANGE_SUFFIXES = (".csv", ".xlsx")


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


@dataclass(slots=True)
class _Input:
    """One file read and checked, ready to import."""

    path: Path
    sha256: str
    rows: list[Any] | None = None
    document: Any = None


def _read_input(path: Path, plan_slug: str | None) -> _Input:
    """Read and check one file: an exchange file by suffix or header, else a plan document."""
    from tiltak.rounds.exchange import exchange_format, read_exchange

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

    from tiltak.rounds.exchange import import_exchange
    from tiltak.rounds.importing import import_plan_document

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


def _export(args: argparse.Namespace) -> int:
    """Write a plan's rounds as CSV or XLSX to a file or standard output."""
    from tiltak.plans.selectors import plan_by_slug
    from tiltak.rounds.documents import plan_rounds, round_by_slug_or_title
    from tiltak.rounds.exchange import export_rounds, write_csv, write_xlsx

    _require_database()
    plan = plan_by_slug(args.plan)
    if plan is None:
        from tiltak.plans.models import Plan

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


handle_export = _guarded(_export)
