"""From blocks to a typed `PlanDocument`."""

from __future__ import annotations

import re

from ..blocks import BlockDocument

# The module, not its names: checks.consistency imports parser.references in turn, and whichever
# of the two is imported first finds the other half-initialised.
from ..checks import consistency as consistency_checks
from ..checks.registry import finding
from ..errors import DocumentError
from ..language import detect_language
from ..model import Chapter, Finding, Measure, PlanDocument, ReportInfo, Status
from ..normalise.organisations import OrganisationRegistry, parse_responsible
from ..normalise.status import normalise_status
from . import checks
from .acronyms import read_acronym_list, read_names_in_text
from .body import DraftMeasure, read_body
from .fields import owner_from_introduction, trailing_owners
from .listings import Listing, read_listings
from .metadata import front_matter_size, plan_info, report_info
from .narrative import to_markdown
from .overview import TableRow, read_tables
from .references import references_in
from .segments import Segmented, read_segments
from .units import Unit, comparable, strip_markup, units_of

_INTRODUCTION_HEADING = re.compile(r"^(innledning|innleiing|forord|bakgrunn)$", re.I)


def parse_document(document: BlockDocument) -> PlanDocument:
    """The plan, its chapters, measures, organisations and the parser's findings."""
    # Here, not at the top: cleaning uses parser.linear_tables, so importing cleanup first
    # would find this package half-initialised.
    from ..cleanup import clean

    blocks = clean(document)
    if not blocks:
        raise DocumentError("the document has no text")
    units = units_of(blocks)
    plan = plan_info(blocks, document.metadata.get("title"))
    report = report_info(blocks)
    year = plan.period[0] if plan.period else None
    if report and report.as_of:
        year = int(report.as_of[:4])
    registry = OrganisationRegistry(year=year)
    acronym_units = read_acronym_list(units, registry)
    read_names_in_text(units, registry)

    body = read_body(units, acronym_units)
    overview_rows = read_tables(units, registry, body.overview_start or 0)
    findings: list[Finding] = []
    chapters = body.chapters
    if body.measures:
        measures = [_from_draft(draft, registry, findings, plan.kind) for draft in body.measures]
        for chapter in chapters:
            chapter.introduction = to_markdown(body.chapter_intros.get(chapter.key, []))
    elif overview_rows:
        chapters, measures = _from_table(overview_rows, registry, findings, plan.kind)
    else:
        listings = read_listings(units, registry)
        segmented = (
            read_segments(units, lambda title: trailing_owners(title, registry)[1] is not None)
            if len(listings) < 2
            else None
        )
        if segmented is not None:
            chapters, measures = _from_segments(segmented, registry, findings, plan.kind)
        elif listings:
            chapters, measures = _from_listings(listings, registry, findings)
            checks.compare_listings(listings, measures, findings)
        else:
            raise DocumentError("no measures found; is this a plan or status report?")

    if report is None and _reports_statuses(measures):
        # No report title, but a status for most measures: a status report all the same.
        report = ReportInfo(title="Status")
        findings.append(
            finding(
                "report-inferred",
                None,
                "dokumentet har status for tiltakene og er lest som en statusrapport",
            )
        )
    overview = [row.row for row in overview_rows]
    if body.measures and overview:
        checks.compare_overview(measures, overview, registry, findings)
    checks.check_numbers(measures, findings)
    checks.check_references(measures, findings)
    checks.check_truncation(measures, units, findings)
    text = " ".join(unit.plain for unit in units[:2000])
    return PlanDocument(
        plan=plan,
        report=report,
        chapters=chapters,
        measures=measures,
        organisations=checks.organisations_used(measures, registry, findings),
        findings=findings,
        overview=overview,
        language=detect_language(text),
        source_format=document.source_format,
        introduction=to_markdown(_introduction(body.introduction, front_matter_size(blocks))),
    )


def _reports_statuses(measures: list[Measure]) -> bool:
    with_status = sum(1 for measure in measures if measure.status)
    return bool(measures) and with_status >= max(2, len(measures) / 2)


def _introduction(units: list[Unit], front: int) -> list[Unit]:
    """The units before the first chapter, without the title page and the word "Innledning"."""
    units = [unit for unit in units if unit.block >= front]
    if units and _INTRODUCTION_HEADING.match(units[0].plain):
        units = units[1:]
    return units


def _responsible(
    raw: str | None, number: str, registry: OrganisationRegistry, findings: list[Finding]
) -> tuple[list[str], bool]:
    if not raw:
        return [], False
    parsed = parse_responsible(raw, registry)
    for token in parsed.unknown:
        findings.append(consistency_checks.unknown_organisation_finding(number, token, raw))
    return parsed.acronyms, parsed.all


def _status(
    label: str | None, number: str, findings: list[Finding]
) -> tuple[Status | None, str | None]:
    if not label:
        return None, None
    label = " ".join(strip_markup(label).split())
    status = normalise_status(label)
    if status is None:
        findings.append(consistency_checks.unknown_status_finding(number, label))
    return status, label


def _from_segments(
    segmented: Segmented,
    registry: OrganisationRegistry,
    findings: list[Finding],
    kind: str | None,
) -> tuple[list[Chapter], list[Measure]]:
    """Measures of the general path, with an owner the introduction gives all of them."""
    findings.extend(finding(code, number, message) for number, code, message in segmented.notes)
    measures = [_from_draft(draft, registry, findings, kind) for draft in segmented.measures]
    owner = owner_from_introduction(segmented.introduction, registry)
    if owner and not any(measure.responsible for measure in measures):
        acronyms, everyone = _responsible(owner[0], "", registry, findings)
        for measure in measures:
            measure.responsible, measure.responsible_all = list(acronyms), everyone
            measure.responsible_raw = owner[0]
        findings.append(
            finding(
                "responsible-from-introduction",
                None,
                f"ansvarlig for alle tiltakene er lest fra innledningen: «{owner[1][:160]}»",
            )
        )
    return segmented.chapters, measures


def _from_draft(
    draft: DraftMeasure,
    registry: OrganisationRegistry,
    findings: list[Finding],
    kind: str | None,
) -> Measure:
    lines = [strip_markup(line) for line in draft.title.split("\n")]
    title = lines[0] + (" " + "; ".join(lines[1:]) if len(lines) > 1 else "")
    raw = draft.labels.get("responsible")
    if raw is None:
        title, raw = trailing_owners(title, registry)
    findings.extend(finding(code, draft.number, text) for code, text in draft.notes)
    acronyms, everyone = _responsible(raw, draft.number, registry, findings)
    status, label = _status(draft.labels.get("status"), draft.number, findings)
    narrative = to_markdown(draft.narrative)
    return Measure(
        number=draft.number,
        kind="request" if draft.kind == "request" else "measure",
        chapter=draft.chapter,
        title=title,
        responsible=acronyms,
        responsible_all=everyone,
        responsible_raw=" ".join(strip_markup(raw).split()) if raw else None,
        status=status,
        status_label=label,
        period=draft.labels.get("period"),
        narrative=narrative,
        references=references_in(narrative, draft.number, kind),
    )


def _chapter_keys(titles: list[str | None]) -> tuple[list[Chapter], dict[str, str]]:
    chapters: list[Chapter] = []
    keys: dict[str, str] = {}
    for title in titles:
        if title and comparable(title) not in keys:
            key = str(len(chapters) + 1)
            keys[comparable(title)] = key
            chapters.append(Chapter(key, title))
    return chapters, keys


def _from_table(
    rows: list[TableRow],
    registry: OrganisationRegistry,
    findings: list[Finding],
    kind: str | None,
) -> tuple[list[Chapter], list[Measure]]:
    chapters, keys = _chapter_keys([row.row.chapter_title for row in rows])
    measures = []
    for table_row in rows:
        row = table_row.row
        acronyms, everyone = _responsible(row.responsible_raw, row.number, registry, findings)
        status, label = _status(row.status_label, row.number, findings)
        is_request = (
            bool(re.match(r"Storting", row.title)) or "vedtak" in (row.chapter_title or "").lower()
        )
        narrative = table_row.narrative or ""
        measures.append(
            Measure(
                number=row.number,
                kind="request" if is_request else "measure",
                chapter=keys.get(comparable(row.chapter_title)) if row.chapter_title else None,
                title=strip_markup(row.title),
                responsible=acronyms,
                responsible_all=everyone,
                responsible_raw=row.responsible_raw,
                status=status,
                status_label=label,
                period=table_row.period,
                narrative=narrative,
                references=references_in(narrative, row.number, kind),
            )
        )
    return chapters, measures


def _from_listings(
    listings: list[Listing], registry: OrganisationRegistry, findings: list[Finding]
) -> tuple[list[Chapter], list[Measure]]:
    """One measure per number: the cleanest title, the overview's owners, its chapter."""
    overview = next((listing for listing in listings if listing.is_overview), None)
    group_source = overview or listings[0]
    chapters, keys = _chapter_keys([item.group for item in group_source.items])
    measures: dict[str, Measure] = {}
    candidates: dict[str, list[str]] = {}
    for listing in listings:
        for item in listing.items:
            candidates.setdefault(item.number, []).append(item.title)
    for item in group_source.items:
        raw = item.responsible_raw or next(
            (
                other.responsible_raw
                for listing in listings
                for other in listing.items
                if other.number == item.number and other.responsible_raw
            ),
            None,
        )
        acronyms, everyone = _responsible(raw, item.number, registry, findings)
        measures[item.number] = Measure(
            number=item.number,
            kind="measure",
            chapter=keys.get(comparable(item.group)) if item.group else None,
            title=checks.cleanest_title(candidates[item.number]),
            responsible=acronyms,
            responsible_all=everyone,
            responsible_raw=raw,
        )
    for number, titles in candidates.items():
        if number not in measures:
            measures[number] = Measure(number, "measure", None, checks.cleanest_title(titles))
    ordered = sorted(measures.values(), key=lambda m: int(re.sub(r"\D", "", m.number) or 0))
    return chapters, ordered
