"""The two real documents of ../shared/corpus, parsed from their text."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tiltak.documents import PlanDocument, parse_path

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
PLAN = CORPUS / "plan-2024-2028-status-2026.txt"
STRATEGY = CORPUS / "strategy-2021-internet-related-abuse.txt"

pytestmark = pytest.mark.skipif(not PLAN.exists(), reason="../shared/corpus is not present")


@pytest.fixture(scope="module")
def plan() -> PlanDocument:
    return parse_path(PLAN)


@pytest.fixture(scope="module")
def strategy() -> PlanDocument:
    return parse_path(STRATEGY)


def codes(document: PlanDocument, code: str) -> list[str | None]:
    return [finding.measure for finding in document.findings if finding.code == code]


# Established by reading chapter 7 against chapters 1–6 of the report, line by line.
TITLE_MISMATCHES = ["12", "18", "41", "59", "82", "99", "615"]
TITLE_FORMAT_ONLY = ["5", "7", "20", "35", "116"]  # case or a final period
RESPONSIBLE_MISMATCHES = ["50", "619"]


class TestStatusReport2026:
    def test_metadata(self, plan: PlanDocument) -> None:
        assert plan.plan.title == (
            "Opptrappingsplan mot vold og overgrep mot barn og vold i nære relasjoner (2024–2028)"
        )
        assert plan.plan.subtitle == "Trygghet for alle"
        assert plan.plan.period == (2024, 2028)
        assert plan.plan.owner == "Justis- og beredskapsdepartementet"
        assert plan.report is not None
        assert plan.report.title == "Status våren 2026"
        assert plan.report.as_of == "2026-06"
        assert plan.language == "nb"

    def test_all_items(self, plan: PlanDocument) -> None:
        numbers = [measure.number for measure in plan.measures]
        assert numbers == [str(n) for n in range(1, 123)] + [str(n) for n in range(611, 620)]
        kinds = Counter(measure.kind for measure in plan.measures)
        assert kinds == {"measure": 122, "request": 9}

    def test_chapters(self, plan: PlanDocument) -> None:
        assert [(c.key, c.title) for c in plan.chapters] == [
            ("1", "Helhetlig og samordnet innsats"),
            ("2", "Forebygging"),
            ("3", "Bistand og beskyttelse"),
            ("4", "Straffeforfølging"),
            ("5", "Vold og overgrep i samiske samfunn"),
            ("6", "Anmodningsvedtak"),
        ]
        per_chapter = Counter(measure.chapter for measure in plan.measures)
        assert per_chapter == {"1": 26, "2": 30, "3": 40, "4": 15, "5": 11, "6": 9}

    def test_statuses(self, plan: PlanDocument) -> None:
        assert Counter(m.status for m in plan.measures) == {
            "in_progress": 84,
            "completed": 33,
            "not_started": 14,
        }
        assert plan.measure("25").status_label == "Ikke startet"  # type: ignore[union-attr]

    @pytest.mark.parametrize(
        ("number", "responsible", "everyone"),
        [
            ("1", ["AID"], True),
            ("4", ["JD", "BFD"], True),
            ("24", ["JD", "AID", "BFD", "HOD"], True),
            ("53", ["HOD", "BFD", "KD"], False),
            ("58", ["KUD", "HOD"], False),
            ("67", ["AID", "BFD", "HOD", "JD", "KD"], False),
            ("89", ["AID", "JD"], False),
            ("51", ["JD", "DFD"], False),
            ("112", ["KDD", "KD"], True),
            ("619", ["JD"], False),
        ],
    )
    def test_responsible(
        self, plan: PlanDocument, number: str, responsible: list[str], everyone: bool
    ) -> None:
        measure = plan.measure(number)
        assert measure is not None
        assert (measure.responsible, measure.responsible_all) == (responsible, everyone)

    def test_titles_as_in_the_body(self, plan: PlanDocument) -> None:
        four = plan.measure("4")
        assert four is not None and four.title.startswith("Etablere en struktur på")
        assert "**" not in four.title
        assert plan.measure("614").title.endswith("statsbudsjettet for 2025.")  # type: ignore[union-attr]
        eighty_two = plan.measure("82")
        assert eighty_two is not None
        assert "overgrepsoutsatte barn gjennom å:" in eighty_two.title
        assert "«Trinnvis sammen»" in eighty_two.title
        assert plan.measure("12").title.startswith("Etablere en undersøkelseskomisjon")  # type: ignore[union-attr]

    def test_requests(self, plan: PlanDocument) -> None:
        requests = [m for m in plan.measures if m.kind == "request"]
        assert all(m.title.startswith("Stortinget") for m in requests)
        assert all(m.chapter == "6" for m in requests)
        assert plan.measure("617").status == "not_started"  # type: ignore[union-attr]

    def test_narrative_markdown(self, plan: PlanDocument) -> None:
        three = plan.measure("3")
        assert three is not None
        assert "- Gi råd til myndighetene i menneskerettslige spørsmål" in three.narrative
        assert "\n\n" in three.narrative
        eight = plan.measure("8")
        assert eight is not None and "[her](#)" in eight.narrative
        assert plan.measure("25").narrative == ""  # type: ignore[union-attr]

    def test_references(self, plan: PlanDocument) -> None:
        assert plan.measure("6").references == ["7"]  # type: ignore[union-attr]
        assert plan.measure("7").references == ["6", "59"]  # type: ignore[union-attr]
        assert "613" in plan.measure("8").references  # type: ignore[union-attr]
        assert plan.measure("9").references == ["10"]  # type: ignore[union-attr]
        assert codes(plan, "unknown-reference") == []

    def test_every_body_overview_disagreement(self, plan: PlanDocument) -> None:
        assert codes(plan, "overview-title-mismatch") == TITLE_MISMATCHES
        assert codes(plan, "overview-title-format") == TITLE_FORMAT_ONLY
        assert codes(plan, "overview-responsible-mismatch") == RESPONSIBLE_MISMATCHES
        assert codes(plan, "overview-status-mismatch") == []
        assert codes(plan, "overview-missing") == []
        assert codes(plan, "body-missing") == []

    def test_disagreement_shows_both_values_and_body_wins(self, plan: PlanDocument) -> None:
        finding = next(f for f in plan.findings if f.code == "overview-responsible-mismatch")
        assert finding.evidence == {"body": "HOD", "overview": "HOD, KUD"}
        assert plan.measure("50").responsible == ["HOD"]  # type: ignore[union-attr]
        title = next(f for f in plan.findings if f.measure == "12")
        assert "undersøkelseskomisjon" in title.message
        assert "undersøkelseskommissjon" in title.message

    def test_overview_rows_joined_across_page_breaks(self, plan: PlanDocument) -> None:
        rows = {row.number: row for row in plan.overview}
        assert len(rows) == 131
        assert rows["10"].title == (
            "Gjenetablere forumet for samarbeid mellom myndigheter og frivillige "
            "organisasjoner i arbeidet mot vold i nære relasjoner"
        )
        assert rows["617"].title.endswith("tilrettelagte avhør på lik linje med andre barn.")
        assert rows["96"].chapter_title == "Bistand og beskyttelse"

    def test_organisations_resolve(self, plan: PlanDocument) -> None:
        names = {o.acronym: o.name for o in plan.organisations}
        assert names["KUD"] == "Kultur- og likestillingsdepartementet"
        assert names["NKVTS"] == "Nasjonalt kunnskapssenter om vold og traumatisk stress"
        assert names["DFD"] == "Digitaliserings- og forvaltningsdepartementet"  # not in the list
        assert all(o.name for o in plan.organisations)
        assert codes(plan, "unknown-organisation") == []

    def test_json_contract(self, plan: PlanDocument) -> None:
        data = plan.to_dict()
        assert set(data) >= {"plan", "report", "chapters", "measures", "organisations", "findings"}
        assert data["plan"]["period"] == [2024, 2028]
        measure = data["measures"][0]
        assert set(measure) >= {
            "number", "kind", "chapter", "title", "responsible", "responsible_all",
            "responsible_raw", "status", "status_label", "period", "narrative", "references",
        }  # fmt: skip
        assert {f["severity"] for f in data["findings"]} <= {"error", "warning", "info"}


# The strategy's overview "Oversikt tiltak og ansvar 2021–2022", read by hand.
STRATEGY_RESPONSIBLE = {
    "1": ["BFD", "JD"], "2": ["KUD"], "3": ["KUD"], "4": ["KUD", "KD"],
    "5": ["JD", "BFD", "KUD"], "6": ["KUD"], "7": ["KUD"], "8": ["HOD"], "9": ["JD"],
    "10": ["JD", "BFD", "KUD", "KMD"], "11": ["JD", "KMD"], "12": ["BFD", "KUD"], "13": ["KUD"],
    "14": ["JD"], "15": ["JD", "KMD"], "16": ["KMD"], "17": ["KD", "BFD"],
    "18": ["JD", "BFD", "KD"], "19": ["JD", "KUD"], "20": ["JD"], "21": ["JD"],
    "22": ["HOD", "JD", "BFD", "KD"], "23": ["HOD"], "24": ["JD"], "25": ["JD"], "26": ["JD"],
    "27": ["JD", "KMD"], "28": ["JD"], "29": ["JD"], "30": ["JD", "UD", "BFD", "KMD"],
}  # fmt: skip


class TestStrategy2021:
    def test_metadata(self, strategy: PlanDocument) -> None:
        assert strategy.plan.title == (
            "Forebygging og bekjempelse av internettrelaterte overgrep mot barn"
        )
        assert strategy.plan.period == (2021, 2025)
        assert strategy.plan.kind == "strategi"
        assert strategy.report is None

    def test_thirty_measures_in_four_chapters(self, strategy: PlanDocument) -> None:
        assert [m.number for m in strategy.measures] == [str(n) for n in range(1, 31)]
        assert [c.title for c in strategy.chapters] == [
            "Barn og unge skal være trygge på internett",
            "Bred samfunnsinnsats gjennom offentlig-privat partnerskap",
            "Kompetanse og kunnskap for forebyggende innsats",
            "Innsats mot overgrep – oppfølging og internasjonalt samarbeid",
        ]
        per_chapter = Counter(measure.chapter for measure in strategy.measures)
        assert per_chapter == {"1": 9, "2": 7, "3": 5, "4": 9}

    def test_responsible_from_the_overview(self, strategy: PlanDocument) -> None:
        assert {m.number: m.responsible for m in strategy.measures} == STRATEGY_RESPONSIBLE

    def test_titles_free_of_broken_words(self, strategy: PlanDocument) -> None:
        titles = {m.number: m.title for m in strategy.measures}
        assert titles["7"] == (
            "Legge til rette for at oppdatert kunnskap om internettrelaterte overgrep er "
            "inkludert i hjelpetilbud og tjenester."
        )
        assert titles["20"] == (
            "Innhente mer kunnskap om gjerningspersoner, fornærmede og arenaer for seksuelle "
            "overgrep i et nytt FoU-prosjekt fra 2021."
        )
        assert titles["26"].startswith("Vurdere behovet for utvikling av regelverket")
        assert "straffeforfølgning" in titles["26"]
        for title in titles.values():
            assert "  " not in title and "\n" not in title
            assert not any(piece in title for piece in ("inter nett", "gjernings personer"))

    def test_organisations_of_2021(self, strategy: PlanDocument) -> None:
        names = {o.acronym: o.name for o in strategy.organisations}
        assert names["KMD"] == "Kommunal- og moderniseringsdepartementet"
        assert names["KUD"] == "Kulturdepartementet"

    def test_differently_worded_listing_is_reported(self, strategy: PlanDocument) -> None:
        assert codes(strategy, "listing-title-mismatch") == ["30"]
