"""The typed result of parsing a plan or status report."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, Literal

# The vocabulary's, re-exported for the readers of the model.
from .language import PlanLanguage as PlanLanguage
from .vocabulary import STATUSES as STATUSES
from .vocabulary import Status as Status
from .vocabulary import as_key

MeasureKind = Literal["measure", "request"]
MEASURE_KINDS: tuple[MeasureKind, ...] = ("measure", "request")
OrganisationKind = Literal["ministry", "directorate", "other"]
ORGANISATION_KINDS: tuple[OrganisationKind, ...] = ("ministry", "directorate", "other")


def as_measure_kind(value: str) -> MeasureKind:
    """A stored measure kind as a `MeasureKind` (ValueError when it is not one)."""
    return as_key(value, MEASURE_KINDS)


def as_organisation_kind(value: str) -> OrganisationKind:
    """A stored organisation kind as an `OrganisationKind` (ValueError when it is not one)."""
    return as_key(value, ORGANISATION_KINDS)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(slots=True)
class Finding:
    """A doubt the parser reports instead of resolving silently."""

    code: str
    severity: Severity
    measure: str | None
    message: str
    evidence: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Organisation:
    acronym: str
    name: str
    kind: OrganisationKind = "other"
    valid_from: int | None = None
    valid_to: int | None = None
    successor: str | None = None
    """Acronym of the organisation that took over, for historical ones."""


@dataclass(slots=True)
class OverviewRow:
    """One row of a plan's overview table, kept as written."""

    number: str
    title: str
    responsible_raw: str | None
    status_label: str | None
    chapter_title: str | None = None


@dataclass(slots=True)
class Measure:
    number: str
    kind: MeasureKind
    chapter: str | None
    title: str
    responsible: list[str] = field(default_factory=list)
    responsible_all: bool = False
    responsible_raw: str | None = None
    status: Status | None = None
    status_label: str | None = None
    period: str | None = None
    narrative: str = ""
    references: list[str] = field(default_factory=list)
    updated_this_round: bool = True
    """False when a published round carries the previous round's status and text (the entry
    was not approved); a parsed document's measures are always updated."""


@dataclass(slots=True)
class Chapter:
    key: str
    title: str
    introduction: str = ""
    """The chapter's own text before its first measure, as Markdown."""


@dataclass(slots=True)
class PlanInfo:
    title: str
    subtitle: str | None = None
    period: tuple[int, int] | None = None
    owner: str | None = None
    """The coordinating organisation's name as the document gives it."""
    kind: str | None = None
    """"opptrappingsplan", "handlingsplan" or "strategi", from the title."""


@dataclass(slots=True)
class ReportInfo:
    title: str
    as_of: str | None = None
    """ISO 8601 date at the precision the document gives ("2026-06", "2019-06-01")."""


@dataclass(slots=True)
class PlanDocument:
    plan: PlanInfo
    report: ReportInfo | None
    chapters: list[Chapter] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    overview: list[OverviewRow] = field(default_factory=list)
    language: PlanLanguage = "nb"
    """The plan's written Norwegian: bokmål («nb») or nynorsk («nn»)."""
    source_format: str = "text"
    introduction: str = ""
    """The report's introduction before the first chapter, as Markdown."""

    def measure(self, number: str) -> Measure | None:
        """The measure with this number, if any."""
        return next((m for m in self.measures if m.number == number), None)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `tiltak parse --format json`."""
        data = asdict(self)
        for measure in data["measures"]:
            del measure["updated_this_round"]  # about stored rounds, not the parse contract
        data["plan"]["period"] = list(self.plan.period) if self.plan.period else None
        for finding in data["findings"]:
            finding["severity"] = str(finding["severity"])
        return data
