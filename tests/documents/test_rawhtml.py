"""Raw HTML out of narrative Markdown before it is stored (tiltak.documents.rawhtml)."""

from __future__ import annotations

from typing import Any

from tests.support.api import PLAN_FILE
from tiltak.documents.rawhtml import strip_raw_html


def test_inline_tags_and_their_styling_go_and_the_text_stays() -> None:
    text = 'Tekst <span style="color:red;mso-ansi-language:NO">rød</span> og <b>fet</b>.'
    assert strip_raw_html(text) == "Tekst rød og fet."


def test_html_blocks_from_word_become_their_text() -> None:
    text = (
        '<p class=MsoNormal style="margin:0cm"><span style="font-family:Calibri">Fra '
        "Word</span><o:p></o:p></p>\n\nNeste avsnitt med <o:p></o:p>"
    )
    assert strip_raw_html(text) == "Fra Word\n\nNeste avsnitt med"


def test_scripts_lose_their_content() -> None:
    assert strip_raw_html("<div>\n<script>alert(1)</script>\n</div>\n\nTekst") == "Tekst"


def test_markdown_code_and_plain_angle_brackets_are_kept() -> None:
    for text in (
        "a < b & c > d",
        "Se <https://www.regjeringen.no/> og [lenke](https://a.no/).",
        "Kode `<b>` vises som kode.",
        "```\n<p>eksempel</p>\n```",
        "Escaped \\<b> er tekst.",
    ):
        assert strip_raw_html(text) == text


def test_the_2026_narratives_are_unchanged(corpus_documents: dict[str, Any]) -> None:
    narratives = [measure.narrative for measure in corpus_documents[PLAN_FILE].measures]
    assert len(narratives) == 131
    assert [strip_raw_html(text) for text in narratives] == narratives
