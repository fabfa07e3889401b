"""The SVG charts draw the same numbers as the tables beside them, accessibly."""

from __future__ import annotations

import pytest
from django.test import Client
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from tiltak.plans.models import Plan
from tiltak.portal.charts import FILLS, status_chart
from tiltak.portal.selectors import STATUS_ORDER, Distribution

from .conftest import BIG_PLAN, HandBuilt

Counts = dict[str, dict[str, int]]


def svg_counts(svg: Node) -> Counts:
    """Counts per row key and status from the chart's segments (missing segments are 0)."""
    result: Counts = {}
    for row in svg.css("g.chart-row"):
        counts = dict.fromkeys(STATUS_ORDER, 0)
        for rect in row.css("rect[data-status]"):
            counts[rect.attributes["data-status"] or ""] = int(rect.attributes["data-count"] or 0)
        result[row.attributes["data-key"] or ""] = counts
    return result


def table_counts(table: Node) -> Counts:
    """Counts per row key and status from the table's cells."""
    result: Counts = {}
    for row in table.css("tbody tr"):
        result.setdefault(row.attributes.get("data-key") or "", {}).update(
            {
                td.attributes["data-status"] or "": int(td.text(strip=True))
                for td in row.css("td[data-status]")
            }
        )
    return result


def check_plan_page(html: str) -> None:
    """Each chart on the plan page agrees with its table."""
    tree = HTMLParser(html)
    pairs = (("status-alle", "overall"), ("status-kapittel", "chapters"))
    pairs += (("status-ansvarlig", "organisations"),)
    for chart_id, table_name in pairs:
        svg = tree.css_first(f"svg#{chart_id}")
        table = tree.css_first(f"table[data-table={table_name}]")
        assert svg is not None and table is not None
        assert svg.attributes["role"] == "img"
        labelled = (svg.attributes["aria-labelledby"] or "").split()
        assert labelled == [f"{chart_id}-title", f"{chart_id}-desc"]
        assert svg.css_first("title").text()
        assert len(svg.css("g.chart-legend text")) == len(STATUS_ORDER)
        drawn = svg_counts(svg)
        tabled = table_counts(table)
        assert drawn == tabled, chart_id


@pytest.mark.django_db
def test_sample_plan_charts_match_tables(client: Client, samples: dict[str, Plan]) -> None:
    response = client.get(f"/planer/{BIG_PLAN}/")
    check_plan_page(response.content.decode())
    tree = HTMLParser(response.content.decode())
    overall = table_counts(tree.css_first("table[data-table=overall]"))
    assert sum(c for row in overall.values() for c in row.values()) == 131


@pytest.mark.django_db
def test_hand_built_charts_match_tables(client: Client, hand_built: HandBuilt) -> None:
    for query in ("", "?runde=status-varen-2025"):
        response = client.get(f"/planer/{hand_built.plan.slug}/{query}")
        check_plan_page(response.content.decode())


def test_chart_escapes_labels_and_draws_patterns() -> None:
    dist = Distribution(label="<b>Kapittel</b> & mer", key="1")
    dist.counts.update({"completed": 3, "none": 1})
    svg = str(status_chart([dist], chart_id="c", title="Tittel <x>"))
    assert "<b>" not in svg and "&lt;b&gt;" in svg and "Tittel &lt;x&gt;" in svg
    tree = HTMLParser(svg)
    wide = tree.css_first("svg")
    assert {p.attributes["id"] for p in wide.css("pattern")} == {f"c-{s}" for s in STATUS_ORDER}
    assert svg_counts(tree.css_first("svg")) == {
        "1": {"completed": 3, "in_progress": 0, "ongoing": 0, "not_started": 0, "none": 1}
    }
    assert "Gjennomført 3" in tree.css_first("desc").text()


def test_chart_is_also_drawn_narrow_for_a_phone() -> None:
    dist = Distribution(label="JD – Justis- og beredskapsdepartementet med et langt navn", key="JD")
    dist.counts.update({"completed": 3, "in_progress": 2})
    wide, narrow = HTMLParser(str(status_chart([dist], chart_id="c", title="Tittel"))).css("svg")
    assert wide.attributes["viewBox"].split()[2] == "800"
    assert narrow.attributes["viewBox"].split()[2] == "400"
    assert "status-chart--narrow" in (narrow.attributes["class"] or "").split()
    # Its own ids, so both drawings find their own patterns and names.
    assert narrow.attributes["id"] == "c-smal"
    assert {p.attributes["id"] for p in narrow.css("pattern")} == {
        f"c-smal-{s}" for s in STATUS_ORDER
    }
    assert svg_counts(narrow) == svg_counts(wide)


def _luminance(colour: str) -> float:
    """Relative luminance of #rrggbb (WCAG 2.1)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_fill_colours_contrast_with_white() -> None:
    patterns = {fill.pattern for fill in FILLS.values()}
    assert len(patterns) == len(FILLS)  # no two statuses differ by colour alone
    for fill in FILLS.values():
        ratio = 1.05 / (_luminance(fill.colour) + 0.05)
        assert ratio >= 4.5, fill
