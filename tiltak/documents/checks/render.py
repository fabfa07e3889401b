"""The output of `tiltak check`: text grouped by severity and measure, or JSON."""

from __future__ import annotations

import json
from collections import Counter
from itertools import groupby
from typing import Any

from ..model import Finding, PlanDocument, Severity
from .registry import Rule
from .text import excerpt

SEVERITY_NAMES = {Severity.ERROR: "Feil", Severity.WARNING: "Advarsler", Severity.INFO: "Merknader"}


def findings_json(findings: list[Finding]) -> str:
    """A JSON list of {code, severity, measure, message, evidence}."""
    data: list[dict[str, Any]] = [
        {
            "code": f.code,
            "severity": str(f.severity),
            "measure": f.measure,
            "message": f.message,
            "evidence": f.evidence,
        }
        for f in findings
    ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def counts_line(findings: list[Finding]) -> str:
    """The counts per severity: "3 feil, 80 advarsler, 6 merknader"."""
    counts = Counter(f.severity for f in findings)
    return (
        f"{counts[Severity.ERROR]} feil, {counts[Severity.WARNING]} advarsler, "
        f"{counts[Severity.INFO]} merknader"
    )


def findings_text(findings: list[Finding], document: PlanDocument) -> str:
    """Findings grouped by severity, then by measure, each with its evidence."""
    lines = [document.plan.title]
    if document.report is not None:
        as_of = f" (per {document.report.as_of})" if document.report.as_of else ""
        lines.append(f"Rapport: {document.report.title}{as_of}")
    lines.append(f"Kontroll: {counts_line(findings)}")
    for severity, group in groupby(findings, key=lambda f: f.severity):
        items = list(group)
        lines += ["", f"{SEVERITY_NAMES[severity]} ({len(items)})"]
        for measure, in_measure in groupby(items, key=lambda f: f.measure):
            lines.append(f"  Tiltak {measure}" if measure is not None else "  Hele dokumentet")
            for found in in_measure:
                lines.append(f"    [{found.code}] {found.message}")
                for name, value in found.evidence.items():
                    if value:
                        lines.append(f"        {name}: {excerpt(value, 160)}")
    return "\n".join(lines) + "\n"


def rules_text(rules: list[Rule]) -> str:
    """One line per rule: code, severity and what it finds."""
    width = max(len(r.code) for r in rules)
    lines = []
    for item in rules:
        origin = {"parser": " (fra innlesingen)", "import": " (fra importen)"}.get(item.source, "")
        lines.append(f"{item.code:<{width}}  {item.severity.value:<7}  {item.explanation}{origin}")
    return "\n".join(lines) + "\n"
