"""The HTML page is standalone and accessible."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from tiltak.documents.model import PlanDocument


def test_accessible_page(rendered: dict[str, Path], stored_document: PlanDocument) -> None:
    """lang="nb", one h1, headings in order, TOC links that resolve, captions, th scope, SVG."""
    html = rendered["html"].read_text(encoding="utf-8")
    tree = LexborHTMLParser(html)
    assert tree.css_first("html").attributes["lang"] == "nb"
    assert tree.css_first("title").text().startswith(stored_document.plan.title)
    levels = [int(node.tag[1]) for node in tree.css("h1, h2, h3, h4, h5, h6")]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    ids = {node.attributes["id"] for node in tree.css("[id]")}
    toc = [a.attributes["href"] for a in tree.css("nav.toc a")]
    assert len(toc) == len(stored_document.chapters) + 4  # acronyms, intro, statistics, overview
    assert all(href.startswith("#") and href[1:] in ids for href in toc)
    tables = tree.css("table")
    assert all(t.css_first("caption") or t.attributes.get("aria-label") for t in tables)
    assert all(th.attributes.get("scope") for th in tree.css("th"))
    svg = tree.css_first("figure svg")
    assert svg.attributes["role"] == "img"
    assert svg.css_first("title").text().startswith("Stolpediagram")
    assert "<script" not in html
    overview = tables[-1]
    assert len(overview.css("tbody tr")) == 131 + len(stored_document.chapters)
    assert "* alle:" in html
    assert re.search(r"<h3 id=\"vedtak-611\">611 Stortinget ber", html)
