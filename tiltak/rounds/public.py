"""What the public may see: one definition for the portal, the API, open data and search.

A round is public when it is published and no published correction has replaced it. A plan is
public when it has a public round; its chapters, measures and organisations are public with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from tiltak.documents.vocabulary import NO_STATUS, status_key
from tiltak.plans.models import Measure, MeasureResponsibility, Plan

from .models import ReportingRound, RoundFinding, StatusEntry

PUBLISHED = ReportingRound.State.PUBLISHED


def public_rounds() -> QuerySet[ReportingRound]:
    """Every published round that no published correction has replaced."""
    replaced = ReportingRound.objects.filter(corrects=OuterRef("pk"), state=PUBLISHED)
    return ReportingRound.objects.filter(state=PUBLISHED).exclude(Exists(replaced))


def public_plans() -> QuerySet[Plan]:
    """Plans with at least one public round."""
    return Plan.objects.filter(Exists(public_rounds().filter(plan=OuterRef("pk"))))


def plan_public_rounds(plan: Plan) -> QuerySet[ReportingRound]:
    """The plan's public rounds, oldest first."""
    return public_rounds().filter(plan=plan).order_by("as_of", "published_at", "id")


def is_public(rnd: ReportingRound) -> bool:
    """True when the round is one the public may see."""
    return public_rounds().filter(pk=rnd.pk).exists()


def previous_public_round(rnd: ReportingRound) -> ReportingRound | None:
    """The plan's public round just before `rnd` (by as-of date), if any."""
    rounds = list(plan_public_rounds(rnd.plan))
    if rnd not in rounds:
        return None
    index = rounds.index(rnd)
    return rounds[index - 1] if index > 0 else None


def public_round_before(rnd: ReportingRound) -> ReportingRound | None:
    """The plan's newest public round before `rnd`, which need not be public itself (an open
    round's "last published round"; for a correction, the round it corrects)."""
    if is_public(rnd):
        return previous_public_round(rnd)
    earlier = [r for r in plan_public_rounds(rnd.plan) if r.as_of <= rnd.as_of]
    return earlier[-1] if earlier else None


# Measure filters: one set of rules for the portal's list, the API, open data and search.


@dataclass(frozen=True, slots=True)
class MeasureFilters:
    """Filters on a round's measures; empty values do not filter, unknown values find nothing.

    `organisation` is an acronym in any case and matches any responsible organisation;
    `status` is a status key or "none" (no status); `kind` is "measure" or "request".
    """

    chapter: str = ""
    organisation: str = ""
    status: str = ""
    kind: str = ""

    @property
    def active(self) -> bool:
        """Whether any filter is set."""
        return any((self.chapter, self.organisation, self.status, self.kind))


def filter_entries(
    entries: QuerySet[StatusEntry], filters: MeasureFilters
) -> QuerySet[StatusEntry]:
    """The entries that match every filter."""
    if filters.chapter:
        entries = entries.filter(measure__chapter__key=filters.chapter)
    if filters.organisation:
        entries = entries.filter(
            Exists(
                MeasureResponsibility.objects.filter(
                    measure=OuterRef("measure_id"),
                    organisation__acronym__iexact=filters.organisation,
                )
            )
        )
    if filters.status == NO_STATUS:
        entries = entries.filter(Q(status__isnull=True) | Q(status=""))
    elif filters.status:
        entries = entries.filter(status=filters.status)
    if filters.kind:
        entries = entries.filter(measure__kind=filters.kind)
    return entries


def round_entries(
    rnd: ReportingRound, filters: MeasureFilters | None = None
) -> QuerySet[StatusEntry]:
    """The round's status entries in plan order with measure and chapter loaded, filtered."""
    entries = rnd.entries.select_related("measure", "measure__chapter").order_by(
        "measure__order", "measure__id"
    )
    return filter_entries(entries, filters) if filters else entries


# What changed between two rounds.


@dataclass(frozen=True, slots=True)
class MeasureChange:
    """How one measure differs between two rounds.

    `change` is "added" or "removed" (the measure is in only one of the two reports),
    "status_changed", or "narrative_changed" (same status, new text). `measure` is None for
    a measure the report named that is not part of the plan in Tiltak.
    """

    number: str
    title: str
    measure: Measure | None
    change: str
    before: StatusEntry | None = None
    after: StatusEntry | None = None

    @property
    def status_before(self) -> str:
        """The status key before ("none" for no status)."""
        return status_key(self.before.status if self.before else None)

    @property
    def status_after(self) -> str:
        """The status key after ("none" for no status)."""
        return status_key(self.after.status if self.after else None)

    @property
    def narrative_before(self) -> str:
        """The narrative before (Markdown; empty when the measure was not reported)."""
        return self.before.narrative if self.before else ""

    @property
    def narrative_after(self) -> str:
        """The narrative after (Markdown; empty when the measure is no longer reported)."""
        return self.after.narrative if self.after else ""

    @property
    def narrative_changed(self) -> bool:
        """Whether a measure in both reports has a new narrative (whatever its status did)."""
        return (
            self.before is not None
            and self.after is not None
            and not _same_text(self.narrative_before, self.narrative_after)
        )


@dataclass(frozen=True, slots=True)
class TitleChange:
    """A measure whose title as the report wrote it differs between two rounds."""

    measure: Measure
    before: str
    after: str


@dataclass(slots=True)
class Comparison:
    """What changed from one round to another, each list in plan order."""

    before: ReportingRound | None
    after: ReportingRound
    changes: list[MeasureChange]
    title_changes: list[TitleChange]
    unchanged: int
    """Measures in both reports with the same status and narrative."""

    def of(self, kind: str) -> list[MeasureChange]:
        """The changes of one kind."""
        return [c for c in self.changes if c.change == kind]

    @property
    def status_changes(self) -> list[MeasureChange]:
        """Measures whose status changed."""
        return self.of("status_changed")

    @property
    def narrative_changes(self) -> list[MeasureChange]:
        """Measures with the same status and a new narrative."""
        return self.of("narrative_changed")

    @property
    def new_narratives(self) -> list[MeasureChange]:
        """Measures in both reports whose narrative changed, with or without a new status."""
        return [c for c in self.changes if c.narrative_changed]

    @property
    def same_status(self) -> int:
        """Measures in both reports whose status did not change."""
        return self.unchanged + len(self.narrative_changes)

    @property
    def added(self) -> list[MeasureChange]:
        """Measures in the later report only."""
        return self.of("added")

    @property
    def removed(self) -> list[MeasureChange]:
        """Measures in the earlier report only."""
        return self.of("removed")


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _reported(rnd: ReportingRound | None) -> dict[int, StatusEntry]:
    """The round's entries of measures its report covers, by measure id, in plan order.

    An imported report that left a measure out still has an entry for it (without a status)
    and a `measure_missing` finding; such a measure is not in that report.
    """
    if rnd is None:
        return {}
    missing = set(
        rnd.findings.filter(code="measure_missing").values_list("measure_number", flat=True)
    )
    entries = rnd.entries.select_related("measure").order_by("measure__order", "measure__id")
    return {e.measure_id: e for e in entries if e.measure.number not in missing}


def _report_titles(rnd: ReportingRound | None) -> dict[int, str]:
    """Titles the round's report gave measures where they differ from the plan's."""
    titles: dict[int, str] = {}
    if rnd is None:
        return titles
    for finding in rnd.findings.filter(code="title_differs", measure__isnull=False):
        document = (finding.evidence or {}).get("document")
        if isinstance(document, str) and finding.measure_id:
            titles[finding.measure_id] = document
    return titles


def _not_in_plan(rnd: ReportingRound | None) -> list[RoundFinding]:
    """Findings of measures the round's report named that the plan does not have."""
    if rnd is None:
        return []
    return list(rnd.findings.filter(code="measure_not_in_plan").order_by("id"))


def compare_rounds(before: ReportingRound | None, after: ReportingRound) -> Comparison:
    """Every measure that was added, removed or changed status or narrative from `before`."""
    old, new = _reported(before), _reported(after)
    changes: list[MeasureChange] = []
    unchanged = 0
    for measure_id, entry in new.items():
        measure = entry.measure
        prior = old.get(measure_id)
        if prior is None:
            kind = "added"
        elif status_key(prior.status) != status_key(entry.status):
            kind = "status_changed"
        elif not _same_text(prior.narrative, entry.narrative):
            kind = "narrative_changed"
        else:
            unchanged += 1
            continue
        changes.append(MeasureChange(measure.number, measure.title, measure, kind, prior, entry))
    named_before = {f.measure_number for f in _not_in_plan(before)}
    for finding in _not_in_plan(after):
        if finding.measure_number not in named_before:
            title = str((finding.evidence or {}).get("title", ""))
            changes.append(MeasureChange(finding.measure_number, title, None, "added"))
    for measure_id, prior in old.items():
        if measure_id not in new:
            measure = prior.measure
            changes.append(MeasureChange(measure.number, measure.title, measure, "removed", prior))
    titles_before, titles_after = _report_titles(before), _report_titles(after)
    title_changes = []
    for measure_id, entry in new.items():
        if measure_id in old:
            was = titles_before.get(measure_id, entry.measure.title)
            now = titles_after.get(measure_id, entry.measure.title)
            if was != now:
                title_changes.append(TitleChange(entry.measure, was, now))
    return Comparison(before, after, changes, title_changes, unchanged)
