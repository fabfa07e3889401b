"""Each rule finds what it should on a small document, and nothing on a clean one."""

from __future__ import annotations

import pytest

from tests.checks.checkdocs import document, found, measure, numbers, row
from tiltak.documents.checks import RULES, run_checks, unfinished_signals
from tiltak.documents.checks.context import date_range, period_middle
from tiltak.documents.checks.links import url_problem
from tiltak.documents.model import Chapter, Finding, PlanDocument, Severity


def test_a_clean_document_has_no_findings() -> None:
    doc = document(
        measure("1", narrative="Se også tiltak 2.", references=["2"]),
        measure(
            "2",
            title="Etablere et forum",
            status="completed",
            status_label="Gjennomført",
            narrative="Forumet ble etablert i 2025. Les mer på [regjeringen.no](https://www.regjeringen.no/no/tema/).",
        ),
        overview=[
            row("1", "Tiltak nummer 1 om vold"),
            row("2", "Etablere et forum", status="Gjennomført"),
        ],
    )
    assert run_checks(doc) == []


def test_every_rule_has_a_code_severity_and_explanation() -> None:
    assert len(RULES) >= 25
    for code, rule in RULES.items():
        assert rule.code == code and isinstance(rule.severity, Severity)
        assert rule.explanation and "\n" not in rule.explanation


# Body against overview table.


def overview_doc(**changes: str) -> PlanDocument:
    values = {"title": "Tiltak nummer 1 om vold", "responsible": "JD", "status": "Under arbeid"}
    values.update(changes)
    return document(
        measure("1"),
        overview=[row("1", values["title"], values["responsible"], values["status"])],
    )


def test_overview_title_in_other_words() -> None:
    (finding,) = found(overview_doc(title="Tiltak nummer 1 mot vold"), "overview-title-mismatch")
    assert finding.measure == "1" and "«om» → «mot»" in finding.message
    assert finding.evidence == {
        "body": "Tiltak nummer 1 om vold",
        "overview": "Tiltak nummer 1 mot vold",
    }
    assert found(overview_doc(), "overview-title-mismatch") == []
    assert found(overview_doc(title="tiltak nummer 1 om vold."), "overview-title-mismatch") == []


def test_overview_title_in_case_or_punctuation() -> None:
    (finding,) = found(overview_doc(title="tiltak nummer 1 om vold."), "overview-title-format")
    assert finding.severity == Severity.INFO
    assert found(overview_doc(title="Tiltak nummer 1 mot vold"), "overview-title-format") == []


def test_overview_responsible() -> None:
    (finding,) = found(overview_doc(responsible="JD, BFD"), "overview-responsible-mismatch")
    assert finding.severity == Severity.ERROR
    assert finding.evidence == {"body": "JD", "overview": "JD, BFD"}
    assert found(overview_doc(responsible="JD*"), "overview-responsible-mismatch") == []


def test_overview_status() -> None:
    (finding,) = found(overview_doc(status="Gjennomført"), "overview-status-mismatch")
    assert finding.evidence == {"body": "Under arbeid", "overview": "Gjennomført"}
    assert found(overview_doc(status="Under arbeid."), "overview-status-mismatch") == []


def test_overview_and_body_missing() -> None:
    doc = document(
        measure("1"),
        measure("2"),
        overview=[row("1", "Tiltak nummer 1 om vold"), row("3", "Et tiltak bare i tabellen")],
    )
    assert numbers(found(doc, "overview-missing")) == ["2"]
    assert numbers(found(doc, "body-missing")) == ["3"]
    assert found(overview_doc(), "overview-missing") == found(overview_doc(), "body-missing") == []


def test_overview_findings_as_recorded_when_there_is_no_table() -> None:
    recorded = Finding("overview-responsible-mismatch", Severity.ERROR, "1", "lagret", {})
    doc = document(measure("1"), findings=[recorded])
    assert found(doc, "overview-responsible-mismatch") == [recorded]
    assert found(document(measure("1")), "overview-responsible-mismatch") == []


def test_title_quoted_in_a_narrative() -> None:
    quoting = measure(
        "1", narrative="Gruppen prioriterer:\n\n- Tiltak 2: Etablere et nytt forum for frivillige."
    )
    doc = document(quoting, measure("2", title="Etablere et forum for frivillige"))
    (finding,) = found(doc, "narrative-title-mismatch")
    assert finding.measure == "1" and "«» → «nytt»" in finding.message
    same = measure("1", narrative="- Tiltak 2: Etablere et forum for frivillige.")
    assert (
        found(
            document(same, measure("2", title="Etablere et forum for frivillige")),
            "narrative-title-mismatch",
        )
        == []
    )
    other_plan = measure("1", narrative="… gjennom tiltak 2: Vurdere systemet for sperret adresse.")
    assert (
        found(
            document(other_plan, measure("2", title="Etablere et forum for frivillige")),
            "narrative-title-mismatch",
        )
        == []
    )


# Numbers and chapters.


def test_duplicate_numbers() -> None:
    doc = document(measure("1"), measure("2"), measure("2", title="Et annet tiltak"))
    (finding,) = found(doc, "duplicate-number")
    assert finding.measure == "2" and finding.severity == Severity.ERROR
    assert found(document(measure("1"), measure("2")), "duplicate-number") == []


def test_gaps_in_numbering() -> None:
    doc = document(measure("1"), measure("2"), measure("5"), measure("611", kind="request"))
    assert numbers(found(doc, "missing-number")) == ["3", "4"]
    assert (
        found(
            document(measure("1"), measure("2"), measure("611", kind="request")), "missing-number"
        )
        == []
    )


def test_measure_in_the_wrong_chapter() -> None:
    doc = document(
        measure("1"),
        measure("2"),
        measure("3", chapter="2"),
        overview=[
            row("1", "Tiltak nummer 1 om vold"),
            row("2", "Tiltak nummer 2 om vold"),
            row("3", "Tiltak nummer 3 om vold"),
        ],
    )
    (finding,) = found(doc, "wrong-chapter")
    assert finding.measure == "3"
    assert finding.evidence == {"body": "2 Straffeforfølging", "overview": "Forebygging"}
    doc.measures[2].chapter = "1"
    assert found(doc, "wrong-chapter") == []


def test_overview_group_named_otherwise() -> None:
    doc = document(
        measure("1", chapter="2"),
        overview=[row("1", "Tiltak nummer 1 om vold", chapter="Straffeforfølgning")],
    )
    (finding,) = found(doc, "chapter-title-mismatch")
    assert (
        finding.measure is None and "«Straffeforfølging» → «Straffeforfølgning»" in finding.message
    )
    assert found(doc, "wrong-chapter") == []
    doc.overview[0].chapter_title = "Straffeforfølging"
    assert found(doc, "chapter-title-mismatch") == []


# References.


def test_unknown_reference() -> None:
    doc = document(measure("1", references=["9"]), measure("2"))
    (finding,) = found(doc, "unknown-reference")
    assert finding.evidence == {"reference": "9"}
    assert found(document(measure("1", references=["2"]), measure("2")), "unknown-reference") == []


def test_unrecorded_reference() -> None:
    doc = document(measure("1", narrative="Arbeidet ses i sammenheng med tiltak 2."), measure("2"))
    (finding,) = found(doc, "unrecorded-reference")
    assert finding.measure == "1" and finding.evidence["reference"] == "2"
    doc.measures[0].references = ["2"]
    assert found(doc, "unrecorded-reference") == []
    other = measure("1", narrative="Se tiltak 2 i handlingsplanen mot sosial kontroll.")
    assert found(document(other, measure("2")), "unrecorded-reference") == []


def test_reference_to_another_plan() -> None:
    text = "Tiltaket må ses i sammenheng med tiltak 2 i handlingsplanen Sjef i eget liv."
    doc = document(measure("1", narrative=text, references=["2"]), measure("2"))
    (finding,) = found(doc, "reference-other-plan")
    assert finding.evidence["reference"] == "2" and "handlingsplanen" in finding.evidence["text"]
    own = "Se tiltak 2 i Opptrappingsplanen."
    assert (
        found(
            document(measure("1", narrative=own, references=["2"]), measure("2")),
            "reference-other-plan",
        )
        == []
    )
    plural = "Se tiltak 2 om kommunale handlingsplaner."
    assert (
        found(
            document(measure("1", narrative=plural, references=["2"]), measure("2")),
            "reference-other-plan",
        )
        == []
    )


# Organisations and status labels.


def test_unknown_organisation() -> None:
    doc = document(measure("1", responsible=["JD", "XYZD"], responsible_raw="JD og XYZD"))
    (finding,) = found(doc, "unknown-organisation")
    assert finding.evidence == {"value": "XYZD", "responsible": "JD og XYZD"}
    assert found(document(measure("1", responsible=["DFD"])), "unknown-organisation") == []


def test_unknown_status() -> None:
    doc = document(measure("1", status=None, status_label="Snart klart"))
    (finding,) = found(doc, "unknown-status")
    assert finding.evidence == {"value": "Snart klart"}
    assert found(document(measure("1", status=None, status_label=None)), "unknown-status") == []


@pytest.mark.parametrize("code", ["listing-title-mismatch", "document-truncated", "title_differs"])
def test_parser_and_import_findings_as_recorded(code: str) -> None:
    recorded = Finding(code, RULES[code].severity, "1", "fra innlesingen", {})
    assert found(document(measure("1"), findings=[recorded]), code) == [recorded]
    assert found(document(measure("1")), code) == []


def test_unregistered_recorded_findings_are_kept() -> None:
    recorded = Finding("something_new", Severity.INFO, None, "ny kode", {})
    assert recorded in run_checks(document(findings=[recorded]))


# Links and web addresses.


def test_links_without_target() -> None:
    text = "Rapporten finnes [her](#) og [der]( ) og [\\(2024–2028\\) plan](#), og [ok](https://ung.no)."
    doc = document(
        measure("1", narrative=text),
        introduction="Se [planen](#).",
        chapters=[Chapter("1", "Forebygging", "Les [analysen]()")],
    )
    findings = found(doc, "link-without-target")
    assert [(f.measure, f.evidence["text"], f.evidence["location"]) for f in findings] == [
        (None, "planen", "innledningen"),
        (None, "analysen", "innledningen til kapittel 1"),
        ("1", "her", "tiltak 1"),
        ("1", "der", "tiltak 1"),
        ("1", "(2024–2028) plan", "tiltak 1"),
    ]
    assert (
        found(
            document(measure("1", narrative="Se [ung.no](https://ung.no).")), "link-without-target"
        )
        == []
    )


@pytest.mark.parametrize(
    "url",
    [
        "htps://www.bufdir.no",
        "http//www.bufdir.no",
        "https:/www.bufdir.no",
        "https://bufdir",
        "https://www.bufdir..no",
        "www.bufdir.n0",
        "https://www.buf dir.no",
        "https://-bufdir.no",
    ],
)
def test_malformed_addresses(url: str) -> None:
    assert url_problem(url) is not None


@pytest.mark.parametrize(
    "url",
    [
        "https://www.politiet.no/om-politiet/dokumenter-strategier-og-horinger/dokumenter",
        "www.eeagender.org",
        "https://ung.no",
        "mailto:post@jd.dep.no",
        "https://bufdir.no/foreldrehverdag/?utm_campaign=tema-domener&utm_source=foreldrehverdag.no",
        "https://www.regjeringen.no/no/dokumenter/prop.-36-s-20232024/id3014432/",
    ],
)
def test_well_formed_addresses(url: str) -> None:
    assert url_problem(url) is None


def test_malformed_urls_in_links_and_text() -> None:
    text = (
        "Se [veilederen](htps://www.bufdir.no/veileder) og www.bufdir..no. "
        "Mer på www.eeagender.org. og <https://www.politiet.no>."
    )
    findings = found(document(measure("1", narrative=text)), "malformed-url")
    assert [f.evidence["url"] for f in findings] == [
        "htps://www.bufdir.no/veileder",
        "www.bufdir..no",
    ]
    assert found(document(measure("1", narrative="Se plikt.no og Ung.no.")), "malformed-url") == []


# Narratives.


def completed(narrative: str) -> PlanDocument:
    return document(
        measure("1", status="completed", status_label="Gjennomført", narrative=narrative)
    )


@pytest.mark.parametrize(
    "narrative",
    [
        "Veilederen vil bli lansert høsten 2026.",
        "Rapporten skal ferdigstilles innen utgangen av 2026.",
        "Det vil utarbeides en ny plan.",
        "Arbeidet med revisjonen pågår.",
        "Utkastet er ikke ferdigstilt.",
        "Oppstart planlegges i 2027.",
        "Rapporten forventes levert medio 2026.",
        "Det tas sikte på å sende forslaget på høring.",
        "Det jobbes nå med å etablere tilbudet.",
        "Utkast er planlagt ferdigstilt i årsskiftet.",
        "Ny versjon ferdigstilles i juni 2026.",
        "Departementet vil på bakgrunn av rapporten vurdere videre oppfølging.",
        "Ut over dette er det ikke gjennomført nasjonale tiltak.",
    ],
)
def test_completed_with_future_wording(narrative: str) -> None:
    (finding,) = found(completed(narrative), "completed-future-wording")
    assert finding.severity == Severity.WARNING and finding.evidence["text"] == narrative


@pytest.mark.parametrize(
    "narrative",
    [
        "Veilederen ble lansert 10. mars 2025.",
        "NIM skal blant annet bidra til dialog.",
        "Kommunen skal iverksette nødvendige tiltak.",
        "Loven skal regulere rammene for ordningen.",
        "Arbeidet skal innrettes slik NIM selv bestemmer, jf. hvordan arbeidet skal innrettes.",
        "Lovteksten lyder: «Tiltaket skal gjennomføres av kommunen».",
        "Dette må ses i lys av tiltak 57, der det skal utredes en modell.",
        "I november avholdes et nytt møte.",
        "Oppdraget ble fullført i 2024.",
        "",
    ],
)
def test_completed_without_future_wording(narrative: str) -> None:
    assert found(completed(narrative), "completed-future-wording") == []


def test_future_wording_only_for_completed_measures() -> None:
    doc = document(measure("1", narrative="Veilederen vil bli lansert høsten 2026."))
    assert found(doc, "completed-future-wording") == []
    assert (
        unfinished_signals("Veilederen vil bli lansert høsten 2026.")[0].phrase == "vil bli lansert"
    )


def test_empty_narrative() -> None:
    doc = document(
        measure("1", narrative=""),
        measure("2", narrative="  "),
        measure("3", narrative="", status="not_started", status_label="Ikke startet"),
    )
    assert numbers(found(doc, "empty-narrative")) == ["1", "2"]
    assert found(document(measure("1")), "empty-narrative") == []


# Over time.


def test_status_regression() -> None:
    before = document(
        measure("1", status="completed", status_label="Gjennomført"),
        measure("2", status="in_progress"),
        measure("3", status="in_progress"),
    )
    now = document(
        measure("1", status="in_progress", status_label="Under arbeid"),
        measure("2", status="not_started", status_label="Ikke startet"),
        measure("3", status="completed", status_label="Gjennomført"),
    )
    findings = found(now, "status-regression", before)
    assert numbers(findings) == ["1", "2"]
    assert findings[0].evidence == {"previous": "Gjennomført", "current": "Under arbeid"}
    assert findings[0].severity == Severity.ERROR
    assert numbers(found(before, "status-regression", now)) == ["3"]  # the other way round
    assert found(now, "status-regression") == []  # no previous round


def test_responsible_changed_without_a_note() -> None:
    before = document(measure("1", responsible=["JD"]), measure("2", responsible=["JD"]))
    now = document(
        measure("1", responsible=["JD", "BFD"]),
        measure("2", responsible=["BFD"], narrative="Ansvaret er overført til BFD fra 2026."),
    )
    (finding,) = found(now, "responsible-changed", before)
    assert finding.measure == "1" and finding.evidence == {"previous": "JD", "current": "JD, BFD"}
    assert found(before, "responsible-changed", before) == []


def test_not_started_past_the_middle_of_the_period() -> None:
    doc = document(measure("1", status="not_started", status_label="Ikke startet"), measure("2"))
    assert numbers(found(doc, "not-started-past-middle", as_of="2026-08")) == ["1"]
    assert found(doc, "not-started-past-middle", as_of="2026-06") == []  # before 2 July 2026
    assert found(doc, "not-started-past-middle", as_of="2026") == []  # may be early 2026
    assert numbers(found(doc, "not-started-past-middle", as_of="2027")) == ["1"]
    assert found(doc, "not-started-past-middle", period=(2026, 2030), as_of="2027-12") == []
    assert found(document(report=None), "not-started-past-middle") == []


def test_dates() -> None:
    assert period_middle((2024, 2028)).isoformat() == "2026-07-02"
    assert [d.isoformat() for d in date_range("2026-02")] == ["2026-02-01", "2026-02-28"]  # type: ignore[union-attr]
    assert date_range("våren 2026") is None
