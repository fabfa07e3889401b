"""A plan written in nynorsk: detected on import, its own text marked `lang="nn"` on pages in
another language, its status labels in nynorsk on Norwegian pages and in English on English
ones, and its reports written in nynorsk."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.test import Client
from selectolax.lexbor import LexborHTMLParser, LexborNode

from tiltak.documents import parse_path
from tiltak.documents.language import detect_language
from tiltak.documents.reports.build import status_report
from tiltak.documents.reports.changes import change_report
from tiltak.documents.reports.docx import render_docx
from tiltak.documents.reports.html import render_html
from tiltak.documents.reports.markdown import render_markdown
from tiltak.documents.reports.typesetting import render_typst
from tiltak.documents.vocabulary import labels_language
from tiltak.plans.models import Plan
from tiltak.rounds.documents import round_document
from tiltak.rounds.exchange import COLUMNS, read_exchange, rows_to_documents
from tiltak.rounds.importing import import_plan_document
from tiltak.rounds.models import ReportingRound

from .conftest import HandBuilt

FIXTURE = (
    Path(__file__).resolve().parents[1] / "documents" / "fixtures" / "nynorsk-statustabell.txt"
)


@pytest.fixture
def nynorsk(db: None) -> Plan:
    """The nynorsk status report imported, its round published."""
    document = parse_path(FIXTURE)
    result = import_plan_document(
        document,
        source_name=FIXTURE.name,
        source_sha256=hashlib.sha256(FIXTURE.read_bytes()).hexdigest(),
    )
    ReportingRound.objects.filter(plan_id=result.plan_id).update(
        state="published", published_at=datetime(2026, 6, 30, tzinfo=UTC)
    )
    return Plan.objects.get(pk=result.plan_id)


def _page(client: Client, url: str, language: str) -> LexborHTMLParser:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    return LexborHTMLParser(response.content.decode())


def _tags(tree: LexborHTMLParser) -> list[LexborNode]:
    return tree.css(".status-tag")


def test_the_core_tells_nynorsk_from_bokmal() -> None:
    assert parse_path(FIXTURE).language == "nn"
    assert (
        detect_language("Tiltaket er ikke startet, og det er ikke avklart hva som skjer.") == "nb"
    )
    assert (
        detect_language("Tiltaket er ikkje starta, og det er ikkje avklart kva som skjer.") == "nn"
    )
    assert detect_language("") == "nb"


REAL = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real"


@pytest.mark.skipif(not REAL.exists(), reason="../shared/corpus is not present")
@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("distriktsmelding-2023-nynorsk-regjeringa-vil.txt", "nn"),
        ("muslimhat-2020-npk-nynorsk-stjerneliste.txt", "nn"),
        ("lhbt-2023-2026-tiltak-overskrift.txt", "nb"),
        ("sosial-kontroll-2017-imdi-grupperte-punkter.txt", "nb"),
    ],
)
def test_real_documents_nobody_tuned_it_for(name: str, language: str) -> None:
    assert parse_path(REAL / name).language == language


def test_labels_follow_a_nynorsk_plan_on_norwegian_pages_and_english_on_english_ones() -> None:
    assert labels_language("nb", "nn") == "nn"
    assert labels_language("nn", "nb") == "nn"
    assert labels_language("nb", "nb") == "nb"
    assert labels_language("en", "nn") == "en"
    assert labels_language("nb") == "nb"


def test_import_stores_the_plans_language(nynorsk: Plan, hand_built: HandBuilt) -> None:
    assert nynorsk.language == "nn"
    assert hand_built.plan.language == "nb"


def test_bokmal_exchange_files_make_bokmal_plans(samples: dict[str, Plan]) -> None:
    assert {plan.language for plan in samples.values()} == {"nb"}


def test_an_exchange_file_in_nynorsk_is_read_as_nynorsk() -> None:
    csv = (
        ",".join(COLUMNS) + "\n"
        "p,Handlingsplan for skulen,Status 2026,2026-06,1,measure,1,Kunnskap,"
        "Auke kompetansen om kva som verkar,KD,nei,in_progress,Byrja,"
        "Arbeidet er byrja men er ikkje ferdig. Dei har òg laga eit kurs.\n"
    )
    rows = read_exchange(csv.encode(), source="nn.csv")
    assert [document.language for _, document in rows_to_documents(rows)] == ["nn"]


def test_a_nynorsk_plan_on_a_bokmal_page(client: Client, nynorsk: Plan) -> None:
    tree = _page(client, f"/planer/{nynorsk.slug}/tiltak/", "nb")
    assert tree.css_first("html").attributes["lang"] == "nb"
    h1 = tree.css_first("h1")
    assert h1.attributes.get("lang") is None  # «Tiltak»: the interface's own heading
    titles = [a for a in tree.css("td a") if "Auke kompetansen" in a.text()]
    assert titles and titles[0].attributes.get("lang") == "nn"
    tags = {tag.text() for tag in _tags(tree)}
    assert {"Byrja", "Ferdig", "Ikkje starta", "Løpande"} <= tags
    assert not tags & {"Under arbeid", "Gjennomført", "Ikke startet", "Løpende"}
    assert all(tag.attributes.get("lang") == "nn" for tag in _tags(tree))
    options = [o.text() for o in tree.css("#f-status option[lang='nn']")]
    assert "Byrja" in options

    plan = _page(client, f"/planer/{nynorsk.slug}/", "nb")
    assert plan.css_first("h1").attributes.get("lang") == "nn"
    assert "Byrja" in {th.text() for th in plan.css("th[lang='nn']")}


def test_a_nynorsk_plan_in_english_and_in_nynorsk(client: Client, nynorsk: Plan) -> None:
    english = _page(client, f"/planer/{nynorsk.slug}/tiltak/", "en")
    assert english.css_first("html").attributes["lang"] == "en"
    tags = {tag.text() for tag in _tags(english)}
    assert {"In progress", "Completed", "Not started", "Ongoing"} <= tags
    assert all(tag.attributes.get("lang") is None for tag in _tags(english))
    titles = [a for a in english.css("td a") if "Auke kompetansen" in a.text()]
    assert titles[0].attributes.get("lang") == "nn"

    nn = _page(client, f"/planer/{nynorsk.slug}/", "nn")
    assert nn.css_first("html").attributes["lang"] == "nn"
    assert nn.css_first("h1").attributes.get("lang") is None
    assert not nn.css("main [lang]")


def test_the_measure_page_marks_the_plans_text(client: Client, nynorsk: Plan) -> None:
    tree = _page(client, f"/planer/{nynorsk.slug}/tiltak/5/", "nb")
    assert tree.css_first("h1").attributes.get("lang") == "nn"
    tag = _tags(tree)[0]
    assert (tag.text(), tag.attributes.get("lang")) == ("Byrja", "nn")
    written = tree.css_first(".status-as-written span[lang='nn']")
    assert written is not None and written.text() == "Påbyrja"


def test_a_bokmal_plan_carries_no_lang_on_a_bokmal_page(
    client: Client, hand_built: HandBuilt
) -> None:
    tree = _page(client, f"/planer/{hand_built.plan.slug}/tiltak/", "nb")
    assert not tree.css("main [lang]")
    english = _page(client, f"/planer/{hand_built.plan.slug}/", "en")
    assert english.css_first("h1").attributes.get("lang") == "nb"


def test_the_reports_of_a_nynorsk_plan_are_in_nynorsk(nynorsk: Plan) -> None:
    document = round_document(nynorsk.rounds.get())
    assert document.language == "nn"
    report = status_report(document)
    html = LexborHTMLParser(render_html(report))
    assert html.css_first("html").attributes["lang"] == "nn"
    text = html.body.text() if html.body else ""
    assert "Innhald" in text and "Status i tal" in text and "Tal per status" in text
    assert "Innhold" not in text and "Antall per status" not in text
    assert "Byrja" in render_markdown(report)
    assert 'lang: "nn"' in render_typst(report)
    docx = render_docx(report)
    assert b"nn-NO" in _docx_part(docx, "word/styles.xml")
    changes = change_report(document, document)
    title = "Statusrapport per 1. juni 2023"
    assert changes.language == "nn"
    assert changes.title.endswith(f"Endringar frå {title} til {title}")
    assert "Ingen tiltak har endra status." in render_html(changes)


def test_the_reports_of_a_bokmal_plan_stay_in_bokmal(hand_built: HandBuilt) -> None:
    report = status_report(round_document(hand_built.spring))
    assert report.language == "nb"
    html = render_html(report)
    assert "Innhold" in html and "Innhald" not in html


def _docx_part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)
