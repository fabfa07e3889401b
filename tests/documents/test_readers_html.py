"""The HTML reader on a regjeringen.no-like page in nynorsk, and on charsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiltak.documents.blocks import Block, BlockKind
from tiltak.documents.errors import DocumentError
from tiltak.documents.readers import read_bytes
from tiltak.documents.readers.html import read_html

FIXTURE = Path(__file__).parent / "fixtures" / "regjeringen-nynorsk.html"

H, P, L = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM


def test_regjeringen_page() -> None:
    document = read_html(FIXTURE.read_bytes())
    assert document.source_format == "html"
    assert document.metadata == {
        "title": "Statusrapport 2026 – tiltak mot vald i nære relasjonar - regjeringen.no"
    }
    assert document.blocks == [
        Block(H, "Statusrapport for opptrappingsplanen 2026", 1, style="h1"),
        Block(P, "Rapporten viser status for **alle** tiltaka i planen per juni 2026."),
        Block(H, "1 Heilskapleg og samordna innsats", 2, style="h2"),
        Block(
            P,
            "Regjeringa vil *styrkje* samarbeidet mellom departementa, sjå "
            "[Prop. 36 S (2023–2024)](https://www.regjeringen.no/nn/dokument/prop/id2999999/) "
            "og [eit dokument utan lenkjemål](#).\nNy linje i same avsnitt.",
        ),
        Block(P, "Tiltaka under er førte vidare frå planen."),
        Block(L, "5. Gjere tydeleg kva rolle statsforvaltarane har", 1),
        Block(L, "6. Syte for at *kunnskap om teieplikt* inngår i kompetansetiltak", 1),
        Block(L, "for tilsette i skulen", 2),
        Block(L, "for tilsette i barnevernet", 2),
        Block(L, "9. Vidareutvikle samarbeidet med frivilligheita", 1),
        Block(L, "Eit punkt utan nummer", 1),
        Block(P, "Oversikt over tiltaka"),
        Block.row(["Departement", "Tiltak", "Status"]),
        Block.row(["JD", "5. Gjere tydeleg kva rolle statsforvaltarane har", "Gjennomført"]),
        Block.row(
            [
                "BFD, **alle**",
                "6. Syte for at kunnskap om teieplikt\ninngår i kompetansetiltak",
                "Under arbeid",
            ]
        ),
        Block.row(["Tiltak utan ansvarleg", "Ikkje starta"]),
        Block(H, "Merknad", 3, style="h3"),
        Block(P, "Tekst direkte i ein div"),
        Block(P, "og ein indre div"),
        Block(P, "med meir tekst etterpå."),
    ]


def test_navigation_and_footer_are_skipped() -> None:
    text = "\n".join(b.text for b in read_html(FIXTURE.read_bytes()).blocks)
    for skipped in ("Hovudmeny", "Tema", "Heim", "Facebook", "Ansvarleg redaktør", "skjult"):
        assert skipped not in text


def test_read_bytes_detects_html() -> None:
    assert read_bytes(FIXTURE.read_bytes()).source_format == "html"


@pytest.mark.parametrize(
    ("declaration", "encoding"),
    [
        ('<meta charset="windows-1252">', "cp1252"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252"),
        ('<meta charset="utf-8">', "utf-8"),
        ("", "utf-8"),
        ("", "cp1252"),  # no declaration, not UTF-8: Windows-1252
    ],
)
def test_charsets(declaration: str, encoding: str) -> None:
    page = f"<html><head>{declaration}</head><body><p>Tiltak – «særleg» viktig</p></body></html>"
    document = read_html(page.encode(encoding))
    assert document.blocks == [Block(P, "Tiltak – «særleg» viktig")]


def test_body_without_main_and_ordered_list_start() -> None:
    page = b"<body><ol start='3'><li>tre</li><li>fire</li></ol><ol type='a'><li>x</li></ol></body>"
    blocks = read_html(page).blocks
    assert [b.text for b in blocks] == ["3. tre", "4. fire", "x"]


def test_page_without_text_is_an_error() -> None:
    with pytest.raises(DocumentError, match="no readable text"):
        read_html(b"<html><body><nav>Meny</nav><script>x()</script></body></html>")
