"""A large synthetic store for benchmarks: plans, measures and rounds made from corpus sentences.

Import it with Django set up, from a script in bench/ (which is on sys.path as the script's
directory).

`make_synthetic_store(plans=100, measures=150, rounds=10)` writes 150 000 status entries whose
titles and narratives recombine the real 2024–2028 status report's, then builds the index.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.db import transaction

from tiltak.documents import parse_path
from tiltak.plans.models import Chapter, Measure, MeasureResponsibility, Organisation, Plan
from tiltak.rounds.models import ReportingRound, StatusEntry
from tiltak.search.services import reindex

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SOURCE = CORPUS / "plan-2024-2028-status-2026.txt"
SLUG_PREFIX = "syntetisk-"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«(])")
_FALLBACK = [
    ("Styrke samordningen av arbeidet mot vold i nære relasjoner", "Arbeidet er i gang."),
    ("Utrede en egen barnehuslov", "Utredningen ble sendt på høring våren 2025."),
    ("Videreutvikle kommunale handlingsplaner", "Kommunene har fått en ny veileder."),
]
STATUSES = [s.value for s in StatusEntry.Status]


@dataclass(frozen=True, slots=True)
class SyntheticStore:
    """What make_synthetic_store wrote."""

    plans: int
    measures: int
    rounds: int
    entries: int
    documents: int


def corpus_texts(source: Path | None = None) -> tuple[list[str], list[str], list[str]]:
    """Titles, narrative sentences and organisation acronyms of a corpus report."""
    path = source or SOURCE
    if not path.is_file():
        titles = [t for t, _ in _FALLBACK]
        return titles, [n for _, n in _FALLBACK], ["JD", "BFD", "HOD", "KD"]
    document = parse_path(path)
    titles = [m.title for m in document.measures if m.title]
    sentences = [
        sentence.strip()
        for m in document.measures
        for paragraph in m.narrative.split("\n\n")
        for sentence in _SENTENCE_END.split(paragraph)
        if len(sentence.split()) >= 4
    ]
    acronyms = [o.acronym for o in document.organisations if o.kind == "ministry"] or ["JD"]
    return titles, sentences, acronyms


def _title(rng: random.Random, titles: list[str]) -> str:
    """A title: the verb of one corpus title with the rest of another."""
    verb = rng.choice(titles).split(" ", 1)[0]
    rest = rng.choice(titles).split(" ", 1)
    return f"{verb} {rest[1]}" if len(rest) > 1 else verb


def _narrative(rng: random.Random, sentences: list[str]) -> str:
    """One to three paragraphs of two to four corpus sentences; sometimes empty."""
    if rng.random() < 0.08:
        return ""
    paragraphs = [
        " ".join(rng.sample(sentences, min(len(sentences), rng.randint(2, 4))))
        for _ in range(rng.randint(1, 3))
    ]
    return "\n\n".join(paragraphs)


def make_synthetic_store(
    plans: int = 100,
    measures: int = 150,
    rounds: int = 10,
    *,
    seed: int = 2026,
    source: Path | None = None,
    index: bool = True,
) -> SyntheticStore:
    """Write `plans` plans of `measures` measures with `rounds` rounds each, then index them.

    Every plan's last round is open (not published) when rounds > 1; the others are published.
    Plans get the slugs syntetisk-1, syntetisk-2, …; existing ones of that name are replaced.
    """
    rng = random.Random(seed)
    titles, sentences, acronyms = corpus_texts(source)
    published_at = datetime(2026, 6, 1, tzinfo=UTC)
    with transaction.atomic():
        Plan.objects.filter(slug__startswith=SLUG_PREFIX).delete()
        organisations = [
            Organisation.objects.get_or_create(
                acronym=acronym, defaults={"name": acronym, "kind": Organisation.Kind.MINISTRY}
            )[0]
            for acronym in acronyms
        ]
        for p in range(1, plans + 1):
            start = 2015 + p % 10
            plan = Plan.objects.create(
                slug=f"{SLUG_PREFIX}{p}",
                title=f"Handlingsplan {p}: {_title(rng, titles)}",
                kind=Plan.Kind.HANDLINGSPLAN,
                period_start=start,
                period_end=start + 4,
            )
            chapters = Chapter.objects.bulk_create(
                Chapter(plan=plan, key=str(c), title=_title(rng, titles), order=c)
                for c in range(1, 6)
            )
            plan_measures = Measure.objects.bulk_create(
                Measure(
                    plan=plan,
                    number=str(n),
                    kind=Measure.Kind.REQUEST if rng.random() < 0.05 else Measure.Kind.MEASURE,
                    title=_title(rng, titles),
                    order=n,
                    chapter=chapters[(n - 1) * len(chapters) // measures],
                )
                for n in range(1, measures + 1)
            )
            MeasureResponsibility.objects.bulk_create(
                MeasureResponsibility(measure=measure, organisation=org, position=position)
                for measure in plan_measures
                for position, org in enumerate(
                    rng.sample(organisations, min(len(organisations), rng.randint(1, 3)))
                )
            )
            for r in range(1, rounds + 1):
                last = r == rounds and rounds > 1
                rnd = ReportingRound.objects.create(
                    plan=plan,
                    title=f"Status {start + r // 2} ({r})",
                    slug=f"status-{r}",
                    as_of=f"{start + r // 2}-{'06' if r % 2 else '12'}",
                    state=ReportingRound.State.OPEN if last else ReportingRound.State.PUBLISHED,
                    published_at=None if last else published_at,
                )
                StatusEntry.objects.bulk_create(
                    (
                        StatusEntry(
                            round=rnd,
                            measure=measure,
                            status=rng.choice(STATUSES),
                            narrative=_narrative(rng, sentences),
                        )
                        for measure in plan_measures
                    ),
                    batch_size=1000,
                )
        documents = reindex() if index else 0
    return SyntheticStore(
        plans=plans,
        measures=plans * measures,
        rounds=plans * rounds,
        entries=plans * measures * rounds,
        documents=documents,
    )
