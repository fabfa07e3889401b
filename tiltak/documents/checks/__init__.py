"""Consistency checks: what a careful reader finds in a plan or report before it is published.

Pure Python; never imports Django. Each rule is a small function from a `CheckContext` (the
document, the previous round's document and the plan period) to findings of one stable code.
"""

from __future__ import annotations

from . import consistency, links, narrative, rounds
from .context import CheckContext
from .registry import RULES, Rule, rule
from .render import findings_json, findings_text, rules_text
from .runner import has_errors, rules, run_checks, sort_findings
from .wording import unfinished_signals

__all__ = [
    "RULES",
    "CheckContext",
    "Rule",
    "consistency",
    "findings_json",
    "findings_text",
    "has_errors",
    "links",
    "narrative",
    "rounds",
    "rule",
    "rules",
    "rules_text",
    "run_checks",
    "sort_findings",
    "unfinished_signals",
]
