"""The general importer: every shape the importer issue names, as small documents written here.

Each case is a document and what a careful reader finds in it: number, title, responsible and
status per measure. They complement the real development set (`corpus/real/`), which the
`test_real_documents` module scores field by field.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.render import libreoffice_pdfs
from tiltak.documents import PlanDocument, parse_bytes, parse_path

Row = tuple[str, str, list[str], str | None]

HEAD = "Handlingsplan mot testing (2025–2028)\n\n"

CASES: dict[str, tuple[str, list[Row]]] = {
    "numbers with a parenthesis": (
        HEAD + "1) Styrke kunnskapen om vold (JD)\n\n2) Etablere et nytt tilbud (HOD)\n\n"
        "3) Evaluere ordningen (BFD)\n",
        [
            ("1", "Styrke kunnskapen om vold", ["JD"], None),
            ("2", "Etablere et nytt tilbud", ["HOD"], None),
            ("3", "Evaluere ordningen", ["BFD"], None),
        ],
    ),
    "TILTAK N: in capitals, labels after the narrative": (
        HEAD + "TILTAK 1: Styrke kunnskapen om vold\n\nDet skal lages en ny rapport.\n\n"
        "Ansvarlig: JD\n\nTILTAK 2: Etablere et nytt tilbud\n\nTilbudet skal bygges ut.\n\n"
        "Ansvarlig: HOD og BFD\n\nTILTAK 3: Evaluere ordningen\n\nEvalueringen lyses ut.\n\n"
        "Ansvarlig: Kunnskapsdepartementet\n",
        [
            ("1", "Styrke kunnskapen om vold", ["JD"], None),
            ("2", "Etablere et nytt tilbud", ["HOD", "BFD"], None),
            ("3", "Evaluere ordningen", ["KD"], None),
        ],
    ),
    "Tiltak N alone, title on the next line, status label with the value below": (
        HEAD + "Tiltak 1\nStyrke kunnskapen om vold\n\nStatus:\nUnder arbeid\n\n"
        "Tiltak 2\nEtablere et nytt tilbud\n\nStatus:\nGjennomført\n\n"
        "Tiltak 3\nEvaluere ordningen\n\nStatus:\nIkke startet\n",
        [
            ("1", "Styrke kunnskapen om vold", [], "in_progress"),
            ("2", "Etablere et nytt tilbud", [], "completed"),
            ("3", "Evaluere ordningen", [], "not_started"),
        ],
    ),
    "codes T1 with responsible in full names and internal commas": (
        HEAD + "T1 Styrke kunnskapen om vold (Barne-, likestillings- og "
        "inkluderingsdepartementet)\n\nT2 Etablere et nytt tilbud (Helse- og "
        "omsorgsdepartementet)\n\nT3 Evaluere ordningen (Kulturdepartementet m.fl.)\n",
        [
            ("T1", "Styrke kunnskapen om vold", ["BLD"], None),
            ("T2", "Etablere et nytt tilbud", ["HOD"], None),
            ("T3", "Evaluere ordningen", ["KUD"], None),
        ],
    ),
    "numbers with letters and a coordinating ministry": (
        HEAD + "3a. Styrke kunnskapen om vold (JD koordinerer)\n\n"
        "3b. Etablere et nytt tilbud (HOD og JD)\n\n4. Evaluere ordningen (KD\n",
        [
            ("3a", "Styrke kunnskapen om vold", ["JD"], None),
            ("3b", "Etablere et nytt tilbud", ["HOD", "JD"], None),
            ("4", "Evaluere ordningen", ["KD"], None),
        ],
    ),
    "numbered lines without blank lines between them": (
        HEAD + "Tiltak:\n1. Styrke kunnskapen om vold (JD)\n2. Etablere et nytt tilbud (HOD)\n"
        "3. Evaluere ordningen (BFD)\n4. Lage en veileder (KD)\n",
        [
            ("1", "Styrke kunnskapen om vold", ["JD"], None),
            ("2", "Etablere et nytt tilbud", ["HOD"], None),
            ("3", "Evaluere ordningen", ["BFD"], None),
            ("4", "Lage en veileder", ["KD"], None),
        ],
    ),
    "a list printed 1. 1. 1.": (
        HEAD + "1. Styrke kunnskapen om vold\n\n1. Etablere et nytt tilbud\n\n"
        "1. Evaluere ordningen\n",
        [
            ("1", "Styrke kunnskapen om vold", [], None),
            ("2", "Etablere et nytt tilbud", [], None),
            ("3", "Evaluere ordningen", [], None),
        ],
    ),
    "Regjeringen vil with private-use bullet glyphs": (
        HEAD + "Regjeringen vil:\n\n\uf0b7 styrke kunnskapen om vold\n\uf0b7 etablere et nytt "
        "tilbud\n\uf0b7 evaluere ordningen\n\nDette er omtalt i kapittel 3.\n",
        [
            ("1", "styrke kunnskapen om vold", [], None),
            ("2", "etablere et nytt tilbud", [], None),
            ("3", "evaluere ordningen", [], None),
        ],
    ),
    "nynorsk Regjeringa vil with hyphen bullets and all ministries": (
        "Handlingsplan for testing (2025–2028)\n\nRegjeringa vil:\n\n"
        "- styrkje kunnskapen om vald (alle departementa)\n- etablere eit nytt tilbod (HOD)\n"
        "- evaluere ordninga (KD)\n",
        [
            ("1", "styrkje kunnskapen om vald", [], None),
            ("2", "etablere eit nytt tilbod", ["HOD"], None),
            ("3", "evaluere ordninga", ["KD"], None),
        ],
    ),
    "table of contents with page numbers before the measures": (
        HEAD + "Innhold\n\n1. Styrke kunnskapen om vold ........ 3\n"
        "2. Etablere et nytt tilbud ........ 4\n3. Evaluere ordningen ........ 5\n\n"
        "1. Styrke kunnskapen om vold\n\nAnsvarlig: JD\n\nStatus: Under arbeid\n\n"
        "2. Etablere et nytt tilbud\n\nAnsvarlig: HOD\n\nStatus: Gjennomført\n\n"
        "3. Evaluere ordningen\n\nAnsvarlig: BFD\n\nStatus: Løpende\n",
        [
            ("1", "Styrke kunnskapen om vold", ["JD"], "in_progress"),
            ("2", "Etablere et nytt tilbud", ["HOD"], "completed"),
            ("3", "Evaluere ordningen", ["BFD"], "ongoing"),
        ],
    ),
    "status in prose and a transferred responsibility": (
        HEAD + "Statusrapport 2026\n\n1. Styrke kunnskapen om vold\n\nAnsvarlig: JD\n\n"
        "Tiltaket anses som gjennomført. Rapporten kom i mars.\n\n"
        "2. Etablere et nytt tilbud\n\nAnsvarlig: HOD\n\nPågående – i rute.\n\n"
        "3. Evaluere ordningen\n\nAnsvar for tiltaket er overført fra BFD til KD.\n\n"
        "Avsluttet.\n",
        [
            ("1", "Styrke kunnskapen om vold", ["JD"], "completed"),
            ("2", "Etablere et nytt tilbud", ["HOD"], "in_progress"),
            ("3", "Evaluere ordningen", ["KD"], "completed"),
        ],
    ),
    "stacked labels followed by stacked values": (
        HEAD + "1. Styrke kunnskapen om vold\n\nAnsvarlig:\nGjennomføring:\nJD, AD, BLD\n"
        "2014-2017\nSTATUS:\nUnder arbeid\n\n2. Etablere et nytt tilbud\n\nAnsvarlig:\n"
        "Gjennomføring:\nHOD\n2015\nSTATUS:\nGjennomført\n\n3. Evaluere ordningen\n\n"
        "Ansvarlig:\nGjennomføring:\nKD\n2016\nSTATUS:\nIkke startet\n",
        [
            ("1", "Styrke kunnskapen om vold", ["JD", "AD", "BLD"], "in_progress"),
            ("2", "Etablere et nytt tilbud", ["HOD"], "completed"),
            ("3", "Evaluere ordningen", ["KD"], "not_started"),
        ],
    ),
    "directorates and municipal units are organisations of their own": (
        HEAD + "1. Styrke kunnskapen om vold\n\nAnsvarlig: Helsedirektoratet\n\n"
        "2. Etablere et nytt tilbud\n\nAnsvarlig: Oppvekstetaten\n\n"
        "3. Evaluere ordningen\n\nAnsvarlig: Barne-, ungdoms- og familiedirektoratet\n",
        [
            ("1", "Styrke kunnskapen om vold", ["Helsedirektoratet"], None),
            ("2", "Etablere et nytt tilbud", ["Oppvekstetaten"], None),
            ("3", "Evaluere ordningen", ["Barne-, ungdoms- og familiedirektoratet"], None),
        ],
    ),
}


def rows(document: PlanDocument) -> list[Row]:
    return [(m.number, m.title, m.responsible, m.status) for m in document.measures]


@pytest.mark.parametrize("name", list(CASES))
def test_shape(name: str) -> None:
    text, expected = CASES[name]
    assert rows(parse_bytes(text.encode())) == expected


def test_unnumbered_list_says_so() -> None:
    document = parse_bytes(CASES["Regjeringen vil with private-use bullet glyphs"][0].encode())
    assert any(f.code == "measures-numbered-by-position" for f in document.findings)


def test_prose_status_says_so() -> None:
    document = parse_bytes(CASES["status in prose and a transferred responsibility"][0].encode())
    codes = {(f.code, f.measure) for f in document.findings}
    assert ("status-from-prose", "1") in codes
    assert ("responsible-transferred", "3") in codes


def test_all_ministries() -> None:
    text = (
        HEAD + "1. Styrke kunnskapen (alle departementer)\n\n2. Nytt tilbud (JD)\n\n3. Mer (KD)\n"
    )
    first = parse_bytes(text.encode()).measures[0]
    assert (first.title, first.responsible_all) == ("Styrke kunnskapen", True)


TABLE_ROWS: list[Row] = [
    ("1", "Styrke kunnskapen om vold", ["JD"], "in_progress"),
    ("2", "Etablere et nytt tilbud", ["HOD", "BFD"], "completed"),
    ("3", "Evaluere ordningen", ["KD"], "not_started"),
]

TABLES: dict[str, str] = {
    "one cell per line": (
        "Nr\nTiltak\nAnsvar\nStatus\n1\nStyrke kunnskapen om vold\nJD\nUnder arbeid\n"
        "2\nEtablere et nytt tilbud\nHOD, BFD\nGjennomført\n3\nEvaluere ordningen\nKD\n"
        "Ikke startet\n"
    ),
    "one cell per line with a trailing pipe": (
        "Nr |\nTiltak |\nAnsvar |\nStatus |\n1 |\nStyrke kunnskapen om vold |\nJD |\n"
        "Under arbeid |\n2 |\nEtablere et nytt tilbud |\nHOD, BFD |\nGjennomført |\n3 |\n"
        "Evaluere ordningen |\nKD |\nIkke startet |\n"
    ),
    "one cell per paragraph, columns in another order": (
        "Status\n\nAnsvarlig departement\n\nNr\n\nTiltak\n\nUnder arbeid\n\nJD\n\n1\n\n"
        "Styrke kunnskapen om vold\n\nGjennomført\n\nHOD, BFD\n\n2\n\n"
        "Etablere et nytt tilbud\n\nIkke startet\n\nKD\n\n3\n\nEvaluere ordningen\n"
    ),
    "full pipe rows with a group row": (
        "| Nr | Tiltak | Ansvar | Status |\n|---|---|---|---|\n| | Kunnskap | | |\n"
        "| 1 | Styrke kunnskapen om vold | JD | Under arbeid |\n"
        "| 2 | Etablere et nytt tilbud | HOD, BFD | Gjennomført |\n"
        "| 3 | Evaluere ordningen | KD | Ikke startet |\n"
    ),
}


@pytest.mark.parametrize("name", list(TABLES))
def test_linearised_table(name: str) -> None:
    document = parse_bytes((HEAD + "Oversikt over tiltakene\n\n" + TABLES[name]).encode())
    assert rows(document) == TABLE_ROWS


def test_nynorsk_table_cells_as_bullets_with_the_owner_first() -> None:
    text = (
        "Prop. 1 S (2023–2024)\n\nHandlingsplan for trygge skular (2021–2024)\n\n"
        "Status per juni 2023\n\n"
        "• Departement\n• Tiltak\n• Status\n• KD\n• Auke kompetansen om vald i barnehagen\n"
        "• Byrja\n• KD, HOD\n• Utvikle eit nettkurs om meldeplikt\n• Ferdig\n"
        "• BFD\n• Greie ut samarbeidet med barnevernet\n• Ikkje starta\n"
    )
    assert rows(parse_bytes(text.encode())) == [
        ("1", "Auke kompetansen om vald i barnehagen", ["KD"], "in_progress"),
        ("2", "Utvikle eit nettkurs om meldeplikt", ["KD", "HOD"], "completed"),
        ("3", "Greie ut samarbeidet med barnevernet", ["BFD"], "not_started"),
    ]


def test_unnumbered_table_regjeringen_vil() -> None:
    text = HEAD + (
        "Regjeringen vil\tAnsvarlig departement\n"
        "Styrke kunnskapen om vold\tJD\nEtablere et nytt tilbud\tHOD\nEvaluere ordningen\tKD\n"
    )
    assert rows(parse_bytes(text.encode())) == [
        ("1", "Styrke kunnskapen om vold", ["JD"], None),
        ("2", "Etablere et nytt tilbud", ["HOD"], None),
        ("3", "Evaluere ordningen", ["KD"], None),
    ]


def _docx(text: str, path: Path) -> None:
    """The text as a Word document: paragraphs, soft line breaks, bullets as Word's list style."""
    import docx

    document = docx.Document()
    for chunk in text.split("\n\n"):
        lines = [line for line in chunk.split("\n") if line.strip()]
        paragraph = None
        for line in lines:
            bullet = re.match(r"^\s*(?:[•\-*\uf0b7])\s+", line)
            if bullet:
                document.add_paragraph(line[bullet.end() :], style="List Bullet")
                paragraph = None
            elif paragraph is None:
                paragraph = document.add_paragraph(line)
            else:
                paragraph.add_run().add_break()
                paragraph.add_run(line)
    document.save(str(path))


# Word-like renderings: a PDF table of pipes is not a shape Word makes, so it stays out.
RENDERED = {name: CASES[name] for name in CASES} | {
    f"table: {name}": (HEAD + "Oversikt over tiltakene\n\n" + TABLES[name], TABLE_ROWS)
    for name in TABLES
    if not name.startswith("full pipe")
}


@pytest.fixture(scope="module")
def renderings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Every case as DOCX, and as the PDF LibreOffice makes of it (one soffice run for all)."""
    folder = tmp_path_factory.mktemp("shapes")
    paths = {}
    for position, (name, (text, _)) in enumerate(RENDERED.items()):
        path = folder / f"case{position}.docx"
        _docx(text, path)
        paths[name] = path
    if libreoffice_pdfs(list(paths.values()), folder) is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return {name: (path, path.with_suffix(".pdf")) for name, path in paths.items()}


@pytest.mark.parametrize("name", list(RENDERED))
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_shape_as_word_and_libreoffice_pdf(
    renderings: dict[str, tuple[Path, Path]], name: str, fmt: str
) -> None:
    docx_path, pdf_path = renderings[name]
    document = parse_path(docx_path if fmt == "docx" else pdf_path)
    assert rows(document) == RENDERED[name][1]


def test_an_uncertain_choice_of_measures_says_so() -> None:
    # Three numbered lines with gaps, and three bullets: neither explains the document well.
    text = HEAD + (
        "1. Styrke kunnskapen om vold\n\n4. Etablere et nytt tilbud\n\n9. Evaluere ordningen\n\n"
        "• Lage en veileder\n• Følge opp kommunene\n• Rapportere årlig\n"
    )
    document = parse_bytes(text.encode())
    uncertain = [f for f in document.findings if f.code == "measures-uncertain"]
    assert len(uncertain) == 1 and "sikkerhet" in uncertain[0].message


def test_a_clear_list_is_not_uncertain() -> None:
    document = parse_bytes(CASES["numbers with a parenthesis"][0].encode())
    assert not [f for f in document.findings if f.code == "measures-uncertain"]


def test_displaced_labels_of_a_pdf_status_report() -> None:
    text = (
        "Et liv uten vold – handlingsplan mot vold i nære relasjoner (2014–2017)\n\n"
        "Statusrapport 2016\n\n"
        "Tiltak 1 Opprette et nasjonalt kompetansemiljø\nAnsvarlig:\nGjennomføring:\n"
        "JD, AD, BLD\n2014-2017\nSTATUS:\n"
        "Tiltaket er gjennomført. Miljøet ble opprettet i 2015.\n\n"
        "Tiltak 2 Utvikle en veileder for kommunene\nAnsvarlig:\nGjennomføring:\nHOD\n2015\n"
        "STATUS:\nArbeidet er igangsatt og ventes ferdig neste år.\n\n"
        "Tiltak 3 Evaluere ordningen\nAnsvarlig:\nGjennomføring:\nBLD\n2016\nSTATUS:\n"
        "Ikke startet\n"
    )
    document = parse_bytes(text.encode())
    assert [(m.number, m.responsible, m.period, m.status) for m in document.measures] == [
        ("1", ["JD", "AD", "BLD"], "2014-2017", "completed"),
        ("2", ["HOD"], "2015", "in_progress"),
        ("3", ["BLD"], "2016", "not_started"),
    ]
    assert document.measures[0].narrative.startswith("Tiltaket er gjennomført.")


def test_goals_listed_before_the_measures_are_not_measures() -> None:
    text = HEAD + (
        "Mål for planen:\n\n• Bedre helse for alle\n• Mer trygghet i hverdagen\n\n"
        "Regjeringen vil:\n\n• Styrke kunnskapen om vold\n• Etablere et nytt tilbud\n"
        "• Evaluere ordningen\n"
    )
    assert [m.title for m in parse_bytes(text.encode()).measures] == [
        "Styrke kunnskapen om vold",
        "Etablere et nytt tilbud",
        "Evaluere ordningen",
    ]


def test_table_of_contents_of_an_unlabelled_list_is_not_the_list() -> None:
    text = HEAD + (
        "Innhold\n\n1. Styrke kunnskapen om vold ........ 3\n"
        "2. Etablere et nytt tilbud ........ 4\n"
        "3. Evaluere ordningen ........ 5\n\nInnledning\n\nDette er planen.\n\n"
        "1. Styrke kunnskapen om vold (JD)\n\nTekst om tiltaket.\n\n"
        "2. Etablere et nytt tilbud (HOD)\n\nMer tekst.\n\n"
        "3. Evaluere ordningen (KD)\n\nEnda mer.\n"
    )
    assert rows(parse_bytes(text.encode())) == [
        ("1", "Styrke kunnskapen om vold", ["JD"], None),
        ("2", "Etablere et nytt tilbud", ["HOD"], None),
        ("3", "Evaluere ordningen", ["KD"], None),
    ]


def test_pdf_table_rows_run_together_on_one_line() -> None:
    text = HEAD + (
        "Oversikt over tiltakene\n\nNr Tiltak Ansvar Status\n"
        "1 Styrke kunnskapen om vold JD Under arbeid\n"
        "2 Etablere et nytt tilbud for barn og unge i\nkommunene HOD, BFD Gjennomført\n"
        "3 Evaluere ordningen KD Ikke startet\n"
    )
    assert rows(parse_bytes(text.encode())) == [
        ("1", "Styrke kunnskapen om vold", ["JD"], "in_progress"),
        ("2", "Etablere et nytt tilbud for barn og unge i kommunene", ["HOD", "BFD"], "completed"),
        ("3", "Evaluere ordningen", ["KD"], "not_started"),
    ]


def test_pdf_table_rows_run_together_without_numbers() -> None:
    text = HEAD + (
        "Tiltak Ansvarlig departement Status\n"
        "Styrke kunnskapen om vold JD Under arbeid\n"
        "Etablere et nytt tilbud HOD Gjennomført\n"
        "Evaluere ordningen KD Ikke startet\n"
    )
    assert rows(parse_bytes(text.encode())) == [
        ("1", "Styrke kunnskapen om vold", ["JD"], "in_progress"),
        ("2", "Etablere et nytt tilbud", ["HOD"], "completed"),
        ("3", "Evaluere ordningen", ["KD"], "not_started"),
    ]
