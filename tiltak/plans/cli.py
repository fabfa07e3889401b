"""What every database command of the `tiltak` console script shares (the commands are in the
apps: tiltak.imports.cli has import and export): each handler sets Django up lazily, returns an
exit code and reports bad input as one line "tiltak: error: …" on stderr with exit code 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from tiltak.cli_django import setup_django

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE = 0, 1, 2
Handler = Callable[[argparse.Namespace], int]


class CommandFailed(Exception):
    """A command cannot go on; the message is one line for the user."""


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

            from .errors import InputRefused

            expected: tuple[type[BaseException], ...] = (
                CommandFailed,
                InputRefused,
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
