"""Accessible inline SVG charts of status distributions, rendered on the server.

Each chart is an `<svg role="img">` with a <title> and a <desc> stating the numbers, a visible
legend, fills that differ by pattern as well as colour (all at least 4.5:1 against white, which
is also the colour of the text drawn on them), and data-status/data-count on every segment so
tests can compare the drawing with the table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from tiltak.documents.reports.chart import STATUS_COLOURS

from .selectors import STATUS_LABELS, STATUS_ORDER, Distribution


@dataclass(frozen=True, slots=True)
class Fill:
    """How one status is drawn: a base colour and a pattern over it."""

    colour: str
    pattern: str  # solid, stripes, dots, lines, cross


FILLS: dict[str, Fill] = {
    status: Fill(STATUS_COLOURS[status], pattern)
    for status, pattern in [
        ("completed", "solid"),
        ("in_progress", "stripes"),
        ("ongoing", "dots"),
        ("not_started", "lines"),
        ("none", "cross"),
    ]
}
WIDTH = 800
LABEL_WIDTH_PER_CHAR = 7.6
FONT = "font-family:Inter,system-ui,sans-serif"


def _pattern(chart_id: str, status: str) -> str:
    """A <pattern> with the status's colour and texture."""
    fill = FILLS[status]
    pid = f"{chart_id}-{status}"
    base = f'<rect width="10" height="10" fill="{fill.colour}"/>'
    texture = {
        "solid": "",
        "stripes": '<path d="M-2,2 l4,-4 M0,10 l10,-10 M8,12 l4,-4" '
        'stroke="#fff" stroke-opacity=".45" stroke-width="2"/>',
        "dots": '<circle cx="5" cy="5" r="1.8" fill="#fff" fill-opacity=".5"/>',
        "lines": '<path d="M0,5 h10" stroke="#fff" stroke-opacity=".45" stroke-width="2"/>',
        "cross": '<path d="M0,0 l10,10 M10,0 l-10,10" stroke="#fff" stroke-opacity=".4" '
        'stroke-width="1.5"/>',
    }[fill.pattern]
    return (
        f'<pattern id="{pid}" width="10" height="10" patternUnits="userSpaceOnUse">'
        f"{base}{texture}</pattern>"
    )


def _legend(chart_id: str, counts: dict[str, int] | None, y: float) -> tuple[str, float]:
    """The legend (with counts when given) from height y; returns the SVG and the next y."""
    parts = ['<g class="chart-legend">']
    x = 0.0
    for status in STATUS_ORDER:
        text = STATUS_LABELS[status]
        if counts is not None:
            text = f"{text}: {counts.get(status, 0)}"
        width = 18 + 8 + len(text) * LABEL_WIDTH_PER_CHAR + 24
        if x and x + width > WIDTH:
            x, y = 0.0, y + 26
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="18" height="18" '
            f'fill="url(#{chart_id}-{status})" stroke="#1e1e1e" stroke-width="1"/>'
            f'<text x="{x + 26:.1f}" y="{y + 14:.1f}" font-size="14" fill="#1e1e1e">'
            f"{escape(text)}</text>"
        )
        x += width
    parts.append("</g>")
    return "".join(parts), y + 34


def _summary(dist: Distribution) -> str:
    """One sentence with the numbers of a distribution."""
    numbers = ", ".join(f"{label} {count}" for _, label, count in dist.items())
    return f"{dist.label}: {dist.total} tiltak ({numbers})."


def _truncate(text: str, limit: int = 100) -> str:
    """The text cut to `limit` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def status_chart(
    rows: Sequence[Distribution],
    *,
    chart_id: str,
    title: str,
    show_labels: bool = True,
    legend: bool = True,
    legend_counts: bool = False,
) -> SafeString:
    """A horizontal stacked bar per distribution, scaled to the largest total.

    The legend is drawn unless `legend` is False (the page then shows one in HTML).
    """
    counts = rows[0].counts if legend_counts and len(rows) == 1 else None
    legend_svg, y = _legend(chart_id, counts, 0) if legend else ("", 0.0)
    largest = max((row.total for row in rows), default=0) or 1
    bar_width = WIDTH - 70
    bar_height = 26
    body = []
    for index, row in enumerate(rows):
        row_parts = [f'<g class="chart-row" data-key="{escape(row.key)}" data-total="{row.total}">']
        if show_labels:
            row_parts.append(
                f'<text x="0" y="{y + 14:.1f}" font-size="14" font-weight="600" fill="#1e1e1e">'
                f"{escape(_truncate(row.label))}</text>"
            )
            y += 20
        x = 0.0
        for status in STATUS_ORDER:
            count = row.counts[status]
            if not count:
                continue
            width = bar_width * count / largest
            row_parts.append(
                f'<rect x="{x:.2f}" y="{y:.1f}" width="{width:.2f}" height="{bar_height}" '
                f'fill="url(#{chart_id}-{status})" stroke="#fff" stroke-width="2" '
                f'data-status="{status}" data-count="{count}"/>'
            )
            label = str(count)
            if width >= len(label) * 9 + 14:
                row_parts.append(
                    f'<text x="{x + width / 2:.2f}" y="{y + 18:.1f}" font-size="14" '
                    f'font-weight="600" text-anchor="middle" fill="#fff" '
                    f'stroke="{FILLS[status].colour}" stroke-width="4" paint-order="stroke">'
                    f"{label}</text>"
                )
            x += width
        row_parts.append(
            f'<text x="{x + 8:.2f}" y="{y + 18:.1f}" font-size="14" fill="#1e1e1e">'
            f"{row.total}</text></g>"
        )
        body.append("".join(row_parts))
        y += bar_height + (18 if index < len(rows) - 1 else 4)
    height = max(y, 1)
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    description = " ".join(_summary(row) for row in rows)
    defs = "".join(_pattern(chart_id, status) for status in STATUS_ORDER)
    svg = (
        f'<svg class="status-chart" role="img" aria-labelledby="{title_id} {desc_id}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'style="{FONT}" xmlns="http://www.w3.org/2000/svg" id="{chart_id}">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(description)}</desc>'
        f"<defs>{defs}</defs>{legend_svg}{''.join(body)}</svg>"
    )
    return mark_safe(svg)  # every text above is escaped
