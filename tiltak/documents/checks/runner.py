"""Run every rule over a document and order the findings."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Finding, PlanDocument, Severity
from .context import CheckContext
from .registry import RULES, Rule

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def rules() -> list[Rule]:
    """Every registered rule, in the order they run."""
    return list(RULES.values())


def run_checks(
    document: PlanDocument,
    previous: PlanDocument | None = None,
    *,
    period: tuple[int, int] | None = None,
    as_of: str | None = None,
    codes: Iterable[str] | None = None,
) -> list[Finding]:
    """Every finding of every rule (or of `codes`), most severe first, in document order."""
    context = CheckContext(document, previous, period, as_of)
    wanted = set(codes) if codes is not None else None
    findings: list[Finding] = []
    for rule in RULES.values():
        if wanted is None or rule.code in wanted:
            findings.extend(rule.function(context))
    if wanted is None:
        # Recorded findings no rule knows (a newer parser's or importer's) are kept as they are.
        findings.extend(f for f in document.findings if f.code not in RULES)
    return sort_findings(findings, document)


def sort_findings(findings: list[Finding], document: PlanDocument) -> list[Finding]:
    """Errors, warnings, remarks; within each, the whole document first, then measure by measure."""
    position = {m.number: index for index, m in enumerate(document.measures)}
    order = {code: index for index, code in enumerate(RULES)}

    def key(item: tuple[int, Finding]) -> tuple[int, int, int, int]:
        index, found = item
        where = -1 if found.measure is None else position.get(found.measure, len(position))
        return (SEVERITY_ORDER[found.severity], where, order.get(found.code, len(order)), index)

    return [found for _index, found in sorted(enumerate(findings), key=key)]


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error."""
    return any(f.severity is Severity.ERROR for f in findings)
