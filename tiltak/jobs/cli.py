"""`tiltak worker`: run the background jobs (report rendering, reminders)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `worker` subcommand."""
    parser = subparsers.add_parser(
        "worker",
        help="run the background jobs: reports after publishing, reminders every day",
        description="Runs the jobs waiting in the database until stopped (Ctrl+C or SIGTERM lets "
        "a running job finish). Failed jobs are retried; jobs of a worker that died are taken "
        "over; the reminders are queued once a day. Run one or more beside `tiltak serve`.",
    )
    parser.add_argument(
        "--interval",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="how long to wait when no job is ready (default 1)",
    )
    parser.add_argument(
        "--once", action="store_true", help="run the jobs that are ready now, then stop"
    )
    parser.set_defaults(handler=worker)


def worker(args: argparse.Namespace) -> int:
    """Run the worker; exit 2 on bad setup (no database, TILTAK_JOBS=immediate)."""
    from tiltak.plans.cli import _guarded

    return _guarded(_worker)(args)


def _worker(args: argparse.Namespace) -> int:
    from django.conf import settings

    from tiltak.plans.cli import CommandFailed, _require_database

    from .worker import run_forever, run_once

    _require_database()
    if settings.TILTAK_JOBS != "database":
        raise CommandFailed("TILTAK_JOBS=immediate runs every job at once: no worker is needed")
    if args.interval < 0:
        raise CommandFailed("--interval must be 0 or more seconds")
    if args.once:
        run_once()
    else:
        run_forever(args.interval)
    return 0
