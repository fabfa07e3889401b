"""References from narratives to other measures and to the Storting's request resolutions."""

from __future__ import annotations

import pytest

from tiltak.documents.parser.references import references_in


@pytest.mark.parametrize(
    ("text", "references"),
    [
        ("Se også tiltak 7.", ["7"]),
        ("… jf. tiltak 15.", ["15"]),
        ("Se tiltak 52, punkt 2.", ["52"]),
        ("Se også tiltak 6 og 59.", ["6", "59"]),
        ("Tiltakene 3, 4 og 5 henger sammen.", ["3", "4", "5"]),
        ("Se anmodningsvedtak nr. 613.", ["613"]),
        ("jf. vedtak 619, Innst. 259 S", ["619"]),
        ("Se tiltak 21 b.", ["21 b"]),
        ("før tiltak 33 i Opptrappingsplanen er gjennomført", ["33"]),
        ("Handlingsplanen har 29 tiltak innenfor fire områder.", []),
        ("Lovvedtak 35 (2025-2026)", []),
        ("Tiltak 9: Videreutvikle samarbeidet; tiltak 9 igjen, og tiltak 1.", ["9"]),
    ],
)
def test_references(text: str, references: list[str]) -> None:
    assert references_in(text, own_number="1", kind="opptrappingsplan") == references
