"""Rules over time: against the previous round and against the plan period."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Measure, Severity
from ..vocabulary import status_label
from .context import CheckContext, date_range, period_middle
from .registry import finding, rule

_RANK = {"not_started": 0, "in_progress": 1, "ongoing": 1, "completed": 2}
_CHANGE_NOTE = re.compile(
    r"\b(ansvar\w*|overf[øo]r\w*|overtatt|overtar|overtok|omorganiser\w*|flyttet|flyttes"
    r"|nytt?\s+departement|nye\s+departement\w*|endret\s+ansvar\w*)\b",
    re.I,
)


def _label(measure: Measure) -> str:
    return measure.status_label or status_label(measure.status)


def _pairs(context: CheckContext) -> Iterator[tuple[Measure, Measure]]:
    """(previous, current) for every measure in both rounds."""
    if context.previous is None:
        return
    before = {m.number: m for m in context.previous.measures}
    for measure in context.document.measures:
        earlier = before.get(measure.number)
        if earlier is not None:
            yield earlier, measure


@rule(
    "status-regression",
    Severity.ERROR,
    "statusen har gått tilbake siden forrige runde (f.eks. gjennomført → under arbeid)",
)
def status_regression(context: CheckContext) -> Iterator[Finding]:
    """A measure whose status is further from done than in the previous round."""
    for earlier, measure in _pairs(context):
        if earlier.status is None or measure.status is None:
            continue
        if _RANK[measure.status] < _RANK[earlier.status]:
            yield finding(
                "status-regression",
                measure.number,
                f"tiltak {measure.number} var «{_label(earlier)}» i forrige runde, "
                f"men er «{_label(measure)}» nå",
                {"previous": _label(earlier), "current": _label(measure)},
            )


def _owners(measure: Measure) -> tuple[frozenset[str], bool]:
    return frozenset(measure.responsible), measure.responsible_all


def _owners_text(measure: Measure) -> str:
    text = ", ".join(measure.responsible)
    if measure.responsible_all:
        text = f"{text}, alle" if text else "alle"
    return text or "ingen"


@rule(
    "responsible-changed",
    Severity.WARNING,
    "ansvarlige departementer er endret siden forrige runde uten at omtalen forklarer det",
)
def responsible_changed(context: CheckContext) -> Iterator[Finding]:
    """Responsible organisations changed between rounds with no word about it."""
    for earlier, measure in _pairs(context):
        if not earlier.responsible and not earlier.responsible_all:
            continue
        if _owners(earlier) == _owners(measure) or _CHANGE_NOTE.search(measure.narrative):
            continue
        yield finding(
            "responsible-changed",
            measure.number,
            f"tiltak {measure.number}: ansvarlig var «{_owners_text(earlier)}» i forrige runde, "
            f"men er «{_owners_text(measure)}» nå, uten at omtalen nevner endringen",
            {"previous": _owners_text(earlier), "current": _owners_text(measure)},
        )


@rule(
    "not-started-past-middle",
    Severity.WARNING,
    "tiltaket er ikke startet, og rapportdatoen er etter midten av planperioden",
)
def not_started_past_middle(context: CheckContext) -> Iterator[Finding]:
    """Not started when the report is certainly past the middle of the plan period."""
    dates = date_range(context.as_of)
    if context.period is None or dates is None:
        return
    middle = period_middle(context.period)
    if dates[0] <= middle:
        return  # "2026-06" may be any day of June: only certainly past the middle counts
    start, end = context.period
    for measure in context.document.measures:
        if measure.status == "not_started":
            yield finding(
                "not-started-past-middle",
                measure.number,
                f"tiltak {measure.number} er ikke startet per {context.as_of}, etter midten "
                f"av planperioden {start}–{end} ({middle.isoformat()})",
                {
                    "as_of": context.as_of or "",
                    "period": f"{start}–{end}",
                    "middle": middle.isoformat(),
                },
            )
