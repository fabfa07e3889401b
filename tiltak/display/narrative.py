"""Narratives (Markdown) as safe HTML on the portal's and the workspace's pages: the reports'
renderer (markdown-it-py, then nh3), with headings under the page's h2 and rel="noopener"."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe

from tiltak.documents.reports.markup import to_html

HEADING_SHIFT = 2  # a narrative's "#" heading sits under the page's h2


def render_narrative(text: str) -> SafeString:
    """The narrative as sanitised HTML: no scripts or styles, links with rel="noopener"."""
    if not text.strip():
        return mark_safe("")
    clean = to_html(text, HEADING_SHIFT, link_rel="noopener", extra_tags=frozenset({"caption"}))
    return mark_safe(clean)  # sanitised by nh3 in to_html
