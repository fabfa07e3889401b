"""`tiltak report`: a round's status report, or a change report, as Markdown, HTML, DOCX or PDF.

tiltak.cli calls register(subparsers). The handler sets Django up lazily through the helpers of
tiltak.plans.cli, and reports bad input as one line "tiltak: error: …" with exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tiltak.plans.cli import CommandFailed, _guarded, _require_database, write_output

FORMATS = ("md", "html", "docx", "pdf")
BINARY = frozenset({"docx", "pdf"})


def register(subparsers: Any) -> None:
    """Add the report subcommand to the console script."""
    p = subparsers.add_parser(
        "report",
        help="write a round's status report (or what changed since a round) as md/html/docx/pdf",
        description="Write the status report of a plan's round, or with --changes-since the "
        "measures whose status changed, that have a new narrative, or were not updated.",
    )
    p.add_argument("plan", metavar="PLAN", help="the plan's slug")
    p.add_argument("--round", metavar="ROUND", help="slug or title (default: the newest round)")
    p.add_argument(
        "--changes-since", metavar="ROUND", help="report what changed since this round instead"
    )
    p.add_argument("--format", choices=FORMATS, help="default: from -o, else md")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: standard output")
    p.set_defaults(handler=handle_report)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = args.output.suffix.lower().lstrip(".") if args.output else ""
    if suffix == "markdown":
        return "md"
    if suffix == "htm":
        return "html"
    return suffix if suffix in FORMATS else "md"


def _round(plan: Any, key: str | None) -> Any:
    from tiltak.rounds.documents import plan_rounds, round_by_slug_or_title

    rounds = list(plan_rounds(plan))
    if key is None:
        if not rounds:
            raise CommandFailed(f"plan {plan.slug} has no reporting rounds")
        return rounds[-1]
    found = round_by_slug_or_title(plan, key)
    if found is None:
        known = ", ".join(r.slug for r in rounds)
        raise CommandFailed(f"plan {plan.slug} has no round {key!r} (rounds: {known or 'none'})")
    return found


def _report(args: argparse.Namespace) -> int:
    """Render the report and write it to a file or standard output."""
    from tiltak.documents.reports.pdf import PdfUnavailable
    from tiltak.plans.models import Plan
    from tiltak.plans.selectors import plan_by_slug

    from .services import change_report_bytes, report_bytes

    fmt = _format(args)
    _require_database()
    plan = plan_by_slug(args.plan)
    if plan is None:
        known = ", ".join(Plan.objects.order_by("slug").values_list("slug", flat=True))
        raise CommandFailed(f"no plan {args.plan!r} (plans: {known or 'none'})")
    rnd = _round(plan, args.round)
    if fmt in BINARY and not args.output and sys.stdout.isatty():
        raise CommandFailed(f"will not write {fmt.upper()} to a terminal; use -o FILE")
    try:
        if args.changes_since:
            before = _round(plan, args.changes_since)
            if before.pk == rnd.pk:
                raise CommandFailed(f"--changes-since names the reported round {rnd.slug!r}")
            data = change_report_bytes(before, rnd, fmt)
        else:
            data = report_bytes(rnd, fmt)
    except PdfUnavailable as error:
        raise CommandFailed(str(error)) from None
    return write_output(data, args.output)


handle_report = _guarded(_report)
