"""The whole-site commands of the console script: migrate, manage and serve.

tiltak.cli calls register(subparsers); Django is set up through tiltak.cli_django. With DEBUG
off, serving needs SECRET_KEY in the environment (tiltak.wsgi refuses otherwise); for a local
demo on a loopback address only, the key generated in the data directory is passed on to
gunicorn instead.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from typing import Any

from .cli_django import call_management_command, run_management_command_line, setup_django

EXIT_OK, EXIT_USAGE = 0, 2
LOOPBACK_NAMES = frozenset({"localhost", "ip6-localhost"})
MAX_DEFAULT_WORKERS = 8
VENDOR_CSS = "vendor/designsystemet/designsystemet.css"


class ServeError(Exception):
    """The server cannot start; the message is one line for the user."""


def register(subparsers: Any) -> None:
    """Add the migrate, manage and serve subcommands to the console script."""
    from tiltak.plans.cli import _guarded

    p = subparsers.add_parser("migrate", help="create or update the database tables")
    p.set_defaults(handler=_guarded(_migrate))

    p = subparsers.add_parser(
        "manage",
        help="run a Django management command, e.g. createsuperuser",
        add_help=False,
        prefix_chars="\x00",  # every argument, --help too, goes to Django
    )
    p.add_argument("args", nargs=argparse.REMAINDER, help="the command and its arguments")
    p.set_defaults(handler=_guarded(_manage))

    p = subparsers.add_parser(
        "serve",
        help="serve the web portal with gunicorn (runs collectstatic first)",
        description="Collect static files and serve Tiltak (portal and admin) with gunicorn. "
        "Needs SECRET_KEY in the environment unless --host is a loopback address.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help=f"worker processes (default 2 × CPUs + 1, at most {MAX_DEFAULT_WORKERS})",
    )
    p.set_defaults(handler=handle_serve)


def _migrate(args: argparse.Namespace) -> int:
    """Apply Django's migrations quietly, and create the cache table when CACHE_URL is db://;
    print how many were applied."""
    from django.db import OperationalError, connection

    from tiltak.plans.cli import CommandFailed, _one_line
    from tiltak.plans.selectors import unapplied_migrations

    try:
        connection.ensure_connection()
    except OperationalError as error:
        raise CommandFailed(f"cannot connect to the database: {_one_line(error)}") from None
    count = unapplied_migrations()
    call_management_command("migrate", interactive=False, verbosity=0)
    call_management_command("createcachetable", verbosity=0)  # only for database caches
    print(f"database ready ({count} migrations applied)")
    return EXIT_OK


def _manage(args: argparse.Namespace) -> int:
    """Pass the arguments to Django's management utility."""
    return run_management_command_line(args.args)


def is_loopback(host: str) -> bool:
    """Whether the host is this machine only: localhost, 127.0.0.0/8 or ::1."""
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def default_workers() -> int:
    """2 × CPUs + 1, at most MAX_DEFAULT_WORKERS."""
    return min(2 * (os.cpu_count() or 1) + 1, MAX_DEFAULT_WORKERS)


def bind_address(host: str, port: int) -> str:
    """gunicorn's --bind value; IPv6 addresses in brackets."""
    name = host.strip("[]")
    return f"[{name}]:{port}" if ":" in name else f"{name}:{port}"


def _compile_translations() -> None:
    """The interface translations compiled when missing or stale (`make messages` does it at
    install; an installation that cannot write them serves the pages in bokmål)."""
    from tiltak.translations import compile_messages

    try:
        compile_messages()
    except OSError as error:
        print(f"tiltak: warning: translations not compiled: {error}", file=sys.stderr)


def gunicorn_argv(host: str, port: int, workers: int) -> list[str]:
    """The command line that runs gunicorn with Tiltak's WSGI application."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "tiltak.wsgi:application",
        "--bind",
        bind_address(host, port),
        "--workers",
        str(workers),
        "--preload",
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        "127.0.0.1,::1",
    ]


def server_environment(host: str, environ: dict[str, str]) -> tuple[dict[str, str], str | None]:
    """The environment for gunicorn, and a note for the user if the local key is used.

    Raises ServeError when SECRET_KEY is missing and the host is not a loopback address.
    """
    from django.conf import settings

    env = dict(environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "tiltak.settings")
    if settings.DEBUG or environ.get("SECRET_KEY", "").strip():
        return env, None
    if not is_loopback(host):
        raise ServeError(
            f"SECRET_KEY must be set in the environment to serve on {host} "
            "(only 127.0.0.1, ::1 and localhost may use the generated key)"
        )
    env["SECRET_KEY"] = settings.SECRET_KEY
    return env, (
        f"tiltak serve: SECRET_KEY is not set; using the key generated in {settings.DATA_DIR} "
        f"(local use on {host} only)"
    )


def prepare(args: argparse.Namespace) -> tuple[list[str], dict[str, str]]:
    """Check the database, collect static files; returns gunicorn's argv and environment."""
    setup_django()
    from django.contrib.staticfiles import finders
    from django.db import OperationalError, connection

    from tiltak.plans.selectors import unapplied_migrations

    if not 0 < args.port < 65536:
        raise ServeError(f"--port must be between 1 and 65535, not {args.port}")
    workers = args.workers if args.workers is not None else default_workers()
    if workers < 1:
        raise ServeError("--workers must be at least 1")
    env, note = server_environment(args.host, dict(os.environ))
    try:
        connection.ensure_connection()
    except OperationalError as error:
        raise ServeError(f"cannot connect to the database: {error}".splitlines()[0]) from None
    if unapplied_migrations():
        raise ServeError("the database is not set up; run `tiltak migrate`")
    if finders.find(VENDOR_CSS) is None:
        raise ServeError(f"the front-end assets are missing ({VENDOR_CSS}); run `make assets`")
    call_management_command("collectstatic", interactive=False, verbosity=0)
    _compile_translations()
    if note:
        print(note, file=sys.stderr)
    return gunicorn_argv(args.host, args.port, workers), env


def handle_serve(args: argparse.Namespace) -> int:
    """Prepare, then replace this process with gunicorn."""
    try:
        argv, env = prepare(args)
    except ServeError as error:
        print(f"tiltak: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Serving Tiltak on http://{bind_address(args.host, args.port)}/", file=sys.stderr)
    sys.stderr.flush()
    sys.stdout.flush()
    os.execve(argv[0], argv, env)
    return EXIT_OK  # not reached
