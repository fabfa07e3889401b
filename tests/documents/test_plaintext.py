"""markdown_to_text: the one way Markdown becomes plain text (search, checks, reports)."""

from __future__ import annotations

import pytest

from tiltak.documents.plaintext import markdown_to_text

CASES = [
    ("# Overskrift", "Overskrift"),
    ("### Overskrift ###", "Overskrift"),
    ("*kursiv*, _kursiv_, **fet** og __fet__", "kursiv, kursiv, fet og fet"),
    ("~~borte~~ og snake_case_ord", "borte og snake_case_ord"),
    ("Se [rapporten](https://a.no/r_(2025)) her", "Se rapporten her"),
    ("![Kart over fylka](kart.png)", "Kart over fylka"),
    ("[lenkje][1]\n\n[1]: https://a.no", "lenkje\n\n"),
    ("<https://regjeringen.no>", "https://regjeringen.no"),
    ("- første\n- andre\n1. tredje\n2) fjerde", "første\nandre\ntredje\nfjerde"),
    ("> sitat", "sitat"),
    ("| Tiltak | Status |\n|---|---|\n| 1 | Fullført |", "  Tiltak   Status  \n\n  1   Fullført  "),
    ("Bruk `kode` her", "Bruk kode her"),
    ("Tekst\n\n---\n\nmeir", "Tekst\n\n\n\nmeir"),
    ("Barn &amp; unge &lt;18 &#229;r", "Barn & unge <18 år"),
    ("\\*ikkje kursiv\\* og \\[ikkje lenkje\\]", "*ikkje kursiv* og [ikkje lenkje]"),
    ("<i>skrå</i> og <strong>fet</strong>", "skrå og fet"),
    (
        "Tiltaket er gjennomført. Kommunane har fått ein ny rettleiar, og arbeidet held fram.",
        "Tiltaket er gjennomført. Kommunane har fått ein ny rettleiar, og arbeidet held fram.",
    ),
    ("", ""),
]


@pytest.mark.parametrize(("markdown", "text"), CASES)
def test_markdown_to_text(markdown: str, text: str) -> None:
    assert markdown_to_text(markdown) == text


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("1. Styrke **samordninga**", "1. Styrke samordninga"),
        ("# 2.1 Kapittel", "# 2.1 Kapittel"),
        ("- JD, [alle](#)", "- JD, alle"),
        ("Tiltak 3 \\(nytt\\)", "Tiltak 3 (nytt)"),
    ],
)
def test_inline_keeps_block_syntax(markdown: str, text: str) -> None:
    assert markdown_to_text(markdown, inline=True) == text
