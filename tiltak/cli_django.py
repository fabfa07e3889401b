"""Django for the console script: set it up once, run a management command.

Every subcommand that needs the database goes through here. It imports nothing else of Tiltak,
so the apps' command modules can use it without importing upwards.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

SETTINGS_MODULE = "tiltak.settings"


def setup_django() -> None:
    """Configure Django (settings module default tiltak.settings) once."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    from django.apps import apps

    if not apps.ready:
        import django

        django.setup()


def call_management_command(name: str, *args: str, **options: Any) -> None:
    """Set Django up and run one of its management commands in this process."""
    setup_django()
    from django.core.management import call_command

    call_command(name, *args, **options)


def run_management_command_line(argv: Sequence[str], prog: str = "tiltak manage") -> int:
    """Set Django up and run a `manage.py`-style command line; returns its exit code."""
    setup_django()
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line([prog, *argv])
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    return 0
