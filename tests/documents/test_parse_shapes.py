"""Documents of other shapes than the corpus, as fixtures written for Tiltak."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiltak.documents import PlanDocument, parse_bytes, parse_path

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def summary(document: PlanDocument) -> list[tuple[object, ...]]:
    return [
        (m.number, m.chapter, m.responsible, m.responsible_all, m.status, m.status_label, m.title)
        for m in document.measures
    ]


def test_nynorsk_status_table_in_separate_cells() -> None:
    document = parse_path(FIXTURES / "nynorsk-statustabell.txt")
    assert document.language == "nn"
    assert document.report is not None and document.report.as_of == "2023-06-01"
    assert [c.title for c in document.chapters] == [
        "Innsatsområde 1: Kunnskap og kompetanse",
        "Innsatsområde 2: Samarbeid",
    ]
    assert summary(document) == [
        ("1", "1", ["KD"], False, "in_progress", "Byrja",
         "Auke kompetansen om vald og overgrep blant tilsette i barnehagen"),
        ("2", "1", ["KD", "HOD"], False, "completed", "Ferdig",
         "Utvikle eit nettkurs om meldeplikt for lærarar"),
        ("3", "1", ["BFD", "KD"], False, "not_started", "Ikkje starta",
         "Greie ut korleis barnehagane kan samarbeide betre med barnevernet"),
        ("4", "2", ["KD"], True, "ongoing", "Løpande",
         "Styrkje samarbeidet mellom skule, helsestasjon og politi"),
        ("5", "2", ["KDD"], False, "in_progress", "Påbyrja",
         "Gje kommunane rettleiing om kommunale handlingsplanar"),
        ("6", "2", ["JD"], False, None, "Under vurdering",
         "Evaluere ordninga med politikontaktar i skulen"),
    ]  # fmt: skip
    unknown = [f for f in document.findings if f.code == "unknown-status"]
    assert [(f.measure, f.evidence["value"]) for f in unknown] == [("6", "Under vurdering")]


def test_ansvarlig_gjennomforing_status_blocks_with_historical_ministries() -> None:
    document = parse_path(FIXTURES / "ansvarlig-gjennomforing.txt")
    assert document.plan.title == (
        "Et liv uten vold – handlingsplan mot vold i nære relasjoner (2014–2017)"
    )
    assert document.plan.owner == "Barne-, likestillings- og inkluderingsdepartementet"
    assert document.plan.period == (2014, 2017)
    assert [(m.number, m.period, m.status) for m in document.measures] == [
        ("1", "2014–2015", "completed"),
        ("2", "2014–2017", "in_progress"),
        ("3", "Løpende", "ongoing"),
        ("4", "2015", "completed"),
    ]
    names = {o.acronym: o.name for o in document.organisations}
    # As of 2016 these acronyms meant ministries that no longer exist.
    assert names["BLD"] == "Barne-, likestillings- og inkluderingsdepartementet"
    assert names["AD"] == "Arbeidsdepartementet"
    assert names["KMD"] == "Kommunal- og moderniseringsdepartementet"
    assert document.measure("1").references == ["3"]  # type: ignore[union-attr]
    dangling = [f for f in document.findings if f.code == "unknown-reference"]
    assert [(f.measure, f.evidence["reference"]) for f in dangling] == [("2", "7")]


def test_labels_and_values_extracted_onto_separate_lines() -> None:
    document = parse_path(FIXTURES / "stablede-etiketter.txt")
    assert [(m.number, m.responsible, m.period, m.status) for m in document.measures] == [
        ("1", ["JD", "AD"], "2016–2017", "completed"),
        ("2", ["JD", "ASD"], "2016–2019", "in_progress"),
    ]
    assert document.measure("1").narrative == "Enheten ble opprettet i 2016."  # type: ignore[union-attr]


def test_html_table_copied_as_text() -> None:
    document = parse_path(FIXTURES / "html-tabell-som-tekst.txt")
    assert summary(document) == [
        ("1", None, ["KDD"], True, "in_progress", "Under arbeid",
         "Etablere et nasjonalt kompetansesenter for digital trygghet"),
        ("2", None, ["JD"], False, "completed", "Gjennomført",
         "Styrke Kripos sin innsats mot overgrep på nett"),
        ("3", None, ["KD", "BFD"], False, "not_started", "Ikke startet",
         "Utvikle undervisningsopplegg om digital dømmekraft"),
    ]  # fmt: skip


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not present")
@pytest.mark.parametrize(("offset", "last"), [(120, "40"), (-400, "39")])
def test_document_cut_off_in_the_middle_of_a_measure(offset: int, last: str) -> None:
    text = (CORPUS / "plan-2024-2028-status-2026.txt").read_text()
    cut = text[: text.index("40. Legge til rette for bedre koordinering") + offset]
    document = parse_bytes(cut.encode())
    assert document.measures[-1].number == last
    errors = [(f.code, f.measure) for f in document.findings if f.severity == "error"]
    assert errors == [("document-truncated", last)]


def test_duplicate_and_missing_numbers_and_unknown_acronym() -> None:
    text = "\n\n".join(
        [
            "Handlingsplan mot mobbing (2022–2025)",
            "Status per 1. mars 2024",
            "1. Første tiltak",
            "Ansvarlig departement: KD",
            "Status: Gjennomført",
            "2. Andre tiltak",
            "Ansvarlig departement: XYZ og KD",
            "Status: Under arbeid",
            "2. Et tiltak til med samme nummer",
            "Ansvarlig departement: KD",
            "Status: Under arbeid",
            "5. Femte tiltak",
            "Ansvarlig departement: Alle",
            "Status: Ikke startet",
            "Dette er ikke startet ennå.",
        ]
    )
    document = parse_bytes(text.encode())
    found = sorted((f.code, f.measure) for f in document.findings)
    assert found == [
        ("duplicate-number", "2"),
        ("missing-number", "3"),
        ("missing-number", "4"),
        ("unknown-organisation", "2"),
    ]
    assert document.measure("5").responsible == []  # type: ignore[union-attr]
    assert document.measure("5").responsible_all is True  # type: ignore[union-attr]
    two = document.measures[1]
    assert two.responsible == ["XYZ", "KD"]  # unknown acronyms are kept, and reported


def test_regjeringen_page_in_nynorsk_with_a_status_table() -> None:
    document = parse_path(FIXTURES / "regjeringen-nynorsk.html")
    assert document.source_format == "html"
    assert document.language == "nn"
    assert document.report is not None and document.report.as_of == "2026-06"
    assert [(m.number, m.responsible, m.responsible_all, m.status) for m in document.measures] == [
        ("5", ["JD"], False, "completed"),
        ("6", ["BFD"], True, "in_progress"),
    ]
    assert document.measure("6").title == (  # type: ignore[union-attr]
        "Syte for at kunnskap om teieplikt inngår i kompetansetiltak"
    )


def test_stacked_labels_in_a_pdf(tmp_path: Path) -> None:
    from tests.support.render import render_pdf

    pdf = tmp_path / "stablede-etiketter.pdf"
    render_pdf((FIXTURES / "stablede-etiketter.txt").read_text(), pdf)
    document = parse_path(pdf)
    assert document.source_format == "pdf"
    assert [(m.number, m.responsible, m.period, m.status) for m in document.measures] == [
        ("1", ["JD", "AD"], "2016–2017", "completed"),
        ("2", ["JD", "ASD"], "2016–2019", "in_progress"),
    ]
