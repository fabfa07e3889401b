"""Round lifecycle and entry workflow: draft → open → closed → published, and corrections.

Every function takes the acting user first and checks it with `permissions` before changing
anything; changes are recorded in the audit log with the action name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tiltak import limits
from tiltak.audit import services as audit_log
from tiltak.audit.context import audit_context
from tiltak.documents.rawhtml import strip_raw_html
from tiltak.documents.reports import FORMATS
from tiltak.jobs.services import queue_reports
from tiltak.plans.models import Plan
from tiltak.plans.naming import slugify_nb
from tiltak.search.services import reindex_entries

from . import notifications, permissions
from .models import FindingAcknowledgement, ReportingRound, StatusEntry
from .permissions import require
from .review import finding_rows
from .selectors import round_findings, status_choice, unknown_status_message

Workflow = StatusEntry.Workflow
State = ReportingRound.State


class WorkflowError(Exception):
    """The action does not fit the round's or entry's state; str() is a Norwegian message."""


class ConflictError(Exception):
    """Someone saved the entry since the user loaded it: the save is refused."""

    def __init__(self, current: StatusEntry, yours: dict[str, str]) -> None:
        super().__init__("Tiltaket er endret av noen andre siden du åpnet det.")
        self.current = current
        self.yours = yours


@dataclass(slots=True)
class PublishBlocked(Exception):
    """Publishing needs an override: errors from the checks or entries not approved."""

    errors: int
    unapproved: int

    def __str__(self) -> str:
        return (
            f"Runden har {self.errors} feil og {self.unapproved} tiltak som ikke er godkjent. "
            "Skriv en begrunnelse for å publisere likevel."
        )


# Rounds.


def create_round(
    user: Any, plan: Plan, *, title: str, as_of: str = "", deadline: date | None = None
) -> ReportingRound:
    """A new draft round of the plan."""
    require(permissions.can_manage_round(user, plan))
    title = title.strip()
    if not title:
        raise WorkflowError("Runden må ha en tittel.")
    slug = _free_slug(plan, slugify_nb(title) or "runde")
    with transaction.atomic(), audit_context(actor=user, action="create_round"):
        return ReportingRound.objects.create(
            plan=plan, title=title, slug=slug, as_of=as_of, deadline=deadline
        )


def _free_slug(plan: Plan, base: str) -> str:
    """`base`, or base-2, base-3 … if the plan has a round with that slug."""
    slug, n = base[:90], 1
    while plan.rounds.filter(slug=slug).exists():
        n += 1
        slug = f"{base[:90]}-{n}"
    return slug


def _starting_points(rnd: ReportingRound) -> dict[int, StatusEntry]:
    """Per measure, the entry a new round starts from: the corrected round's, else the last
    published status of the measure."""
    if rnd.corrects_id:
        return {e.measure_id: e for e in StatusEntry.objects.filter(round_id=rnd.corrects_id)}
    latest: dict[int, StatusEntry] = {}
    for entry in (
        StatusEntry.objects.filter(round__plan_id=rnd.plan_id, round__state=State.PUBLISHED)
        .exclude(round=rnd)
        .order_by("round__as_of", "round__published_at", "round_id")
    ):
        latest[entry.measure_id] = entry
    return latest


def open_round(user: Any, rnd: ReportingRound, *, deadline: date) -> ReportingRound:
    """Open a draft round with a deadline: every measure gets an entry that starts from its
    last status and narrative, in workflow state «not started»."""
    require(permissions.can_manage_round(user, rnd.plan_id))
    with transaction.atomic(), audit_context(actor=user, action="open_round"):
        rnd = ReportingRound.objects.select_for_update().get(pk=rnd.pk)
        if rnd.state != State.DRAFT:
            raise WorkflowError("Bare en runde som er utkast kan åpnes.")
        start = _starting_points(rnd)
        existing = {e.measure_id: e for e in rnd.entries.all()}
        created = []
        for measure in rnd.plan.measures.order_by("order", "pk"):
            source = start.get(measure.pk)
            entry = existing.get(measure.pk)
            if entry is None:
                created.append(
                    StatusEntry(
                        round=rnd,
                        measure=measure,
                        status=source.status if source else None,
                        status_label=source.status_label if source else "",
                        narrative=source.narrative if source else "",
                        workflow_state=Workflow.NOT_STARTED,
                    )
                )
            elif entry.workflow_state != Workflow.NOT_STARTED:
                entry.workflow_state = Workflow.NOT_STARTED
                entry.save()
        new = StatusEntry.objects.bulk_create(created)
        audit_log.bulk_record_created(list(new), actor=user, action="open_round")
        rnd.state = State.OPEN
        rnd.deadline = deadline
        rnd.opened_at = timezone.now()
        rnd.save()
    reindex_entries([e.pk for e in new])
    return rnd


def close_round(user: Any, rnd: ReportingRound) -> ReportingRound:
    """Close an open round: editors can no longer change it; review goes on."""
    return _move_round(
        user, rnd, "close_round", State.OPEN, State.CLOSED, "Bare en åpen runde kan lukkes."
    )


def reopen_round(user: Any, rnd: ReportingRound) -> ReportingRound:
    """Open a closed round again (for instance to let a ministry fix a returned entry)."""
    return _move_round(
        user, rnd, "reopen_round", State.CLOSED, State.OPEN, "Bare en lukket runde kan åpnes igjen."
    )


def _move_round(
    user: Any, rnd: ReportingRound, action: str, source: str, target: str, refusal: str
) -> ReportingRound:
    """The round from state `source` to `target`, by a user who may manage it."""
    require(permissions.can_manage_round(user, rnd.plan_id))
    with transaction.atomic(), audit_context(actor=user, action=action):
        rnd = ReportingRound.objects.select_for_update().get(pk=rnd.pk)
        if rnd.state != source:
            raise WorkflowError(refusal)
        rnd.state = target
        rnd.save()
    return rnd


def change_deadline(user: Any, rnd: ReportingRound, *, deadline: date) -> ReportingRound:
    """Change or extend an open round's deadline; the editors with entries not yet submitted
    are told by e-mail."""
    require(permissions.can_manage_round(user, rnd.plan_id))
    if deadline < timezone.localdate():
        raise WorkflowError("Den nye fristen kan ikke være før i dag.")
    with transaction.atomic(), audit_context(actor=user, action="change_deadline"):
        rnd = ReportingRound.objects.select_for_update().select_related("plan").get(pk=rnd.pk)
        if not permissions.can_change_deadline(user, rnd):
            raise WorkflowError("Bare en åpen runde kan få ny frist.")
        before = rnd.deadline
        if before == deadline:
            raise WorkflowError("Fristen er allerede denne datoen.")
        rnd.deadline = deadline
        rnd.save()
        notifications.deadline_changed(rnd, before, user)
    return rnd


def publish_round(user: Any, rnd: ReportingRound, *, override_reason: str = "") -> ReportingRound:
    """Publish an open or closed round. With errors from the checks or entries not approved,
    a reason for publishing anyway is required and recorded. Only approved entries are
    published as they are; see _carry_forward_unapproved for the others."""
    require(permissions.can_manage_round(user, rnd.plan_id))
    reason = override_reason.strip()
    with transaction.atomic(), audit_context(actor=user, action="publish_round"):
        rnd = ReportingRound.objects.select_for_update().get(pk=rnd.pk)
        if rnd.state not in {State.OPEN, State.CLOSED}:
            raise WorkflowError("Bare en åpen eller lukket runde kan publiseres.")
        require(permissions.can_publish_round(user, rnd))
        errors = len(round_findings(rnd).errors)
        unapproved = rnd.entries.exclude(workflow_state=Workflow.APPROVED).count()
        if (errors or unapproved) and not reason:
            raise PublishBlocked(errors, unapproved)
        _carry_forward_unapproved(rnd)
        rnd.state = State.PUBLISHED
        rnd.published_at = timezone.now()
        rnd.published_by = user
        rnd.publish_override_reason = reason if (errors or unapproved) else ""
        with audit_context(reason=rnd.publish_override_reason):
            rnd.save()
        if settings.TILTAK_WARM_REPORTS_ON_PUBLISH:
            formats = tuple(getattr(settings, "TILTAK_WARM_REPORT_FORMATS", ())) or FORMATS
            queue_reports(rnd.pk, formats)
    return rnd


def _carry_forward_unapproved(rnd: ReportingRound) -> None:
    """Give every entry that is not approved the measure's last published status and text,
    marked as not updated this round, so drafts never become public. The replaced drafts stay
    in the audit log (this runs inside publish_round's transaction and audit context).

    One bulk update, one insert of audit events and one reindex, instead of a save (with its
    signals) per entry: publishing a round with every entry carried stays well under a second."""
    start = _starting_points(rnd)
    entries = list(
        rnd.entries.select_for_update(of=("self",))
        .select_related("round", "measure")
        .exclude(workflow_state=Workflow.APPROVED)
    )
    now = timezone.now()
    changes = []
    for entry in entries:
        before = audit_log.snapshot(entry)
        source = start.get(entry.measure_id)
        entry.status = source.status if source else None
        entry.status_label = source.status_label if source else ""
        entry.narrative = source.narrative if source else ""
        # A correction carries the corrected round's entry, marker included.
        entry.updated_this_round = bool(source and rnd.corrects_id and source.updated_this_round)
        entry.updated_at = now
        changes.append((entry, before))
    StatusEntry.objects.bulk_update(
        entries,
        ["status", "status_label", "narrative", "updated_this_round", "updated_at"],
        batch_size=500,
    )
    audit_log.bulk_record_changes(changes)
    reindex_entries([entry.pk for entry in entries])


def correct_round(user: Any, rnd: ReportingRound, *, reason: str) -> ReportingRound:
    """A published round is never edited in place: a correction is a new draft round that
    `corrects` it, starts from its entries when opened, and replaces it once published."""
    require(permissions.can_manage_round(user, rnd.plan_id))
    reason = reason.strip()
    if rnd.state != State.PUBLISHED:
        raise WorkflowError("Bare en publisert runde kan rettes.")
    if not reason:
        raise WorkflowError("Skriv hvorfor runden rettes.")
    if rnd.corrections.exclude(state=State.PUBLISHED).exists():
        raise WorkflowError("Runden har allerede en rettelse under arbeid.")
    number = rnd.corrections.count() + 2
    with (
        transaction.atomic(),
        audit_context(actor=user, action="correct_round", reason=reason),
    ):
        return ReportingRound.objects.create(
            plan=rnd.plan,
            title=f"{rnd.title} (rettet versjon {number})",
            slug=_free_slug(rnd.plan, f"{rnd.slug}-v{number}"),
            as_of=rnd.as_of,
            introduction=rnd.introduction,
            corrects=rnd,
            correction_reason=reason,
        )


# Entries.


def entry_values(entry: StatusEntry) -> dict[str, str]:
    """The values an editor changes, as text."""
    return {
        "status": entry.status or "",
        "status_label": entry.status_label,
        "narrative": entry.narrative,
    }


def _apply_values(entry: StatusEntry, status_label: str, narrative: str) -> None:
    """Set the label (the plan's own spelling of it), its status, and the narrative."""
    label, status = status_label.strip(), None
    if label:
        choice = status_choice(entry.round.plan, label)
        if choice is None:
            raise WorkflowError(unknown_status_message(entry.round.plan, label))
        label, status = choice
    entry.status_label = label
    entry.status = status
    # Stored as Markdown only: raw HTML (typed or pasted without the editor) loses its tags.
    entry.narrative = strip_raw_html(narrative.replace("\r\n", "\n").strip())


def check_narrative(narrative: str) -> None:
    """Refuse a narrative over the limit that forms, the API and imports share."""
    problem = limits.narrative_problem(narrative.replace("\r\n", "\n").strip())
    if problem:
        raise WorkflowError(problem)


def save_entry(
    user: Any,
    entry_id: int,
    *,
    expected_version: int,
    status_label: str,
    narrative: str,
    submit: bool = False,
) -> StatusEntry:
    """Save an editor's draft (and submit it, if asked). Refused with ConflictError when the
    entry's version is no longer `expected_version`; the refused text goes to the audit log."""
    check_narrative(narrative)
    yours = {"status_label": status_label, "narrative": narrative}
    conflict: StatusEntry | None = None
    with transaction.atomic():
        entry = (
            StatusEntry.objects.select_for_update()
            .select_related("round", "measure")
            .get(pk=entry_id)
        )
        entry.round.plan  # noqa: B018 - loaded for the label lookup
        require(permissions.can_edit_entry(user, entry), "Du kan ikke endre dette tiltaket nå.")
        if submit:
            require(
                permissions.can_submit_entry(user, entry),
                "Bare hovedansvarlig departement kan sende inn tiltaket.",
            )
        if entry.version != expected_version:
            conflict = entry
        else:
            _apply_values(entry, status_label, narrative)
            entry.workflow_state = Workflow.SUBMITTED if submit else Workflow.DRAFT
            entry.version += 1
            with audit_context(actor=user, action="submit" if submit else "save_draft"):
                entry.save()
    if conflict is not None:
        audit_log.record(
            conflict,
            "conflict_refused",
            entry_values(conflict) | {"version": conflict.version},
            yours | {"version": expected_version},
            reason="Lagring avvist: tiltaket var endret av en annen.",
            actor=user,
        )
        raise ConflictError(conflict, yours)
    return entry


def submit_entry(user: Any, entry_id: int, *, expected_version: int) -> StatusEntry:
    """Submit an entry as it is saved."""
    entry = StatusEntry.objects.select_related("round").get(pk=entry_id)
    return save_entry(
        user,
        entry_id,
        expected_version=expected_version,
        status_label=entry.status_label,
        narrative=entry.narrative,
        submit=True,
    )


def approve_entries(user: Any, entry_ids: list[int]) -> list[StatusEntry]:
    """Approve submitted entries, all or none."""
    if not entry_ids:
        raise WorkflowError("Velg minst ett tiltak.")
    with transaction.atomic(), audit_context(actor=user, action="approve"):
        entries = list(
            StatusEntry.objects.select_for_update().select_related("round").filter(pk__in=entry_ids)
        )
        if len(entries) != len(set(entry_ids)):
            raise WorkflowError("Fant ikke alle tiltakene.")
        for entry in entries:
            require(
                permissions.can_review_entry(user, entry),
                f"Tiltak {entry.measure.number} kan ikke godkjennes nå.",
            )
            entry.workflow_state = Workflow.APPROVED
            entry.review_comment = ""
            entry.version += 1
            entry.save()
        notifications.approved(entries, user)
    return entries


def return_entry(user: Any, entry_id: int, *, comment: str) -> StatusEntry:
    """Return a submitted entry to its editors with a comment."""
    comment = comment.strip()
    if not comment:
        raise WorkflowError("Skriv en kommentar om hva som må rettes.")
    with transaction.atomic(), audit_context(actor=user, action="return", reason=comment):
        entry = StatusEntry.objects.select_for_update().select_related("round").get(pk=entry_id)
        require(permissions.can_review_entry(user, entry), "Tiltaket kan ikke returneres nå.")
        entry.workflow_state = Workflow.RETURNED
        entry.review_comment = comment
        entry.version += 1
        entry.save()
        notifications.returned(entry, comment, user)
    return entry


# Findings.

MAX_REASON_CHARS = 2000


def acknowledge_findings(
    user: Any, rnd: ReportingRound, fingerprints: list[str], *, reason: str
) -> list[FindingAcknowledgement]:
    """Acknowledge the round's findings with these fingerprints, with a reason: they are hidden
    in this round and the plan's later rounds while their text stays the same. All or none."""
    require(
        permissions.can_acknowledge_findings(user, rnd),
        "Bare koordinator kan kvittere ut funn.",
    )
    reason = " ".join(reason.split())
    if not reason:
        raise WorkflowError("Skriv hvorfor funnet kan kvitteres ut.")
    if len(reason) > MAX_REASON_CHARS:
        raise WorkflowError(f"Begrunnelsen er for lang (høyst {MAX_REASON_CHARS} tegn).")
    wanted = set(fingerprints)
    if not wanted:
        raise WorkflowError("Velg minst ett funn.")
    rows = [
        r for r in finding_rows(rnd) or [] if r.fingerprint in wanted and r.acknowledgement is None
    ]
    if not rows and wanted:
        raise WorkflowError("Fant ikke funnene; de kan være rettet eller kvittert allerede.")
    done = []
    with (
        transaction.atomic(),
        audit_context(actor=user, action="acknowledge_finding", reason=reason),
    ):
        for row in rows:
            acknowledgement, _created = FindingAcknowledgement.objects.get_or_create(
                plan=rnd.plan,
                measure_number=row.finding.measure or "",
                code=row.finding.code,
                fingerprint=row.fingerprint,
                defaults={
                    "measure": row.entry.measure if row.entry else None,
                    "message": row.finding.message,
                    "reason": reason,
                    "round": rnd,
                    "acknowledged_by": user,
                },
            )
            done.append(acknowledgement)
    return done
