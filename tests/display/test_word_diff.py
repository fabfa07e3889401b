"""The word-diff template tag marks removed and added words and escapes the text."""

from __future__ import annotations

from django.template import Context, Template

from tiltak.display.templatetags.display import plain_text


def _render(before: str, after: str) -> str:
    template = Template("{% load display %}{% word_diff before after %}")
    return template.render(Context({"before": before, "after": after}))


def test_removed_and_added_words_are_marked() -> None:
    html = _render("Tiltaket er startet", "Tiltaket er gjennomført")
    assert html == (
        '<span class="word-diff"><span>Tiltaket er</span> <del>startet</del> '
        "<ins>gjennomført</ins></span>"
    )


def test_text_is_escaped() -> None:
    html = _render("", "<script>alert(1)</script>")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_plain_text_drops_the_markdown_marks_before_comparing() -> None:
    assert plain_text("Omtale av **tiltak 1** med [lenke](https://example.no/).") == (
        "Omtale av tiltak 1 med lenke."
    )
    assert plain_text("") == ""
