"""The status report of a round as a `Report` tree, in the order of the published reports."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from ..model import Chapter, Measure, PlanDocument
from ..plaintext import markdown_to_text
from ..vocabulary import DISPLAY_ORDER, workflow_label
from .phrases import BOKMAL, Phrases, phrases
from .tree import (
    Bar,
    Block,
    Chart,
    Group,
    Heading,
    Labels,
    Markdown,
    PageBreak,
    Paragraph,
    Report,
    Table,
    TitlePage,
    Toc,
)

STATUS_ORDER = DISPLAY_ORDER
# The mark of a draft report, the same word in bokmål and nynorsk.
DRAFT_MARK = "UTKAST"
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_FRONT_WORDS = {"innledning", "innhold", "innhald", "innleiing"}


@dataclass(slots=True)
class _Section:
    """A chapter of the report with the measures it shows."""

    number: str
    title: str
    introduction: str
    measures: list[Measure]

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}".strip()


def plain(text: str) -> str:
    """Inline Markdown reduced to its words on one line: no emphasis, links as their text."""
    return " ".join(markdown_to_text(text, inline=True).split())


def responsible_text(measure: Measure, *, mark_all: bool = False) -> str:
    """Lead first, the others joined with "og", and "alle" as plans write it: "JD, alle"."""
    acronyms = list(measure.responsible)
    if measure.responsible_all:
        word = "alle*" if mark_all else "alle"
        return ", ".join([*acronyms, word]) if acronyms else word.capitalize()
    if not acronyms:
        return plain(measure.responsible_raw or "") or "–"
    if len(acronyms) == 1:
        return acronyms[0]
    return ", ".join(acronyms[:-1]) + " og " + acronyms[-1]


def status_text(measure: Measure, words: Phrases = BOKMAL) -> str:
    """The plan's own status label, else the standard label for the status in `words`'
    language."""
    if measure.status_label:
        return plain(measure.status_label)
    return words.status(measure.status) if measure.status else "–"


def measure_heading(measure: Measure) -> str:
    """ "12. Title" for a measure, "611 Stortinget ber …" for a request resolution."""
    if measure.kind == "request":
        return f"{measure.number} {measure.title}"
    return f"{measure.number}. {measure.title}"


def anchor_for(measure: Measure) -> str:
    """The measure's fragment identifier."""
    prefix = "vedtak" if measure.kind == "request" else "tiltak"
    return f"{prefix}-{re.sub(r'[^0-9A-Za-z]+', '-', measure.number).strip('-')}"


def round_title(document: PlanDocument) -> str:
    """The report's title: the round's title, else "Statusrapport"."""
    return document.report.title if document.report else "Statusrapport"


def document_title(document: PlanDocument) -> str:
    """The title for metadata: plan title and round title."""
    return f"{document.plan.title} – {round_title(document)}"


def introduction_text(document: PlanDocument) -> str:
    """The round's introduction without a leading copy of the title page or its own heading."""
    known = {
        plain(text).casefold()
        for text in (
            document.plan.owner,
            document.plan.title,
            document.plan.subtitle,
            document.report.title if document.report else None,
        )
        if text
    }
    parts = [part for part in re.split(r"\n\s*\n", document.introduction.strip()) if part.strip()]
    while parts and plain(parts[0]).casefold() in known | _FRONT_WORDS:
        parts.pop(0)
    return "\n\n".join(parts)


def _sections(document: PlanDocument, words: Phrases) -> list[_Section]:
    """The chapters with their measures; request resolutions in a chapter of their own."""
    by_chapter: dict[str | None, list[Measure]] = {}
    for measure in document.measures:
        by_chapter.setdefault(measure.chapter, []).append(measure)
    chapters = list(document.chapters)
    known = {chapter.key for chapter in chapters}
    requests_chapter: Chapter | None = next(
        (
            chapter
            for chapter in chapters
            if by_chapter.get(chapter.key)
            and all(m.kind == "request" for m in by_chapter[chapter.key])
        ),
        None,
    )
    sections: list[_Section] = []
    loose = [m for m in document.measures if m.chapter not in known and m.kind != "request"]
    requests = [m for m in document.measures if m.kind == "request"]
    for chapter in chapters:
        if chapter is requests_chapter:
            continue
        measures = [m for m in by_chapter.get(chapter.key, []) if m.kind != "request"]
        if measures or chapter.introduction.strip():
            sections.append(_Section(chapter.key, chapter.title, chapter.introduction, measures))
    numbers = [int(s.number) for s in sections if s.number.isdigit()]
    next_number = max(numbers, default=0) + 1
    if loose:
        sections.append(_Section(str(next_number), words.other_measures, "", loose))
        next_number += 1
    if requests:
        if requests_chapter is not None:
            key = requests_chapter.key
            if not key.isdigit() or int(key) < next_number - 1:
                key = str(next_number)
            sections.append(
                _Section(key, requests_chapter.title, requests_chapter.introduction, requests)
            )
        else:
            sections.append(_Section(str(next_number), words.requests, "", requests))
    return sections


def organisations_in(document: PlanDocument) -> list[tuple[str, str]]:
    """(acronym, name) of the organisations that occur in the report, by acronym."""
    texts = [document.introduction]
    for chapter in document.chapters:
        texts += [chapter.title, chapter.introduction]
    for measure in document.measures:
        texts += [measure.title, measure.narrative, " ".join(measure.responsible)]
    text = "\n".join(texts)
    found: dict[str, str] = {}
    for organisation in document.organisations:
        acronym = organisation.acronym
        if acronym in found or not acronym:
            continue
        if re.search(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            found[acronym] = plain(organisation.name) or acronym
    return sorted(found.items(), key=lambda item: item[0].casefold())


def _counts(measures: list[Measure]) -> Counter[str]:
    return Counter(measure.status or "none" for measure in measures)


def _statuses(measures: list[Measure]) -> list[str]:
    """The statuses to show: the standard ones in use, in report order."""
    used = {measure.status or "none" for measure in measures}
    order: list[str] = [s for s in STATUS_ORDER if s in used or s in ("completed", "in_progress")]
    if "not_started" in used or "not_started" not in order:
        order = [s for s in order if s != "not_started"] + ["not_started"]
    if "none" in used:
        order.append("none")
    return order


def _join(items: list[str]) -> str:
    """ "a, b og c"."""
    return ", ".join(items[:-1]) + " og " + items[-1] if len(items) > 1 else "".join(items)


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "–"


def statistics_blocks(document: PlanDocument, sections: list[_Section], number: str) -> list[Block]:
    """Counts per status, per chapter (with a chart) and per ministry."""
    words = phrases(document.language)
    label = words.status
    measures = document.measures
    total = len(measures)
    statuses = _statuses(measures)
    counts = _counts(measures)
    plain_measures = sum(1 for m in measures if m.kind == "measure")
    requests = total - plain_measures
    as_of = _as_of_text(document)
    summary = _join([f"{counts[s]} {label(s).lower()}" for s in statuses if counts[s]])
    what = (
        words.measures_and_requests.format(measures=plain_measures, requests=requests)
        if requests
        else f"{plain_measures} tiltak"
    )
    blocks: list[Block] = [
        Heading(1, f"{number} {words.statistics}", "status-i-tall"),
        Paragraph(words.applies_to.format(what=what, as_of=as_of, total=total, summary=summary)),
        Table(
            header=("Status", words.count, words.share),
            rows=[(label(s), str(counts[s]), _percent(counts[s], total)) for s in statuses]
            + [("Totalt", str(total), "100 %")],
            caption=words.table_per_status,
            numeric=frozenset({1, 2}),
            row_headers=True,
            widths=(3, 1, 1),
        ),
    ]
    bars = []
    chapter_rows: list[tuple[str, ...] | Group] = []
    for section in sections:
        section_counts = _counts(section.measures)
        bars.append(
            Bar(section.title, tuple((s, section_counts[s]) for s in statuses)),
        )
        chapter_rows.append(
            (
                section.title,
                *(str(section_counts[s]) for s in statuses),
                str(len(section.measures)),
            )
        )
    chapter_rows.append(("Totalt", *(str(counts[s]) for s in statuses), str(total)))
    legend = tuple((s, label(s)) for s in statuses)
    alt = f"{words.chart_alt} " + " ".join(
        f"{bar.label}: " + ", ".join(f"{count} {label(s).lower()}" for s, count in bar.counts) + "."
        for bar in bars
    )
    blocks.append(
        Chart(
            title="Figur 1 Status per kapittel",
            alt=alt,
            bars=tuple(bars),
            legend=legend,
            anchor="figur-status-per-kapittel",
        )
    )
    blocks.append(
        Table(
            header=(words.chapter, *(label(s) for s in statuses), "Totalt"),
            rows=chapter_rows,
            caption="Tabell 2 Status per kapittel",
            numeric=frozenset(range(1, len(statuses) + 2)),
            row_headers=True,
            widths=(4, *(1.3 for _ in statuses), 1),
        )
    )
    ministries = _ministry_rows(document, statuses)
    if ministries:
        blocks.append(
            Table(
                header=(
                    words.ministry,
                    words.lead,
                    words.co_responsible,
                    *(label(s) for s in statuses),
                ),
                rows=list(ministries),
                caption=words.table_per_ministry,
                numeric=frozenset(range(1, len(statuses) + 3)),
                row_headers=True,
                widths=(1.4, *(1.2 for _ in range(len(statuses) + 2))),
            )
        )
        if any(m.responsible_all for m in measures):
            everyone = sum(1 for m in measures if m.responsible_all)
            blocks.append(Paragraph(words.lead_note.format(everyone=everyone), note=True))
    return blocks


def _ministry_rows(document: PlanDocument, statuses: list[str]) -> list[tuple[str, ...]]:
    """One row per responsible organisation: lead, co-responsible and status counts."""
    lead: Counter[str] = Counter()
    other: Counter[str] = Counter()
    per_status: dict[str, Counter[str]] = {}
    for measure in document.measures:
        for position, acronym in enumerate(dict.fromkeys(measure.responsible)):
            (lead if position == 0 else other)[acronym] += 1
            per_status.setdefault(acronym, Counter())[measure.status or "none"] += 1
    order = sorted(per_status, key=lambda a: (-(lead[a] + other[a]), a.casefold()))
    return [
        (
            acronym,
            str(lead[acronym]),
            str(other[acronym]),
            *(str(per_status[acronym][s]) for s in statuses),
        )
        for acronym in order
    ]


def _as_of_text(document: PlanDocument) -> str:
    months = [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ]
    as_of = document.report.as_of if document.report else None
    if not as_of:
        return ""
    parts = as_of.split("-")
    if len(parts) == 1:
        return f" per {parts[0]}"
    month = months[int(parts[1]) - 1]
    if len(parts) == 3:
        return f" per {int(parts[2])}. {month} {parts[0]}"
    return f" per {month} {parts[0]}"


def overview_table(sections: list[_Section], words: Phrases = BOKMAL) -> Table:
    """Number, title, responsible and status of every measure, grouped by chapter."""
    rows: list[tuple[str, ...] | Group] = []
    for section in sections:
        if not section.measures:
            continue
        rows.append(Group(section.title))
        for measure in section.measures:
            rows.append(
                (
                    measure.number,
                    measure.title,
                    responsible_text(measure, mark_all=True),
                    status_text(measure, words),
                )
            )
    marked = any(isinstance(row, tuple) and "alle*" in row[2].casefold() for row in rows)
    return Table(
        header=("Nr.", "Tiltak", words.responsible, "Status"),
        rows=rows,
        caption=words.overview_caption,
        note=words.all_note if marked else None,
        widths=(0.6, 6, 2, 1.6),
    )


def draft_report(document: PlanDocument, workflow: Mapping[str, str]) -> Report:
    """The status report of an unpublished round, marked «UTKAST» on every page and in the
    title; `workflow` (measure number → workflow state) labels where each measure is."""
    report = status_report(document, workflow=workflow)
    page = report.title_page
    round_line = f"{DRAFT_MARK}: {page.round_title}" if page.round_title else DRAFT_MARK
    report.title = f"{DRAFT_MARK}: {report.title}"
    report.title_page = replace(page, round_title=round_line)
    report.blocks.insert(0, Paragraph(phrases(document.language).draft_note))
    report.watermark = DRAFT_MARK
    return report


def status_report(document: PlanDocument, *, workflow: Mapping[str, str] | None = None) -> Report:
    """The whole status report of `document` in the order of the published reports; with
    `workflow`, each measure also says where it is in the round's workflow (a draft report)."""
    plan = document.plan
    words = phrases(document.language)
    title = round_title(document)
    sections = _sections(document, words)
    blocks: list[Block] = [Toc(words.contents)]
    acronyms = organisations_in(document)
    if acronyms:
        blocks += [
            PageBreak(),
            Heading(1, words.acronyms, "akronymer"),
            Table(
                header=(),
                rows=[(acronym, name) for acronym, name in acronyms],
                row_headers=True,
                widths=(1, 5),
                label=words.acronyms,
            ),
        ]
    introduction = introduction_text(document)
    if introduction:
        blocks += [
            PageBreak(),
            Heading(1, words.introduction, "innledning"),
            Markdown(introduction),
        ]
    for section in sections:
        blocks += [PageBreak(), Heading(1, section.heading, f"kapittel-{_slug(section.number)}")]
        if section.introduction.strip():
            blocks.append(Markdown(section.introduction))
        for measure in section.measures:
            blocks.append(Heading(2, measure_heading(measure), anchor_for(measure), toc=False))
            labels = [(words.responsible, responsible_text(measure))]
            labels.append(("Status", status_text(measure, words)))
            if measure.period:
                labels.append((words.implementation, measure.period))
            if workflow is not None and measure.number in workflow:
                state = workflow_label(workflow[measure.number], words.language)
                labels.append((words.workflow, state))
            blocks.append(Labels(tuple(labels)))
            if not measure.updated_this_round:
                blocks.append(Markdown(words.not_updated_note))
            if measure.narrative.strip():
                blocks.append(Markdown(measure.narrative))
    numbers = [int(s.number) for s in sections if s.number.isdigit()]
    next_number = max(numbers, default=0) + 1
    if document.measures:
        blocks.append(PageBreak())
        blocks += statistics_blocks(document, sections, str(next_number))
        next_number += 1
    blocks += [
        PageBreak(),
        Heading(1, f"{next_number} {words.overview}", "oversikt"),
        overview_table(sections, words),
    ]
    return Report(
        title=f"{plan.title} – {title}",
        title_page=TitlePage(plan.owner, plan.title, plan.subtitle, title),
        blocks=blocks,
        language=document.language,
        author=plan.owner,
        description=words.description.format(title=title, count=len(document.measures)),
    )


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", text.casefold()).strip("-") or "x"
