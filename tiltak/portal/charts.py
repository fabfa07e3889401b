"""The portal's status charts: the report's chart drawer with the web style.

The drawing (accessible SVG, patterns as well as colours, data attributes on every segment)
is `tiltak.documents.reports.chart`; this module only turns distributions into its input.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from tiltak.documents.reports.chart import FILLS as FILLS
from tiltak.documents.reports.chart import WEB_STYLE, svg
from tiltak.documents.reports.tree import Bar, Chart

from .selectors import STATUS_ORDER, Distribution, status_labels


def _summary(dist: Distribution) -> str:
    """One sentence with the numbers of a distribution."""
    numbers = ", ".join(f"{label} {count}" for _key, label, count in dist.items())
    return _("%(label)s: %(total)s tiltak (%(numbers)s).") % {
        "label": dist.label,
        "total": dist.total,
        "numbers": numbers,
    }


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
    labels = status_labels()
    chart = Chart(
        title=title,
        alt=title,
        description=" ".join(_summary(row) for row in rows),
        bars=tuple(
            Bar(
                row.label if show_labels else "",
                tuple((status, row.counts[status]) for status in STATUS_ORDER),
                key=row.key,
            )
            for row in rows
        ),
        legend=tuple(
            (s, f"{labels[s]}: {counts.get(s, 0)}" if counts else labels[s]) for s in STATUS_ORDER
        )
        if legend
        else (),
        anchor=chart_id,
    )
    return mark_safe(svg(chart, WEB_STYLE))  # the drawer escapes every text
