"""The rule registry: every consistency check with its stable code, severity and explanation."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model import Finding, Severity
from .context import CheckContext

RuleFunction = Callable[[CheckContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One check: a small function from the context to the findings of one code."""

    code: str
    severity: Severity
    explanation: str
    """One line in Norwegian for `tiltak check --rules`."""
    function: RuleFunction
    source: str = "check"
    """"check" when computed from the document, "parser" or "import" when recorded there."""


RULES: dict[str, Rule] = {}


def rule(
    code: str, severity: Severity, explanation: str, source: str = "check"
) -> Callable[[RuleFunction], RuleFunction]:
    """Register the decorated function as the rule for `code`."""

    def register(function: RuleFunction) -> RuleFunction:
        if code in RULES:
            raise ValueError(f"rule {code} is registered twice")
        RULES[code] = Rule(code, severity, explanation, function, source)
        return function

    return register


def finding(
    code: str, measure: str | None, message: str, evidence: dict[str, str] | None = None
) -> Finding:
    """A finding of a registered rule, with the rule's severity."""
    return Finding(code, RULES[code].severity, measure, message, evidence or {})
