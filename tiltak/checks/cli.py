"""`tiltak check FILE|PLAN`: run every consistency rule over a document or a stored round.

tiltak.cli calls register(subparsers). A FILE is parsed without touching Django; a PLAN is a
stored plan's slug, and Django is set up only then (through tiltak.plans.cli's helpers). The
rules load when a command runs, not when the console script starts (they bring the parser's
patterns, which `tiltak report` does not need).
Exit codes: 0 no errors, 1 errors found, 2 unreadable input (one line on stderr).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tiltak.documents import DocumentError, parse_path
from tiltak.documents.model import Finding, PlanDocument
from tiltak.plans.cli import EXIT_OK, CommandFailed, _fail, _guarded, _one_line

EXIT_FINDINGS = 1
DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".pdf", ".docx", ".html", ".htm")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of `tiltak check`."""
    parser.add_argument(
        "target", metavar="FILE|PLAN", nargs="?", help="a plan document, or a stored plan's slug"
    )
    parser.add_argument("--round", metavar="ROUND", help="the stored round (default: the latest)")
    parser.add_argument(
        "--previous",
        metavar="ROUND",
        help="the round to compare with: a stored round of the plan, or a document file "
        "(default for a stored round: the round before it)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--rules", action="store_true", help="list every rule and exit")
    parser.set_defaults(handler=handle_check)


def register(subparsers: Any) -> None:
    """Add the check subcommand to the console script."""
    parser = subparsers.add_parser(
        "check",
        help="check a document or a stored round for contradictions before it is published",
        description="Run every consistency rule over a plan document or a stored round. "
        "Exit 1 when there are errors, 0 otherwise, 2 for unreadable input.",
    )
    add_arguments(parser)


def _is_file_target(target: str) -> bool:
    """A path (existing, or written like a file name) rather than a plan's slug."""
    path = Path(target)
    return path.exists() or "/" in target or path.suffix.lower() in DOCUMENT_SUFFIXES


def _parse(path: str, what: str = "") -> PlanDocument:
    """The document at `path`, or CommandFailed with one line."""
    try:
        return parse_path(path)
    except DocumentError as error:
        raise CommandFailed(f"{what}{path}: {_one_line(error)}") from None
    except OSError as error:
        raise CommandFailed(f"{what}{path}: {_one_line(error)}") from None


def _output(findings: list[Finding], document: PlanDocument, fmt: str) -> int:
    from tiltak.documents.checks import findings_json, findings_text, has_errors

    """Print the findings; the exit code says whether there are errors."""
    if fmt == "json":
        sys.stdout.write(findings_json(findings))
    else:
        sys.stdout.write(findings_text(findings, document))
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK


def _check_file(args: argparse.Namespace) -> int:
    """Parse the file (and --previous), run the rules and print the findings."""
    try:
        if args.round:
            raise CommandFailed("--round gjelder bare lagrede planer, ikke en fil")
        document = _parse(args.target)
        previous = _parse(args.previous, "--previous: ") if args.previous else None
    except CommandFailed as error:
        return _fail(str(error))
    from tiltak.documents.checks import run_checks

    return _output(run_checks(document, previous), document, args.format)


def _check_stored(args: argparse.Namespace) -> int:
    """Check a stored plan's round (default the latest) against the round before it."""
    from tiltak.plans.cli import _require_database
    from tiltak.plans.models import Plan
    from tiltak.plans.selectors import plan_by_slug
    from tiltak.rounds.documents import plan_rounds, round_by_slug_or_title

    from .stored import check_round

    _require_database()
    plan = plan_by_slug(args.target)
    if plan is None:
        known = ", ".join(Plan.objects.order_by("slug").values_list("slug", flat=True))
        raise CommandFailed(
            f"fant ingen fil eller lagret plan «{args.target}» (planer: {known or 'ingen'})"
        )
    rounds = list(plan_rounds(plan))
    known_rounds = ", ".join(r.slug for r in rounds) or "ingen"
    if args.round:
        rnd = round_by_slug_or_title(plan, args.round)
        if rnd is None:
            raise CommandFailed(f"planen {plan.slug} har ingen runde «{args.round}» "
                                f"(runder: {known_rounds})")  # fmt: skip
    elif rounds:
        rnd = rounds[-1]
    else:
        raise CommandFailed(f"planen {plan.slug} har ingen rapporteringsrunder")
    previous: Any = None
    if args.previous:
        previous = round_by_slug_or_title(plan, args.previous)
        if previous is None:
            if not Path(args.previous).is_file():
                raise CommandFailed(
                    f"planen {plan.slug} har ingen runde «{args.previous}» (runder: "
                    f"{known_rounds}), og det finnes ingen slik fil"
                )
            previous = _parse(args.previous, "--previous: ")
    result = check_round(rnd, previous)
    return _output(result.findings, result.document, args.format)


handle_stored = _guarded(_check_stored)


def handle_check(args: argparse.Namespace) -> int:
    """List the rules, or check a file or a stored round."""
    if args.rules:
        from tiltak.documents.checks import rules, rules_text

        sys.stdout.write(rules_text(rules()))
        return EXIT_OK
    if not args.target:
        return _fail("tiltak check trenger en fil eller en plan (eller --rules)")
    if _is_file_target(args.target):
        return _check_file(args)
    return int(handle_stored(args))


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m tiltak.checks.cli FILE|PLAN …`: the check command on its own."""
    parser = argparse.ArgumentParser(prog="tiltak check", description=__doc__)
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return handle_check(args)
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
