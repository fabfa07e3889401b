"""The `tiltak` console script."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import NoReturn

from . import __version__
from . import commands as django_commands
from .backup import cli as backup_commands
from .checks import cli as check_commands
from .documents import DocumentError, parse_path
from .documents.progress import page_progress
from .documents.summary import text_summary
from .imports import cli as import_commands
from .jobs import cli as job_commands
from .lineage import cli as lineage_commands
from .reports import cli as report_commands
from .rounds import cli as round_commands

# Each part of Tiltak adds its own subcommands, in the order `tiltak --help` lists them.
COMMAND_MODULES = (
    import_commands,
    django_commands,
    check_commands,
    report_commands,
    round_commands,
    job_commands,
    lineage_commands,
    backup_commands,
)

EXIT_INPUT_ERROR = 2


class _Parser(argparse.ArgumentParser):
    """argparse that exits with the project's exit code for bad usage."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT_ERROR, f"tiltak: error: {message}\n")


def fail(message: str) -> int:
    """Prints one line about bad input and returns the exit code for it."""
    print(f"tiltak: error: {message}", file=sys.stderr)
    return EXIT_INPUT_ERROR


def _show_pages(done: int, total: int) -> None:
    if total >= 10:
        end = "\n" if done == total else ""
        print(f"\rReading page {done} of {total}", end=end, file=sys.stderr, flush=True)


def _parse(args: argparse.Namespace) -> int:
    token = page_progress.set(_show_pages if sys.stderr.isatty() else None)
    try:
        document = parse_path(args.file)
    except DocumentError as error:
        return fail(f"{args.file}: {error}")
    finally:
        page_progress.reset(token)
    if args.format == "json":
        json.dump(document.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(text_summary(document))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tiltak",
        description="Tiltak: import, check and publish the status of action plans.",
    )
    parser.add_argument("--version", action="version", version=f"tiltak {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    parse = commands.add_parser(
        "parse",
        help="read a plan or status report (text, Markdown, PDF, DOCX, HTML) and summarise it",
        description="Read a plan or status report and print a summary or the parsed data.",
    )
    parse.add_argument("file", metavar="FILE")
    parse.add_argument("--format", choices=("text", "json"), default="text")
    parse.set_defaults(handler=_parse)
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Runs one subcommand and returns its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_INPUT_ERROR
    try:
        return int(handler(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
