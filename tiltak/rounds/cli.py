"""`tiltak remind`: e-mail editors whose measures are not submitted (the worker queues this daily;
the command sends the due reminders at once)."""

from __future__ import annotations

import argparse
from datetime import date


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `remind` subcommand."""
    parser = subparsers.add_parser(
        "remind",
        help="e-mail editors with unsubmitted measures before and after the deadline",
        description="Sends the reminders due today: DAYS days before a round's deadline and on "
        "the day after it, each once. E-mail goes through Django's e-mail settings.",
    )
    parser.add_argument("--days-before", type=int, default=3, metavar="DAYS")
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD")
    parser.add_argument("--dry-run", action="store_true", help="only list what would be sent")
    parser.set_defaults(handler=remind)


def remind(args: argparse.Namespace) -> int:
    """Send the reminders due today; prints one line per round. Exit 2 on bad setup."""
    from tiltak.plans.cli import _guarded

    return _guarded(_remind)(args)


def _remind(args: argparse.Namespace) -> int:
    from tiltak.plans.cli import _require_database

    from .reminders import send_due_reminders

    _require_database()

    today = args.today or date.today()
    sent = send_due_reminders(today, days_before=args.days_before, dry_run=args.dry_run)
    verb = "would e-mail" if args.dry_run else "e-mailed"
    for item in sent:
        print(f"{item.round.plan.slug} {item.round.slug}: {item.kind}, {verb} {item.recipients}")
    if not sent:
        print(f"No reminders due on {today.isoformat()}.")
    return 0
