"""What a rule sees: the document, the previous round's document and the plan period."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..model import Measure, PlanDocument
from ..plaintext import markdown_to_text


@dataclass(slots=True)
class CheckContext:
    """The input of every rule; `cache` lets rules share work done once per run."""

    document: PlanDocument
    previous: PlanDocument | None = None
    period: tuple[int, int] | None = None
    """The plan period in whole years; defaults to the document's."""
    as_of: str | None = None
    """The report's ISO 8601 date at its own precision; defaults to the document's."""
    cache: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.period is None:
            self.period = self.document.plan.period
        if self.as_of is None and self.document.report is not None:
            self.as_of = self.document.report.as_of

    def plain(self, measure: Measure) -> str:
        """The measure's narrative without Markdown, computed once per run."""
        texts: dict[int, str] = self.cache.setdefault("plain", {})
        key = id(measure)
        if key not in texts:
            text = measure.narrative
            markup = any(mark in text for mark in "*_<[\\")
            texts[key] = (
                " ".join(markdown_to_text(text).split()) if markup else " ".join(text.split())
            )
        return texts[key]


_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_range(iso: str | None) -> tuple[date, date] | None:
    """The first and last day an ISO date of any precision ("2026", "2026-06") can mean."""
    match = _ISO.match(iso or "")
    if match is None:
        return None
    year = int(match.group(1))
    if match.group(3):
        day = date(year, int(match.group(2)), int(match.group(3)))
        return day, day
    if match.group(2):
        month = int(match.group(2))
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 1, 1), date(year, 12, 31)


def period_middle(period: tuple[int, int]) -> date:
    """The day halfway between 1 January of the first year and 31 December of the last."""
    start, end = date(period[0], 1, 1), date(period[1], 12, 31)
    return date.fromordinal(start.toordinal() + (end.toordinal() - start.toordinal()) // 2)
