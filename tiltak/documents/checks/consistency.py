"""Rules on a document's agreement with itself: overview, titles, numbers, chapters, references.

The parser calls the same functions while parsing, so `tiltak parse` and `tiltak check` report
the same findings with the same codes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..model import Finding, Measure, OverviewRow, PlanDocument, Severity
from ..normalise.organisations import OrganisationRegistry, parse_responsible
from ..normalise.status import normalise_status
from ..parser.references import PLAN_KINDS, numbers_mentioned, other_plan, sentences
from ..parser.units import TEXT_CACHE_SIZE, comparable, strip_markup
from .context import CheckContext
from .registry import RULES, RuleFunction, finding, rule
from .text import excerpt, word_diff, word_similarity

# Body against overview table.


def overview_findings(
    measures: list[Measure], overview: list[OverviewRow], registry: OrganisationRegistry
) -> Iterator[Finding]:
    """Body against overview table: the body wins, every disagreement is a finding."""
    rows = {row.number: row for row in overview}
    for measure in measures:
        row = rows.get(measure.number)
        number = measure.number
        if row is None:
            yield finding(
                "overview-missing",
                number,
                f"tiltak {number} står i teksten, men ikke i oversiktstabellen",
            )
            continue
        yield from _compare_title(number, measure.title, strip_markup(row.title))
        if row.responsible_raw is not None:
            parsed = parse_responsible(row.responsible_raw, registry)
            if (parsed.acronyms, parsed.all) != (measure.responsible, measure.responsible_all):
                yield finding(
                    "overview-responsible-mismatch",
                    number,
                    f"tiltak {number}: ansvarlig er «{measure.responsible_raw}» i teksten, "
                    f"men «{row.responsible_raw}» i oversiktstabellen",
                    {"body": measure.responsible_raw or "", "overview": row.responsible_raw},
                )
        if (
            row.status_label is not None
            and measure.status_label is not None
            and normalise_status(row.status_label) != measure.status
        ):
            yield finding(
                "overview-status-mismatch",
                number,
                f"tiltak {number}: status er «{measure.status_label}» i teksten, "
                f"men «{row.status_label}» i oversiktstabellen",
                {"body": measure.status_label, "overview": row.status_label},
            )
    numbers = {measure.number for measure in measures}
    for row in overview:
        if row.number not in numbers:
            yield finding(
                "body-missing",
                row.number,
                f"tiltak {row.number} står i oversiktstabellen, men har ingen omtale i teksten",
                {"overview": row.title},
            )


def _compare_title(number: str, body: str, other: str) -> Iterator[Finding]:
    if " ".join(body.split()) == " ".join(other.split()):
        return
    same_words = comparable(body) == comparable(other)
    yield finding(
        "overview-title-format" if same_words else "overview-title-mismatch",
        number,
        f"tiltak {number}: tittelen er skrevet ulikt i teksten og i oversiktstabellen"
        + ("" if same_words else f" ({word_diff(body, other)})"),
        {"body": body, "overview": other},
    )


def registry_for(document: PlanDocument) -> OrganisationRegistry:
    """An organisation registry for the year the document is about, knowing its organisations."""
    year = document.plan.period[0] if document.plan.period else None
    if document.report and document.report.as_of:
        year = int(document.report.as_of[:4])
    registry = OrganisationRegistry(year=year)
    for organisation in document.organisations:
        if organisation.name != organisation.acronym:
            registry.declare(organisation.acronym, organisation.name)
    return registry


def _overview(context: CheckContext, code: str) -> Iterable[Finding]:
    """Recomputed from the overview rows when the document has them, else as recorded."""
    document = context.document
    if not document.overview:
        return recorded(context, code)
    if "overview" not in context.cache:
        context.cache["overview"] = list(
            overview_findings(document.measures, document.overview, registry_for(document))
        )
    return [f for f in context.cache["overview"] if f.code == code]


def recorded(context: CheckContext, code: str) -> list[Finding]:
    """The findings of `code` the parser or the import recorded with the document."""
    return [f for f in context.document.findings if f.code == code]


# The body-against-overview rules: one comparison, reported under six codes.
OVERVIEW_RULES = (
    (
        "overview-title-mismatch",
        Severity.WARNING,
        "tittelen i teksten og i oversiktstabellen har ulike ord (forskjellen vises ord for ord)",
    ),
    (
        "overview-title-format",
        Severity.INFO,
        "tittelen i teksten og i oversiktstabellen har samme ord, men ulik stor bokstav, "
        "tegnsetting eller formatering",
    ),
    (
        "overview-responsible-mismatch",
        Severity.ERROR,
        "teksten og oversiktstabellen oppgir ulike ansvarlige departementer",
    ),
    (
        "overview-status-mismatch",
        Severity.ERROR,
        "teksten og oversiktstabellen oppgir ulik status",
    ),
    (
        "overview-missing",
        Severity.WARNING,
        "tiltaket er omtalt i teksten, men står ikke i oversiktstabellen",
    ),
    (
        "body-missing",
        Severity.WARNING,
        "tiltaket står i oversiktstabellen, men er ikke omtalt i teksten",
    ),
)


def _overview_rule(code: str) -> RuleFunction:
    def check(context: CheckContext) -> Iterable[Finding]:
        return _overview(context, code)

    check.__doc__ = f"The body-against-overview findings of {code}."
    return check


for _code, _severity, _explanation in OVERVIEW_RULES:
    rule(_code, _severity, _explanation)(_overview_rule(_code))


# Titles spelled differently elsewhere.

_QUOTED_TITLE = re.compile(
    r"\b(?:tiltak|tiltaket)\s+(?:nr\.?\s*)?(\d{1,4})\s*:\s+(\S[^\n]*?)(?=\.\s|\.?$|\n)",
    re.I | re.M,
)


_QUOTED_HINT = re.compile(r"\btiltak(?:et)?\W+(?:nr\.?\s*)?\d{1,4}\W*:", re.I)


@rule(
    "narrative-title-mismatch",
    Severity.WARNING,
    "en tekst gjengir tittelen på et tiltak («Tiltak 6: …») med andre ord enn tiltaket har",
)
def narrative_title_mismatch(context: CheckContext) -> Iterator[Finding]:
    """A title quoted in running text with other words; paraphrases and other plans ignored."""
    document = context.document
    titles = {m.number: m.title for m in document.measures}
    for measure in document.measures:
        if not _QUOTED_HINT.search(measure.narrative):
            continue
        for match in _QUOTED_TITLE.finditer(context.plain(measure)):
            number, quoted = match.group(1), match.group(2).rstrip(" .")
            title = titles.get(number)
            if title is None or comparable(title) == comparable(quoted):
                continue
            if word_similarity(comparable(title), comparable(quoted)) < 0.6:
                continue  # another plan's measure, or a free paraphrase
            yield finding(
                "narrative-title-mismatch",
                measure.number,
                f"tiltak {measure.number} gjengir tittelen på tiltak {number} med andre ord "
                f"({word_diff(title, quoted)})",
                {"title": title, "quoted": quoted, "location": f"tiltak {measure.number}"},
            )


# Numbers and chapters.


def number_findings(measures: list[Measure]) -> Iterator[Finding]:
    """Duplicate numbers, and gaps in the numbering of measures."""
    seen: set[str] = set()
    for measure in measures:
        if measure.number in seen:
            yield finding(
                "duplicate-number",
                measure.number,
                f"nummer {measure.number} er brukt av flere tiltak",
            )
        seen.add(measure.number)
    numbers = sorted(
        {int(m.number) for m in measures if m.kind == "measure" and m.number.isdigit()}
    )
    if numbers:
        for missing in sorted(set(range(numbers[0], numbers[-1] + 1)) - set(numbers)):
            yield finding(
                "missing-number",
                str(missing),
                f"tiltak {missing} mangler: nummereringen hopper over det",
            )


@rule("duplicate-number", Severity.ERROR, "to eller flere tiltak har samme nummer")
def duplicate_number(context: CheckContext) -> Iterable[Finding]:
    """Numbers used by more than one measure."""
    return [f for f in number_findings(context.document.measures) if f.code == "duplicate-number"]


@rule(
    "missing-number",
    Severity.WARNING,
    "nummereringen av tiltakene hopper over et nummer",
)
def missing_number(context: CheckContext) -> Iterable[Finding]:
    """Gaps in the numbering of measures (requests are numbered apart)."""
    return [f for f in number_findings(context.document.measures) if f.code == "missing-number"]


def _chapter_groups(document: PlanDocument) -> list[tuple[str, str, list[OverviewRow]]]:
    """Each overview group with the body chapter it stands for: (group, chapter key, rows)."""
    chapters = {comparable(c.title): c.key for c in document.chapters}
    groups: dict[str, list[OverviewRow]] = {}
    for row in document.overview:
        if row.chapter_title:
            groups.setdefault(row.chapter_title, []).append(row)
    result = []
    for group, rows in groups.items():
        key = chapters.get(comparable(group))
        if key is None:
            keys = Counter(
                m.chapter for row in rows if (m := document.measure(row.number)) and m.chapter
            )
            if not keys:
                continue
            key = keys.most_common(1)[0][0]
        result.append((group, key, rows))
    return result


@rule(
    "chapter-title-mismatch",
    Severity.INFO,
    "en gruppe i oversiktstabellen har et annet navn enn kapitlet den står for",
)
def chapter_title_mismatch(context: CheckContext) -> Iterator[Finding]:
    """An overview group named otherwise than the body chapter of its measures."""
    document = context.document
    titles = {c.key: c.title for c in document.chapters}
    for group, key, _rows in _chapter_groups(document):
        title = titles.get(key, "")
        if title and comparable(title) != comparable(group):
            yield finding(
                "chapter-title-mismatch",
                None,
                f"kapittel {key} heter «{title}» i teksten, men «{group}» i oversiktstabellen "
                f"({word_diff(title, group)})",
                {"body": title, "overview": group, "location": f"kapittel {key}"},
            )


@rule(
    "wrong-chapter",
    Severity.WARNING,
    "tiltaket står under én gruppe i oversiktstabellen, men i et annet kapittel i teksten",
)
def wrong_chapter(context: CheckContext) -> Iterator[Finding]:
    """A measure whose overview group is not the chapter it is described in."""
    document = context.document
    titles = {c.key: c.title for c in document.chapters}
    for group, key, rows in _chapter_groups(document):
        for row in rows:
            measure = document.measure(row.number)
            if measure is None or measure.chapter is None or measure.chapter == key:
                continue
            body = titles.get(measure.chapter, measure.chapter)
            yield finding(
                "wrong-chapter",
                measure.number,
                f"tiltak {measure.number} står under «{group}» i oversiktstabellen, "
                f"men i kapittel {measure.chapter} «{body}» i teksten",
                {"body": f"{measure.chapter} {body}", "overview": group},
            )


# References.


def reference_findings(measures: list[Measure]) -> Iterator[Finding]:
    """References to measures the document does not have."""
    numbers = {measure.number for measure in measures}
    for measure in measures:
        for reference in measure.references:
            if reference not in numbers:
                yield finding(
                    "unknown-reference",
                    measure.number,
                    f"tiltak {measure.number} viser til tiltak {reference}, som ikke finnes",
                    {"reference": reference},
                )


@rule(
    "unknown-reference",
    Severity.WARNING,
    "tiltaket viser til et tiltaksnummer som ikke finnes i planen",
)
def unknown_reference(context: CheckContext) -> Iterable[Finding]:
    """Recorded references to numbers the plan does not have."""
    return reference_findings(context.document.measures)


def own_kind(document: PlanDocument) -> str | None:
    """The kind of plan the document is ("opptrappingsplan", "handlingsplan", "strategi")."""
    if document.plan.kind in PLAN_KINDS:
        return document.plan.kind
    title = document.plan.title.casefold()
    return next((kind for kind in PLAN_KINDS if kind in title), None)


def mentions(context: CheckContext, measure: Measure) -> tuple[list[str], dict[str, str]]:
    """Numbers a narrative mentions in this plan, and those it mentions in another plan."""
    own, elsewhere = _mentions(measure.narrative, measure.number, own_kind(context.document))
    return list(own), dict(elsewhere)


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _mentions(
    narrative: str, number: str, kind: str | None
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    own: list[str] = []
    elsewhere: dict[str, str] = {}
    folded = narrative.casefold()
    if "tiltak" not in folded and "vedtak" not in folded:
        return (), ()
    for raw in sentences(narrative):
        folded = raw.casefold()
        if "tiltak" not in folded and "vedtak" not in folded:
            continue
        sentence = strip_markup(raw)
        plan = other_plan(sentence, kind)
        for mentioned in numbers_mentioned(sentence):
            if mentioned == number:
                continue
            if plan:
                elsewhere.setdefault(mentioned, excerpt(sentence))
            elif mentioned not in own:
                own.append(mentioned)
    return tuple(own), tuple(elsewhere.items())


@rule(
    "reference-other-plan",
    Severity.WARNING,
    "en henvisning er registrert til et tiltak i denne planen, men teksten viser til et tiltak "
    "i en annen plan",
)
def reference_other_plan(context: CheckContext) -> Iterator[Finding]:
    """Recorded references whose sentence names another plan (“tiltak 3 i handlingsplanen …”)."""
    for measure in context.document.measures:
        own, elsewhere = mentions(context, measure)
        for number, sentence in elsewhere.items():
            if number in measure.references and number not in own:
                yield finding(
                    "reference-other-plan",
                    measure.number,
                    f"tiltak {measure.number} viser til tiltak {number} i en annen plan, men "
                    f"henvisningen er registrert som tiltak {number} i denne planen",
                    {"reference": number, "text": sentence},
                )


@rule(
    "unrecorded-reference",
    Severity.WARNING,
    "teksten nevner et annet tiltak ved nummer uten at henvisningen er registrert",
)
def unrecorded_reference(context: CheckContext) -> Iterator[Finding]:
    """A narrative mentioning a measure of this plan that the references leave out."""
    for measure in context.document.measures:
        own, _elsewhere = mentions(context, measure)
        for number in own:
            if number not in measure.references:
                yield finding(
                    "unrecorded-reference",
                    measure.number,
                    f"tiltak {measure.number} nevner tiltak {number} i teksten, men henvisningen "
                    "er ikke registrert",
                    {"reference": number, "recorded": ", ".join(measure.references)},
                )


# Organisations and status labels.


def unknown_status_finding(number: str, label: str) -> Finding:
    """A status label Tiltak does not understand."""
    return finding(
        "unknown-status", number, f"tiltak {number}: ukjent status «{label}»", {"value": label}
    )


def unknown_organisation_finding(number: str, token: str, raw: str) -> Finding:
    """A responsible organisation Tiltak does not know."""
    return finding(
        "unknown-organisation",
        number,
        f"tiltak {number}: ukjent ansvarlig «{token}»",
        {"value": token, "responsible": raw},
    )


@rule("unknown-status", Severity.WARNING, "statusen er ikke en av dem Tiltak kjenner")
def unknown_status(context: CheckContext) -> Iterator[Finding]:
    """Status labels that do not normalise to a known status."""
    for measure in context.document.measures:
        label = measure.status_label
        if label and measure.status is None and normalise_status(label) is None:
            yield unknown_status_finding(measure.number, label)


@rule(
    "unknown-organisation",
    Severity.WARNING,
    "en ansvarlig er verken i dokumentets forkortelsesliste eller blant organisasjonene "
    "Tiltak kjenner",
)
def unknown_organisation(context: CheckContext) -> Iterator[Finding]:
    """Responsible acronyms neither the document nor Tiltak's registry knows."""
    registry = registry_for(context.document)
    for measure in context.document.measures:
        for acronym in measure.responsible:
            if registry.canonical(acronym) is None:
                yield unknown_organisation_finding(
                    measure.number, acronym, measure.responsible_raw or acronym
                )


# Findings only the parser or the import can make; `tiltak check` reports them as recorded.

_RECORDED: tuple[tuple[str, Severity, str, str], ...] = (
    (
        "listing-title-mismatch",
        Severity.WARNING,
        "parser",
        "tittelen er skrevet med ulike ord i ulike lister i dokumentet",
    ),
    (
        "document-truncated",
        Severity.ERROR,
        "parser",
        "dokumentet ser ut til å slutte midt i et tiltak",
    ),
    (
        "measures-uncertain",
        Severity.WARNING,
        "parser",
        "det er usikkert hvilke linjer som er tiltak; en annen nummerering passer nesten like godt",
    ),
    (
        "measure-cut",
        Severity.WARNING,
        "parser",
        "dokumentet slutter midt i tittelen på et tiltak, som er utelatt",
    ),
    (
        "measures-numbered-by-position",
        Severity.INFO,
        "parser",
        "tiltakene har ikke nummer i dokumentet og er nummerert etter rekkefølgen",
    ),
    ("status-from-prose", Severity.INFO, "parser", "statusen er lest fra teksten, ikke en etikett"),
    (
        "responsible-from-introduction",
        Severity.INFO,
        "parser",
        "ansvarlig for alle tiltakene er lest fra en setning i innledningen",
    ),
    (
        "responsible-transferred",
        Severity.INFO,
        "parser",
        "ansvaret for tiltaket er overført; den nye ansvarlige er brukt",
    ),
    (
        "report-inferred",
        Severity.INFO,
        "parser",
        "dokumentet har status for tiltakene og er lest som en statusrapport",
    ),
    (
        "title_differs",
        Severity.WARNING,
        "import",
        "tittelen i dokumentet er en annen enn i den lagrede planen",
    ),
    (
        "responsible_differs",
        Severity.WARNING,
        "import",
        "ansvarlige i dokumentet er andre enn i den lagrede planen",
    ),
    ("kind_differs", Severity.WARNING, "import", "tiltak i dokumentet, anmodningsvedtak i planen"),
    (
        "measure_missing",
        Severity.WARNING,
        "import",
        "tiltaket er i planen, men mangler i dokumentet",
    ),
    (
        "measure_not_in_plan",
        Severity.WARNING,
        "import",
        "tiltaket er i dokumentet, men ikke i planen",
    ),
    (
        "plan_title_differs",
        Severity.INFO,
        "import",
        "planen har en annen tittel i dokumentet enn i Tiltak",
    ),
    (
        "reference_unresolved",
        Severity.INFO,
        "import",
        "en henvisning gjelder et tiltak planen ikke har",
    ),
)


def _recorded_rule(code: str) -> RuleFunction:
    def check(context: CheckContext) -> Iterable[Finding]:
        return recorded(context, code)

    check.__doc__ = f"The {code} findings recorded with the document."
    return check


for _code, _severity, _source, _explanation in _RECORDED:
    rule(_code, _severity, _explanation, _source)(_recorded_rule(_code))


def registered_codes() -> frozenset[str]:
    """Every code some rule produces."""
    return frozenset(RULES)
