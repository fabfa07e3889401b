"""Rules on a measure's narrative against its status."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from .context import CheckContext
from .registry import finding, rule
from .text import excerpt
from .wording import unfinished_signals


@rule(
    "completed-future-wording",
    Severity.WARNING,
    "tiltaket er gjennomført, men omtalen sier at arbeid gjenstår («skal», «vil bli», "
    "«planlegges», «pågår», «er ikke ferdigstilt» …); kontroller statusen",
)
def completed_future_wording(context: CheckContext) -> Iterator[Finding]:
    """Completed measures whose narrative speaks of work still ahead: to verify, not an error."""
    for measure in context.document.measures:
        if measure.status != "completed" or not measure.narrative:
            continue
        signals = unfinished_signals(measure.narrative, measure.number)
        if signals:
            first = signals[0]
            yield finding(
                "completed-future-wording",
                measure.number,
                f"tiltak {measure.number} er «{measure.status_label or 'gjennomført'}», men "
                f"omtalen sier «{first.phrase}»: kontroller om arbeidet er ferdig",
                {
                    "status": measure.status_label or "gjennomført",
                    "wording": "; ".join(s.phrase for s in signals),
                    "text": excerpt(first.sentence, 300),
                    "location": f"tiltak {measure.number}",
                },
            )


@rule(
    "empty-narrative",
    Severity.WARNING,
    "tiltaket er under arbeid, løpende eller gjennomført, men har ingen omtale",
)
def empty_narrative(context: CheckContext) -> Iterator[Finding]:
    """A measure in progress or completed that says nothing about what was done."""
    for measure in context.document.measures:
        if (
            measure.status in ("in_progress", "ongoing", "completed")
            and not measure.narrative.strip()
        ):
            yield finding(
                "empty-narrative",
                measure.number,
                f"tiltak {measure.number} har status «{measure.status_label or measure.status}», "
                "men ingen omtale",
                {"status": measure.status_label or measure.status or ""},
            )
