"""The coordinator's review queue and the round's findings, read with the page's filters:
ministry, workflow state, severity, and whether acknowledged findings show."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from tiltak.documents.checks import RULES
from tiltak.documents.model import Finding

from . import public
from .findings import identity, without_prefix
from .models import FindingAcknowledgement, ReportingRound, StatusEntry
from .selectors import StateChoice, acknowledgements, findings_if_any, round_entries

Workflow = StatusEntry.Workflow

SEVERITIES = ("error", "warning", "info")
QUEUE_DEFAULT_STATE = Workflow.SUBMITTED.value
ALL_STATES = "alle"


@dataclass(frozen=True, slots=True)
class ReviewFilters:
    """What the round page is filtered on: ministry (acronym), workflow state, severity, and
    whether acknowledged findings show. Unknown values fall back to the default."""

    organisation: str = ""
    state: str = QUEUE_DEFAULT_STATE
    severity: str = ""
    acknowledged: bool = False

    @classmethod
    def from_query(cls, query: Any) -> ReviewFilters:
        """The filters in a GET or POST query (a QueryDict or a dict)."""
        state = str(query.get("tilstand", QUEUE_DEFAULT_STATE) or QUEUE_DEFAULT_STATE)
        if state != ALL_STATES and state not in Workflow.values:
            state = QUEUE_DEFAULT_STATE
        severity = str(query.get("alvorlighet", ""))
        return cls(
            organisation=str(query.get("departement", "")).strip()[:20],
            state=state,
            severity=severity if severity in SEVERITIES else "",
            acknowledged=query.get("kvitterte") == "1",
        )

    def query(self) -> str:
        """The filters as a query string, defaults left out ("" when nothing is filtered)."""
        pairs = []
        if self.organisation:
            pairs.append(("departement", self.organisation))
        if self.state != QUEUE_DEFAULT_STATE:
            pairs.append(("tilstand", self.state))
        if self.severity:
            pairs.append(("alvorlighet", self.severity))
        if self.acknowledged:
            pairs.append(("kvitterte", "1"))
        return urlencode(pairs)

    @property
    def with_acknowledged(self) -> str:
        """The query string with acknowledged findings shown."""
        return replace(self, acknowledged=True).query()

    @property
    def without_acknowledged(self) -> str:
        """The query string with acknowledged findings hidden."""
        return replace(self, acknowledged=False).query()


def _acronyms(entry: StatusEntry) -> list[str]:
    return [r.organisation.acronym for r in entry.measure.responsibilities.all()]


def round_organisations(entries: list[StatusEntry]) -> list[str]:
    """The acronyms of the organisations responsible for any of the entries, sorted."""
    return sorted({acronym for entry in entries for acronym in _acronyms(entry)})


@dataclass(slots=True)
class QueueRow:
    """An entry in the queue and the measure's entry in the last published round."""

    entry: StatusEntry
    previous: StatusEntry | None

    @property
    def status_changed(self) -> bool:
        """The status label differs from the last published one."""
        return self.previous is not None and self.previous.status_label != self.entry.status_label

    @property
    def text_changed(self) -> bool:
        """The narrative differs from the last published one."""
        return self.previous is not None and self.previous.narrative != self.entry.narrative


@dataclass(slots=True)
class ReviewQueue:
    """The queue as filtered, the choices of the filters and the previous round's title."""

    rows: list[QueueRow]
    filters: ReviewFilters
    organisations: list[str]
    state_counts: list[StateChoice]
    previous_round: ReportingRound | None
    submitted_ids: list[int]


def review_queue(rnd: ReportingRound, filters: ReviewFilters) -> ReviewQueue:
    """The round's entries in the filter's state (submitted by default) and ministry (lead or
    co-responsible), each with its open `findings` and beside the measure's entry in the last
    published round."""
    entries = round_entries(rnd)
    in_ministry = [
        e for e in entries if not filters.organisation or filters.organisation in _acronyms(e)
    ]
    counts: dict[str, int] = defaultdict(int)
    for entry in in_ministry:
        counts[entry.workflow_state] += 1
    shown = [
        e for e in in_ministry if filters.state == ALL_STATES or e.workflow_state == filters.state
    ]
    found = findings_if_any(rnd)
    known = acknowledgements(rnd.plan) if found else {}
    for entry in shown:
        about = found.by_measure.get(entry.measure.number, []) if found else []
        entry.findings = [f for f in about if identity(f) not in known]
    previous = public.public_round_before(rnd)
    before: dict[int, StatusEntry] = {}
    if previous is not None and previous.pk != rnd.pk:
        before = {
            e.measure_id: e
            for e in StatusEntry.objects.filter(
                round=previous, measure_id__in=[e.measure_id for e in shown]
            )
        }
    else:
        previous = None
    return ReviewQueue(
        rows=[QueueRow(e, before.get(e.measure_id)) for e in shown],
        filters=filters,
        organisations=round_organisations(entries),
        state_counts=[StateChoice(key, str(label), counts[key]) for key, label in Workflow.choices],
        previous_round=previous,
        submitted_ids=[e.pk for e in in_ministry if e.workflow_state == Workflow.SUBMITTED],
    )


@dataclass(slots=True)
class FindingRow:
    """One finding as the round page shows it: text without the repeated prefix, the entry it
    links to, the measure's ministries, and its acknowledgement if any."""

    finding: Finding
    fingerprint: str
    text: str
    entry: StatusEntry | None
    organisations: list[str]
    acknowledgement: FindingAcknowledgement | None = None


@dataclass(slots=True)
class FindingGroup:
    """The shown findings of one check code: one line with a count, the findings inside."""

    code: str
    severity: str
    rows: list[FindingRow]

    @property
    def explanation(self) -> str:
        """What the check looks for, in Norwegian (the code for findings no rule knows)."""
        rule = RULES.get(self.code)
        return rule.explanation if rule else self.code

    @property
    def open_count(self) -> int:
        """The shown findings not yet acknowledged."""
        return sum(1 for row in self.rows if row.acknowledgement is None)


@dataclass(slots=True)
class ReviewFindings:
    """The round's findings as filtered, grouped by check, and how many are acknowledged."""

    groups: list[FindingGroup]
    checked: bool
    shown: int
    total: int
    acknowledged: int
    errors: int
    warnings: int


def finding_rows(rnd: ReportingRound) -> list[FindingRow] | None:
    """Every finding of the round with its entry, ministries and acknowledgement; None while
    the round has no entries (nothing to check)."""
    found = findings_if_any(rnd)
    if found is None:
        return None
    entries = {e.measure.number: e for e in round_entries(rnd)}
    known = acknowledgements(rnd.plan)
    rows = []
    for finding in found.findings:
        key = identity(finding)
        entry = entries.get(finding.measure or "")
        rows.append(
            FindingRow(
                finding=finding,
                fingerprint=key[2],
                text=without_prefix(finding),
                entry=entry,
                organisations=_acronyms(entry) if entry else [],
                acknowledgement=known.get(key),
            )
        )
    return rows


def review_findings(rnd: ReportingRound, filters: ReviewFilters) -> ReviewFindings:
    """The findings in the filter's ministry and severity, acknowledged ones only on request,
    grouped by check code in the order the checks sort them (errors first)."""
    checked = finding_rows(rnd)
    rows = checked or []
    matching = [
        r
        for r in rows
        if (not filters.organisation or filters.organisation in r.organisations)
        and (not filters.severity or str(r.finding.severity) == filters.severity)
    ]
    acknowledged = sum(1 for r in matching if r.acknowledgement is not None)
    shown = [r for r in matching if filters.acknowledged or r.acknowledgement is None]
    groups: dict[str, FindingGroup] = {}
    for row in shown:
        code = row.finding.code
        if code not in groups:
            groups[code] = FindingGroup(code, str(row.finding.severity), [])
        groups[code].rows.append(row)
    open_rows = [r for r in rows if r.acknowledgement is None]
    return ReviewFindings(
        groups=list(groups.values()),
        checked=checked is not None,
        shown=len(shown),
        total=len(rows),
        acknowledged=acknowledged,
        errors=sum(1 for r in open_rows if str(r.finding.severity) == "error"),
        warnings=sum(1 for r in open_rows if str(r.finding.severity) == "warning"),
    )


def open_fingerprints(rnd: ReportingRound, filters: ReviewFilters, code: str) -> list[str]:
    """The fingerprints of the findings of `code` the filtered page shows, not acknowledged."""
    return [
        row.fingerprint
        for group in review_findings(rnd, filters).groups
        if group.code == code
        for row in group.rows
        if row.acknowledgement is None
    ]
