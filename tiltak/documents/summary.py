"""The human summary `tiltak parse` prints."""

from __future__ import annotations

from collections import Counter

from .model import PlanDocument, Severity
from .vocabulary import DISPLAY_ORDER_WITH_NONE, NO_STATUS, status_label


def text_summary(document: PlanDocument) -> str:
    """Plan, report, counts per status and per chapter, and the findings."""
    plan = document.plan
    lines = [plan.title]
    if plan.subtitle:
        lines.append(plan.subtitle)
    if plan.period:
        lines.append(f"Periode: {plan.period[0]}–{plan.period[1]}")
    if document.report:
        as_of = f" (per {document.report.as_of})" if document.report.as_of else ""
        lines.append(f"Rapport: {document.report.title}{as_of}")
    kinds = Counter(measure.kind for measure in document.measures)
    lines.append(
        f"{kinds['measure']} tiltak og {kinds['request']} anmodningsvedtak i "
        f"{len(document.chapters)} kapitler ({document.source_format}, {document.language})"
    )
    statuses = Counter(measure.status or NO_STATUS for measure in document.measures)
    lines.append("")
    lines.append("Status:")
    for status in DISPLAY_ORDER_WITH_NONE:
        if statuses[status]:
            lines.append(f"  {status_label(status):<14}{statuses[status]:>5}")
    lines.append("")
    lines.append("Kapitler:")
    per_chapter = Counter(measure.chapter for measure in document.measures)
    for chapter in document.chapters:
        lines.append(f"  {chapter.key:>3} {chapter.title:<60}{per_chapter[chapter.key]:>5}")
    lines.append("")
    counts = Counter(finding.severity for finding in document.findings)
    lines.append(
        f"Funn: {counts[Severity.ERROR]} feil, {counts[Severity.WARNING]} advarsler, "
        f"{counts[Severity.INFO]} merknader"
    )
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    for finding in sorted(document.findings, key=lambda f: order[f.severity]):
        lines.append(f"  [{finding.severity.value}] {finding.code}: {finding.message}")
    return "\n".join(lines) + "\n"
