"""Template filters shared by the portal and the workspace: `{% load display %}`."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from tiltak.display.narrative import render_narrative
from tiltak.documents.plaintext import markdown_to_text
from tiltak.documents.textdiff import word_changes

register = template.Library()

SEVERITY_COLOURS = {"error": "danger", "warning": "warning", "info": "info"}


@register.filter
def severity_colour(severity: str) -> str:
    """The Designsystemet colour of a finding's severity."""
    return SEVERITY_COLOURS.get(severity, "neutral")


@register.filter
def plain_text(markdown: str) -> str:
    """A narrative's words without Markdown marks, for comparing two versions by eye."""
    return markdown_to_text(markdown or "")


@register.filter
def markdown_html(text: str) -> SafeString:
    """Plain text or Markdown (a comment, a narrative) as sanitised HTML."""
    return render_narrative(text or "")


DIFF_TAGS = {"same": "span", "added": "ins", "removed": "del"}


@register.simple_tag
def word_diff(before: str, after: str) -> SafeString:
    """The new text with removed words struck (`<del>`) and added words marked (`<ins>`), the
    text escaped; the pages' CSS says «slettet»/«lagt til» to screen readers."""
    runs = format_html_join(
        " ",
        "<{0}>{1}</{0}>",
        (
            (DIFF_TAGS[change.kind], change.text)
            for change in word_changes(before or "", after or "")
        ),
    )
    return format_html('<span class="word-diff">{}</span>', runs)
