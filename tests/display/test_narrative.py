"""Narratives: Markdown rendered by markdown-it-py and sanitised by nh3."""

from __future__ import annotations

from tiltak.display.narrative import render_narrative


def test_script_and_handlers_are_removed() -> None:
    html = render_narrative(
        "Tekst <script>alert(1)</script> og <img src=x onerror=alert(2)> "
        '<a href="javascript:alert(3)">lenke</a> <style>p{}</style>'
    )
    assert "<script" not in html and "alert" not in html
    assert "onerror" not in html and "javascript:" not in html and "<style" not in html


def test_links_without_target_become_text() -> None:
    html = render_narrative('Les mer [her](#) og [der]() eller <a href="#">rå</a>.')
    assert "her" in html and "der" in html
    assert 'href="#"' not in html and 'href=""' not in html
    assert "[her]" not in html


def test_links_get_noopener() -> None:
    html = render_narrative('Se [regjeringen.no](https://www.regjeringen.no/ "Tittel").')
    assert '<a href="https://www.regjeringen.no/" title="Tittel" rel="noopener">' in html


def test_lists_italics_and_headings() -> None:
    html = render_narrative("# Overskrift\n\n- en\n- to\n\n<i>kursiv</i> og *uthevet*")
    assert "<h3>Overskrift</h3>" in html and "<h1>" not in html
    assert html.count("<li>") == 2
    assert "<i>kursiv</i>" in html and "<em>uthevet</em>" in html


def test_empty_narrative() -> None:
    assert render_narrative("  \n") == ""
