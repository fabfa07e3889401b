"""A stacked horizontal bar chart as inline SVG, drawn on the server for HTML and PDF.

The SVG has role="img", a <title> (WeasyPrint makes it the PDF figure's /Alt) and a <desc>
stating every number; fills differ by pattern as well as colour, and white text on them keeps
a contrast of at least 4.5:1.
"""

from __future__ import annotations

from .markup import escape
from .tree import Chart

# The status colours of every chart, the portal's too: each at least 4.5:1 against white.
STATUS_COLOURS = {
    "completed": "#1b6a37",
    "in_progress": "#1a5ca3",
    "ongoing": "#6a3d9a",
    "not_started": "#8a4a06",
    "none": "#56606b",
}
FILLS = {
    "completed": (STATUS_COLOURS["completed"], ""),
    "in_progress": (
        STATUS_COLOURS["in_progress"],
        '<path d="M-2,2 l4,-4 M0,10 l10,-10 M8,12 l4,-4" stroke="#fff" '
        'stroke-opacity=".3" stroke-width="2"/>',
    ),
    "ongoing": (
        STATUS_COLOURS["ongoing"],
        '<circle cx="5" cy="5" r="1.8" fill="#fff" fill-opacity=".35"/>',
    ),
    "not_started": (
        STATUS_COLOURS["not_started"],
        '<path d="M0,5 h10" stroke="#fff" stroke-opacity=".3" stroke-width="2"/>',
    ),
    "none": (
        STATUS_COLOURS["none"],
        '<path d="M0,0 l10,10 M10,0 l-10,10" stroke="#fff" stroke-opacity=".3" '
        'stroke-width="1.5"/>',
    ),
}
WIDTH = 640
CHAR_WIDTH = 6.6
FONT = "DejaVu Sans, Verdana, sans-serif"


def _truncate(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def svg(chart: Chart) -> str:
    """The chart as a standalone <svg> element."""
    cid = chart.anchor
    defs = "".join(
        f'<pattern id="{cid}-{status}" width="10" height="10" patternUnits="userSpaceOnUse">'
        f'<rect width="10" height="10" fill="{FILLS[status][0]}"/>{FILLS[status][1]}</pattern>'
        for status, _ in chart.legend
    )
    parts: list[str] = []
    x, y = 0.0, 0.0
    for status, label in chart.legend:
        width = 16 + 6 + len(label) * CHAR_WIDTH + 22
        if x and x + width > WIDTH:
            x, y = 0.0, y + 22
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="16" height="16" '
            f'fill="url(#{cid}-{status})" stroke="#1e1e1e" stroke-width="1"/>'
            f'<text x="{x + 22:.1f}" y="{y + 12.5:.1f}" font-size="12" fill="#1e1e1e">'
            f"{escape(label)}</text>"
        )
        x += width
    y += 32
    largest = max((sum(c for _, c in bar.counts) for bar in chart.bars), default=0) or 1
    bar_width, bar_height = WIDTH - 50, 22
    for bar in chart.bars:
        parts.append(
            f'<text x="0" y="{y + 12:.1f}" font-size="12" font-weight="bold" fill="#1e1e1e">'
            f"{escape(_truncate(bar.label))}</text>"
        )
        y += 17
        x = 0.0
        for status, count in bar.counts:
            if not count:
                continue
            width = bar_width * count / largest
            parts.append(
                f'<rect x="{x:.2f}" y="{y:.1f}" width="{width:.2f}" height="{bar_height}" '
                f'fill="url(#{cid}-{status})" stroke="#fff" stroke-width="1.5" '
                f'data-status="{status}" data-count="{count}"/>'
            )
            if width >= len(str(count)) * 8 + 6:
                parts.append(
                    f'<text x="{x + width / 2:.2f}" y="{y + 15.5:.1f}" font-size="12" '
                    f'font-weight="bold" text-anchor="middle" fill="#fff">{count}</text>'
                )
            x += width
        total = sum(c for _, c in bar.counts)
        parts.append(
            f'<text x="{x + 6:.2f}" y="{y + 15.5:.1f}" font-size="12" fill="#1e1e1e">{total}</text>'
        )
        y += bar_height + 12
    height = y
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" id="{cid}" '
        f'aria-labelledby="{cid}-title {cid}-desc" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="{WIDTH}" height="{height:.0f}" font-family="{FONT}">'
        f'<title id="{cid}-title">{escape(chart.alt)}</title>'
        f'<desc id="{cid}-desc">{escape(chart.title)}</desc>'
        f"<defs>{defs}</defs>{''.join(parts)}</svg>"
    )
