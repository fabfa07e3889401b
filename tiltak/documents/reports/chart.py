"""The stacked horizontal bar chart as inline SVG: one drawer for reports and the portal.

The SVG has role="img", a <title> (the PDF gives the same text to Typst as the figure's /Alt)
and a <desc> stating every number; fills differ by pattern as well as colour, and white text on
them keeps a contrast of at least 4.5:1. Every segment carries data-status/data-count and every
bar data-key/data-total, so tests can compare the drawing with the table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..vocabulary import STATUS_COLOURS
from .markup import escape
from .tree import Chart


@dataclass(frozen=True, slots=True)
class Fill:
    """How one status is drawn: a base colour and a texture over it."""

    colour: str
    pattern: str
    """The texture's name: solid, stripes, dots, lines or cross."""


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
_TEXTURES = {
    "solid": "",
    "stripes": '<path d="M-2,2 l4,-4 M0,10 l10,-10 M8,12 l4,-4" stroke="#fff" '
    'stroke-opacity=".35" stroke-width="2"/>',
    "dots": '<circle cx="5" cy="5" r="1.8" fill="#fff" fill-opacity=".4"/>',
    "lines": '<path d="M0,5 h10" stroke="#fff" stroke-opacity=".35" stroke-width="2"/>',
    "cross": '<path d="M0,0 l10,10 M10,0 l-10,10" stroke="#fff" stroke-opacity=".35" '
    'stroke-width="1.5"/>',
}


@dataclass(frozen=True, slots=True)
class ChartStyle:
    """Sizes and type of one medium: the printed report or the responsive web page."""

    width: int
    font: str
    font_size: int
    swatch: int
    bar_height: int
    char_width: float
    label_limit: int
    css_class: str
    fluid: bool
    """True: the SVG scales to its container (width 100 %); False: fixed size for print."""
    outline_numbers: bool
    """Draw counts with an outline in the segment's colour (browsers; not in the PDF)."""


REPORT_STYLE = ChartStyle(
    width=640,
    font="DejaVu Sans, Verdana, sans-serif",
    font_size=12,
    swatch=16,
    bar_height=22,
    char_width=6.6,
    label_limit=90,
    css_class="chart",
    fluid=False,
    outline_numbers=False,
)
WEB_STYLE = ChartStyle(
    width=800,
    font="Inter, system-ui, sans-serif",
    font_size=14,
    swatch=18,
    bar_height=26,
    char_width=7.6,
    label_limit=100,
    css_class="status-chart",
    fluid=True,
    outline_numbers=True,
)


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _pattern(cid: str, status: str) -> str:
    fill = FILLS[status]
    return (
        f'<pattern id="{cid}-{status}" width="10" height="10" patternUnits="userSpaceOnUse">'
        f'<rect width="10" height="10" fill="{fill.colour}"/>{_TEXTURES[fill.pattern]}</pattern>'
    )


def _legend(chart: Chart, style: ChartStyle) -> tuple[str, float]:
    """The legend from the top; returns the SVG and the height it takes."""
    if not chart.legend:
        return "", 0.0
    parts = ['<g class="chart-legend">']
    size, x, y = style.swatch, 0.0, 0.0
    for status, label in chart.legend:
        width = size + 8 + len(label) * style.char_width + 22
        if x and x + width > style.width:
            x, y = 0.0, y + size + 8
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{size}" height="{size}" '
            f'fill="url(#{chart.anchor}-{status})" stroke="#1e1e1e" stroke-width="1"/>'
            f'<text x="{x + size + 8:.1f}" y="{y + size - 3.5:.1f}" '
            f'font-size="{style.font_size}" fill="#1e1e1e">{escape(label)}</text>'
        )
        x += width
    parts.append("</g>")
    return "".join(parts), y + size + 16


def svg(chart: Chart, style: ChartStyle = REPORT_STYLE) -> str:
    """The chart as a standalone <svg> element; every text in it is escaped."""
    cid, size = chart.anchor, style.font_size
    used = [status for status, _ in chart.legend]
    used += [s for bar in chart.bars for s, _ in bar.counts if s not in used]
    defs = "".join(_pattern(cid, status) for status in dict.fromkeys(used))
    legend, y = _legend(chart, style)
    parts = [legend]
    largest = max((sum(c for _, c in bar.counts) for bar in chart.bars), default=0) or 1
    bar_width, bar_height = style.width - 60, style.bar_height
    for index, bar in enumerate(chart.bars):
        total = sum(c for _, c in bar.counts)
        parts.append(f'<g class="chart-row" data-key="{escape(bar.key)}" data-total="{total}">')
        if bar.label:
            parts.append(
                f'<text x="0" y="{y + size:.1f}" font-size="{size}" font-weight="bold" '
                f'fill="#1e1e1e">{escape(_truncate(bar.label, style.label_limit))}</text>'
            )
            y += size + 6
        x = 0.0
        baseline = y + bar_height / 2 + size * 0.36
        for status, count in bar.counts:
            if not count:
                continue
            width = bar_width * count / largest
            parts.append(
                f'<rect x="{x:.2f}" y="{y:.1f}" width="{width:.2f}" height="{bar_height}" '
                f'fill="url(#{cid}-{status})" stroke="#fff" stroke-width="1.5" '
                f'data-status="{status}" data-count="{count}"/>'
            )
            if width >= len(str(count)) * size * 0.65 + 8:
                outline = (
                    f' stroke="{FILLS[status].colour}" stroke-width="4" paint-order="stroke"'
                    if style.outline_numbers
                    else ""
                )
                parts.append(
                    f'<text x="{x + width / 2:.2f}" y="{baseline:.1f}" font-size="{size}" '
                    f'font-weight="bold" text-anchor="middle" fill="#fff"{outline}>{count}</text>'
                )
            x += width
        parts.append(
            f'<text x="{x + 6:.2f}" y="{baseline:.1f}" font-size="{size}" fill="#1e1e1e">'
            f"{total}</text></g>"
        )
        y += bar_height + (14 if index < len(chart.bars) - 1 else 4)
    height = max(y, 1)
    sizing = (
        'width="100%" preserveAspectRatio="xMinYMin meet"'
        if style.fluid
        else f'width="{style.width}" height="{height:.0f}"'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="{style.css_class}" '
        f'id="{cid}" aria-labelledby="{cid}-title {cid}-desc" '
        f'viewBox="0 0 {style.width} {height:.0f}" {sizing} font-family="{style.font}">'
        f'<title id="{cid}-title">{escape(chart.alt)}</title>'
        f'<desc id="{cid}-desc">{escape(chart.description or chart.title)}</desc>'
        f"<defs>{defs}</defs>{''.join(parts)}</svg>"
    )
