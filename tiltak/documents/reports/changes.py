"""The change report: what changed in a round since an earlier round of the same plan."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Measure, PlanDocument
from .build import (
    anchor_for,
    measure_heading,
    plain,
    responsible_text,
    round_title,
    status_text,
)
from .phrases import phrases
from .tree import (
    Block,
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


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A measure whose status changed between the two rounds."""

    number: str
    title: str
    before: str
    after: str


@dataclass(slots=True)
class Changes:
    """Every measure of the newer round in one of three lists, in plan order."""

    since: str
    until: str
    status_changed: list[StatusChange] = field(default_factory=list)
    new_narrative: list[Measure] = field(default_factory=list)
    not_updated: list[Measure] = field(default_factory=list)
    added: list[Measure] = field(default_factory=list)


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def compare(before: PlanDocument, after: PlanDocument) -> Changes:
    """Status changes (from → to), new narratives and measures not updated since `before`."""
    changes = Changes(since=round_title(before), until=round_title(after))
    words = phrases(after.language)
    for measure in after.measures:
        old = before.measure(measure.number)
        if old is None:
            changes.added.append(measure)
            continue
        status_changed = (old.status, plain(old.status_label or "")) != (
            measure.status,
            plain(measure.status_label or ""),
        )
        narrative_changed = not _same_text(old.narrative, measure.narrative)
        if status_changed:
            changes.status_changed.append(
                StatusChange(
                    measure.number,
                    measure.title,
                    status_text(old, words),
                    status_text(measure, words),
                )
            )
        if narrative_changed and measure.narrative.strip():
            changes.new_narrative.append(measure)
        if not status_changed and not narrative_changed:
            changes.not_updated.append(measure)
    return changes


def change_report(before: PlanDocument, after: PlanDocument) -> Report:
    """The change report of `after` since `before` as a `Report` tree."""
    changes = compare(before, after)
    words = phrases(after.language)
    plan = after.plan
    title = words.changes_title.format(since=changes.since, until=changes.until)
    blocks: list[Block] = [
        Toc(words.contents),
        PageBreak(),
        Heading(1, f"1 {words.summary}", "sammendrag"),
        Paragraph(
            words.changes_summary.format(
                until=changes.until,
                since=changes.since,
                changed=len(changes.status_changed),
                narratives=len(changes.new_narrative),
                same=len(changes.not_updated),
            )
            + (words.added_summary.format(added=len(changes.added)) if changes.added else "")
        ),
        Heading(1, f"2 {words.changed_status}", "endret-status"),
    ]
    if changes.status_changed:
        blocks.append(
            Table(
                header=("Nr.", "Tiltak", f"Status {changes.since}", f"Status {changes.until}"),
                rows=[(c.number, c.title, c.before, c.after) for c in changes.status_changed],
                caption=words.changed_status_caption,
                widths=(0.6, 6, 1.7, 1.7),
            )
        )
    else:
        blocks.append(Paragraph(words.no_changed_status))
    blocks.append(Heading(1, f"3 {words.new_narrative}", "ny-omtale"))
    if not changes.new_narrative:
        blocks.append(Paragraph(words.no_new_narrative))
    for measure in changes.new_narrative:
        blocks += [
            Heading(2, measure_heading(measure), anchor_for(measure), toc=False),
            Labels(
                (
                    (words.responsible, responsible_text(measure)),
                    ("Status", status_text(measure, words)),
                )
            ),
            Markdown(measure.narrative),
        ]
    blocks.append(Heading(1, f"4 {words.not_updated_heading}", "ikke-oppdatert"))
    if changes.not_updated:
        blocks.append(
            Table(
                header=("Nr.", "Tiltak", words.responsible, "Status"),
                rows=[
                    (m.number, m.title, responsible_text(m), status_text(m, words))
                    for m in changes.not_updated
                ],
                caption=words.not_updated_caption,
                widths=(0.6, 6, 2, 1.6),
            )
        )
    else:
        blocks.append(Paragraph(words.all_updated))
    if changes.added:
        blocks.append(Heading(1, f"5 {words.new_measures}", "nye-tiltak"))
        blocks.append(
            Table(
                header=("Nr.", "Tiltak", words.responsible, "Status"),
                rows=[
                    (m.number, m.title, responsible_text(m), status_text(m, words))
                    for m in changes.added
                ],
                caption=words.new_measures_caption,
                widths=(0.6, 6, 2, 1.6),
            )
        )
    return Report(
        title=f"{plan.title} – {title}",
        title_page=TitlePage(plan.owner, plan.title, plan.subtitle, title),
        blocks=blocks,
        language=after.language,
        author=plan.owner,
        description=title,
    )
