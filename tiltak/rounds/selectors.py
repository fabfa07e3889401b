"""Read-only queries for the workspace, the coordinator's pages and the audit log."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Prefetch, QuerySet
from django.utils import timezone

from tiltak.accounts.models import PlanRole, Profile
from tiltak.audit import selectors as audit_selectors
from tiltak.audit.history import HistoryLine, history_lines
from tiltak.audit.models import AuditEvent
from tiltak.caching.version import data_version
from tiltak.checks.stored import check_round
from tiltak.documents.model import Finding
from tiltak.documents.normalise.status import normalise_status
from tiltak.documents.vocabulary import WORKFLOW_ATTENTION_ORDER, workflow_label
from tiltak.plans.models import MeasureResponsibility, Organisation, Plan

from . import permissions, public
from .deadlines import deadline_text, reminder_days
from .findings import identity
from .models import EntryComment, FindingAcknowledgement, ReportingRound, StatusEntry

Workflow = StatusEntry.Workflow
State = ReportingRound.State
UNSUBMITTED = (Workflow.NOT_STARTED, Workflow.DRAFT, Workflow.RETURNED)
FINDINGS_SECONDS = 600
HISTORY_SHOWN = 20  # events on an entry's page; the rest on request


def _entries(queryset: QuerySet[StatusEntry]) -> QuerySet[StatusEntry]:
    """Entries with round, plan, measure and responsible organisations loaded."""
    return (
        queryset.select_related("round", "round__plan", "measure", "measure__chapter")
        .prefetch_related(
            Prefetch(
                "measure__responsibilities",
                queryset=MeasureResponsibility.objects.select_related("organisation").order_by(
                    "position"
                ),
            )
        )
        .order_by("round__plan__title", "round_id", "measure__order", "measure_id")
    )


def entry_by_id(entry_id: int) -> StatusEntry | None:
    """One entry with everything the pages show."""
    return _entries(StatusEntry.objects.filter(pk=entry_id)).first()


def round_for(plan_slug: str, round_slug: str) -> ReportingRound | None:
    """The plan's round with this slug."""
    return (
        ReportingRound.objects.select_related("plan", "corrects", "published_by")
        .filter(plan__slug=plan_slug, slug=round_slug)
        .first()
    )


def round_by_id(round_id: int) -> ReportingRound | None:
    """The round with this id, with its plan."""
    return ReportingRound.objects.select_related("plan").filter(pk=round_id).first()


def my_entries(user: Any) -> list[StatusEntry]:
    """The editor's entries in open and closed rounds (all of them for administrators)."""
    org = permissions.editor_organisation_id(user)
    active = StatusEntry.objects.filter(round__state__in=[State.OPEN, State.CLOSED])
    if org is not None:
        active = active.filter(measure__responsibilities__organisation_id=org)
    elif not permissions.is_admin(user):
        return []
    return list(_entries(active.distinct()))


def coordinated_plans(user: Any) -> list[Plan]:
    """The plans the user coordinates (every plan for administrators)."""
    if permissions.is_admin(user):
        return list(Plan.objects.order_by("title"))
    ids = PlanRole.objects.filter(user=user, role=PlanRole.Role.COORDINATOR).values("plan_id")
    return list(Plan.objects.filter(pk__in=ids).order_by("title"))


def coordinated_rounds(user: Any) -> list[tuple[Plan, list[ReportingRound]]]:
    """The plans the user coordinates, each with its rounds, newest first."""
    return [(plan, list(plan.rounds.order_by("-as_of", "-id"))) for plan in coordinated_plans(user)]


def responsibilities(entry: StatusEntry) -> list[MeasureResponsibility]:
    """The entry's measure's responsible organisations, lead first (prefetched by _entries)."""
    return list(entry.measure.responsibilities.all())


def round_entries(rnd: ReportingRound) -> list[StatusEntry]:
    """Every entry of the round in plan order, with the responsible organisations."""
    return list(_entries(rnd.entries.all()))


@dataclass(slots=True)
class WorkflowGroup:
    """The round's entries in one workflow state."""

    state: str
    label: str
    entries: list[StatusEntry]


def entries_by_workflow_state(rnd: ReportingRound) -> list[WorkflowGroup]:
    """The round's entries grouped by workflow state, in workflow order (approved last)."""
    entries = round_entries(rnd)
    return [
        WorkflowGroup(state, str(label), [e for e in entries if e.workflow_state == state])
        for state, label in Workflow.choices
    ]


def is_overdue(rnd: ReportingRound, entry: StatusEntry, today: date | None = None) -> bool:
    """Past the deadline and not yet submitted."""
    today = today or timezone.localdate()
    return bool(rnd.deadline and today > rnd.deadline and entry.workflow_state in UNSUBMITTED)


@dataclass(slots=True)
class OrganisationProgress:
    """One organisation's entries (as lead) by workflow state."""

    organisation: Organisation | None
    total: int = 0
    not_started: int = 0
    draft: int = 0
    submitted: int = 0
    returned: int = 0
    approved: int = 0
    overdue: int = 0

    @property
    def done(self) -> int:
        """Submitted or approved."""
        return self.submitted + self.approved


def round_progress(rnd: ReportingRound, today: date | None = None) -> list[OrganisationProgress]:
    """Progress per lead organisation, by acronym; measures without one under None last."""
    rows: dict[int | None, OrganisationProgress] = {}
    for entry in round_entries(rnd):
        responsibilities = list(entry.measure.responsibilities.all())
        lead = responsibilities[0].organisation if responsibilities else None
        key = lead.pk if lead else None
        row = rows.setdefault(key, OrganisationProgress(lead))
        row.total += 1
        setattr(row, entry.workflow_state, getattr(row, entry.workflow_state) + 1)
        if is_overdue(rnd, entry, today):
            row.overdue += 1
    return sorted(
        rows.values(),
        key=lambda r: (r.organisation is None, r.organisation.acronym if r.organisation else ""),
    )


@dataclass(slots=True)
class RoundFindings:
    """The round's check findings, in total and per measure number."""

    findings: list[Finding]
    by_measure: dict[str, list[Finding]] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        """The findings of severity error."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """The findings of severity warning."""
        return [f for f in self.findings if f.severity == "warning"]

    def for_numbers(self, numbers: set[str]) -> list[Finding]:
        """The findings about these measures."""
        return [f for f in self.findings if f.measure in numbers]


def round_findings(rnd: ReportingRound) -> RoundFindings:
    """Run the stored-round checks (tiltak.checks) and group the findings by measure; cached
    until the round's entries or any public data change."""
    stamp = rnd.entries.aggregate(count=Count("id"), changed=Max("updated_at"))
    key = (
        f"tiltak:findings:{rnd.pk}:{rnd.updated_at.isoformat()}:{data_version()}:"
        f"{stamp['count']}:{stamp['changed'].isoformat() if stamp['changed'] else ''}"
    )
    found = cache.get(key)
    if not isinstance(found, RoundFindings):
        found = _round_findings(rnd)
        cache.set(key, found, FINDINGS_SECONDS)
    return found


def _round_findings(rnd: ReportingRound) -> RoundFindings:
    """The checks' findings of the round, grouped by measure."""
    findings = list(check_round(rnd).findings)
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.measure:
            grouped[finding.measure].append(finding)
    return RoundFindings(findings, dict(grouped))


def plan_status_labels(plan: Plan) -> list[tuple[str, str]]:
    """(label, status) choices: the four statuses' own labels and the labels the plan's
    published rounds use (drafts never add a label)."""
    choices: dict[str, str] = {str(label): value for value, label in StatusEntry.Status.choices}
    used = (
        StatusEntry.objects.filter(round__plan=plan, round__state=State.PUBLISHED)
        .exclude(status_label="")
        .values_list("status_label", "status")
        .distinct()
    )
    for label, status in used:
        mapped = status or normalise_status(label)
        if mapped and label not in choices:
            choices[label] = mapped
    order = [value for value, _ in StatusEntry.Status.choices]
    return sorted(choices.items(), key=lambda item: (order.index(item[1]), item[0]))


def status_choice(plan: Plan, label: str) -> tuple[str, str] | None:
    """(label, status) for what an editor wrote: a label the plan knows, in its own spelling;
    a bokmål or nynorsk synonym («Ferdig», «Byrja») as the status's own label; None if
    unknown. So no new label is ever stored from input."""
    wanted = " ".join(label.split()).casefold()
    if not wanted:
        return None
    for known, status in plan_status_labels(plan):
        if known.casefold() == wanted:
            return known, status
    synonym = normalise_status(label)
    return (str(StatusEntry.Status(synonym).label), synonym) if synonym else None


def status_for_label(plan: Plan, label: str) -> str | None:
    """The status a label means in this plan, or None if the label is unknown."""
    choice = status_choice(plan, label)
    return choice[1] if choice else None


def unknown_status_message(plan: Plan, label: str) -> str:
    """One line: the label is unknown, and the labels the plan allows."""
    allowed = ", ".join(known for known, _ in plan_status_labels(plan))
    return f"Ukjent status «{label.strip()}». Bruk en av: {allowed}."


def measure_history(
    measure_id: int, *, current_round_id: int | None = None, limit: int | None = HISTORY_SHOWN
) -> list[HistoryLine]:
    """The history of a measure and its entries as sentences, newest first; the latest `limit`
    events (None: all). Events of rounds other than `current_round_id` name their round."""
    events = audit_selectors.measure_events(measure_id).select_related("actor")
    chosen = list(events if limit is None else events[:limit])
    round_ids = {event.round_id for event in chosen if event.round_id is not None}
    round_names = dict(ReportingRound.objects.filter(pk__in=round_ids).values_list("pk", "title"))
    return history_lines(chosen, round_names=round_names, current_round_id=current_round_id)


def measure_history_count(measure_id: int) -> int:
    """How many audit events the measure and its entries have."""
    return audit_selectors.measure_events(measure_id).count()


def last_save(entry: StatusEntry) -> AuditEvent | None:
    """The event that stored the entry as it is now (refused saves are not stores)."""
    return (
        audit_selectors.object_events(StatusEntry, entry.pk)
        .exclude(action="conflict_refused")
        .first()
    )


def plan_audit(plan: Plan, round_id: int | None = None) -> QuerySet[AuditEvent]:
    """The audit events of a plan (optionally one round), oldest first."""
    return audit_selectors.plan_events(plan.pk, round_id)


def latest_published_version(rnd: ReportingRound) -> ReportingRound:
    """The newest published correction of a round (the round itself if none)."""
    newest = rnd
    while True:
        nxt = newest.corrections.filter(state=State.PUBLISHED).order_by("-published_at").first()
        if nxt is None:
            return newest
        newest = nxt


@dataclass(slots=True)
class WorkspaceGroup:
    """One round on an editor's workspace: the user's entries and the checks' findings."""

    round: ReportingRound
    entries: list[StatusEntry]
    findings: list[Finding]
    by_measure: dict[str, list[Finding]]
    can_bulk: bool
    deadline_text: str = ""
    total: int = 0


@dataclass(frozen=True, slots=True)
class StateChoice:
    """One workflow state in the workspace's filter, with how many of the user's entries."""

    key: str
    label: str
    count: int


@dataclass(slots=True)
class Workspace:
    """The editor's workspace: rounds, the state filtered on and the filter's choices."""

    groups: list[WorkspaceGroup]
    state: str
    choices: list[StateChoice]


def _attention_order(entry: StatusEntry) -> int:
    order = WORKFLOW_ATTENTION_ORDER
    state = entry.workflow_state
    return order.index(state) if state in order else len(order)


def workspace_groups(user: Any, state: str = "", today: date | None = None) -> list[WorkspaceGroup]:
    """The user's entries per round, returned first and approved last (only those in `state`
    when given); each entry gets `finding_count` and `overdue`. Acknowledged findings are left
    out."""
    today = today or timezone.localdate()
    grouped: dict[int, list[StatusEntry]] = {}
    for entry in my_entries(user):
        grouped.setdefault(entry.round_id, []).append(entry)
    groups = []
    for entries in grouped.values():
        rnd = entries[0].round
        found = round_findings(rnd)
        known = acknowledgements(rnd.plan)
        by_measure = {
            number: [f for f in about if identity(f) not in known]
            for number, about in found.by_measure.items()
        }
        for entry in entries:
            entry.finding_count = len(by_measure.get(entry.measure.number, []))
            entry.overdue = is_overdue(rnd, entry, today)
        numbers = {entry.measure.number for entry in entries}
        shown = sorted(
            (e for e in entries if not state or e.workflow_state == state), key=_attention_order
        )
        groups.append(
            WorkspaceGroup(
                round=rnd,
                entries=shown,
                findings=[f for f in found.for_numbers(numbers) if identity(f) not in known],
                by_measure=by_measure,
                can_bulk=permissions.can_bulk_update(user, rnd),
                deadline_text=deadline_text(rnd.deadline, today),
                total=len(entries),
            )
        )
    return groups


def workspace(user: Any, state: str = "", today: date | None = None) -> Workspace:
    """The workspace filtered on a workflow state (ignored unless it is one)."""
    if state not in WORKFLOW_ATTENTION_ORDER:
        state = ""
    everything = workspace_groups(user, today=today)
    counts: dict[str, int] = defaultdict(int)
    for group in everything:
        for entry in group.entries:
            counts[entry.workflow_state] += 1
    choices = [
        StateChoice(key, workflow_label(key), counts[key]) for key in WORKFLOW_ATTENTION_ORDER
    ]
    if state:
        for group in everything:
            group.entries = [e for e in group.entries if e.workflow_state == state]
    return Workspace(everything, state, choices)


def last_published_entry(entry: StatusEntry) -> StatusEntry | None:
    """The measure's entry in the plan's last published round before the entry's round."""
    previous = public.public_round_before(entry.round)
    if previous is None or previous.pk == entry.round_id:
        return None
    return (
        StatusEntry.objects.select_related("round")
        .filter(round=previous, measure_id=entry.measure_id)
        .first()
    )


def findings_if_any(rnd: ReportingRound) -> RoundFindings | None:
    """The round's findings, or None while it has no entries (a draft)."""
    return round_findings(rnd) if rnd.entries.exists() else None


@dataclass(slots=True)
class PublishOverview:
    """What the publish page shows: findings, entries by state, approved and not."""

    found: RoundFindings | None
    by_state: list[WorkflowGroup]
    approved: int
    unapproved: int


def publish_overview(rnd: ReportingRound) -> PublishOverview:
    """The round's findings and its entries by workflow state (approved last)."""
    by_state = entries_by_workflow_state(rnd)
    approved = len(by_state[-1].entries)
    total = sum(len(group.entries) for group in by_state)
    return PublishOverview(findings_if_any(rnd), by_state, approved, total - approved)


def progress_totals(rows: list[OrganisationProgress]) -> OrganisationProgress:
    """The sum of the organisations' progress rows."""
    totals = OrganisationProgress(None)
    for item in fields(OrganisationProgress):
        if item.name != "organisation":
            setattr(totals, item.name, sum(getattr(row, item.name) for row in rows))
    return totals


def user_profile(user: Any) -> Profile | None:
    """The user's profile (organisation, editor or not), if any."""
    return Profile.objects.select_related("organisation").filter(user=user).first()


def user_plan_roles(user: Any) -> list[PlanRole]:
    """The user's roles on every plan, by plan title."""
    return list(PlanRole.objects.filter(user=user).select_related("plan").order_by("plan__title"))


def entry_comments(entry: StatusEntry) -> list[EntryComment]:
    """The entry's comment thread, oldest first, with the authors."""
    return list(entry.comments.select_related("author").order_by("created", "pk"))


@dataclass(frozen=True, slots=True)
class MissedReminder:
    """A scheduled reminder whose day has come without any reminder sent since."""

    kind: str
    due: date


def missed_reminders(
    rnd: ReportingRound, days_before: int, today: date | None = None
) -> list[MissedReminder]:
    """The latest scheduled reminder of the open round that is due and not sent (a scheduled
    one of that kind or one the coordinator sent on or after its day); empty when all went."""
    if rnd.state != State.OPEN or rnd.deadline is None:
        return []
    today = today or timezone.localdate()
    opened = timezone.localdate(rnd.opened_at) if rnd.opened_at else None
    sent = list(rnd.reminders.values_list("kind", "sent_on"))
    missed = []
    for kind, due in reminder_days(rnd.deadline, days_before):
        if due > today or (opened is not None and opened > due):
            continue
        if not any(k in (kind, "manual") and on >= due for k, on in sent):
            missed.append(MissedReminder(kind, due))
    return missed[-1:]


def entry_findings(rnd: ReportingRound, number: str) -> list[Finding]:
    """The findings about one measure that are not acknowledged (for its entry's pages)."""
    known = acknowledgements(rnd.plan)
    return [f for f in round_findings(rnd).for_numbers({number}) if identity(f) not in known]


def acknowledgements(plan: Plan) -> dict[tuple[str, str, str], FindingAcknowledgement]:
    """The plan's acknowledged findings by (measure number, code, fingerprint)."""
    return {
        (a.measure_number, a.code, a.fingerprint): a
        for a in FindingAcknowledgement.objects.filter(plan=plan).select_related(
            "acknowledged_by", "round"
        )
    }
