"""Progress reporting for long reads, set by whoever shows it (the CLI on a terminal)."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

PageProgress = Callable[[int, int], None]
"""Called with (pages done, pages in all)."""

page_progress: ContextVar[PageProgress | None] = ContextVar("page_progress", default=None)


def report_page(done: int, total: int) -> None:
    """Tells the current listener, if any, how far a multi-page read has come."""
    listener = page_progress.get()
    if listener is not None:
        listener(done, total)
