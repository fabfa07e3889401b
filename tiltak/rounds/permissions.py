"""Who may do what: the single source of truth that services, views and commands call.

Roles: administrator (active staff or superuser: everything); coordinator of a plan and reader
of a plan (PlanRole); editor for an organisation (Profile.organisation with is_editor). An
editor edits the entries of measures their organisation is responsible for while the round is
open; for a co-owned measure only the lead organisation (position 0) submits. An entry's
comment thread is between its editors and the plan's coordinators. Links between the
measures of two plans (tiltak.lineage) are decided by the coordinator of either plan. Plans
are imported (tiltak.imports) by administrators and coordinators.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from tiltak.accounts import selectors as accounts
from tiltak.accounts.models import PlanRole
from tiltak.plans.models import Measure, Plan

from .models import ReportingRound, StatusEntry

Workflow = StatusEntry.Workflow
State = ReportingRound.State
EDITABLE = frozenset({Workflow.NOT_STARTED, Workflow.DRAFT, Workflow.RETURNED})


def require(allowed: bool, message: str = "Du har ikke tilgang til dette.") -> None:
    """Raise PermissionDenied (HTTP 403 in views) unless `allowed`."""
    if not allowed:
        raise PermissionDenied(message)


def is_signed_in(user: Any) -> bool:
    """An active, authenticated user."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_admin(user: Any) -> bool:
    """An administrator: active staff or superuser."""
    return is_signed_in(user) and bool(user.is_superuser or user.is_staff)


def editor_organisation_id(user: Any) -> int | None:
    """The organisation the user edits for, if the user is an editor."""
    if not is_signed_in(user):
        return None
    cached = getattr(user, "_tiltak_org", False)
    if cached is not False:
        return cached
    org_id = accounts.editor_organisation_id(user)
    user._tiltak_org = org_id
    return org_id


def plan_roles(user: Any, plan: Plan | int) -> set[str]:
    """The user's roles on the plan (coordinator, reader)."""
    if not is_signed_in(user):
        return set()
    plan_id = plan if isinstance(plan, int) else plan.pk
    cache: dict[int, set[str]] = user.__dict__.setdefault("_tiltak_roles", {})
    if plan_id not in cache:
        cache[plan_id] = accounts.plan_role_names(user, plan_id)
    return cache[plan_id]


def is_coordinator(user: Any, plan: Plan | int) -> bool:
    """Coordinator of the plan, or administrator."""
    return is_admin(user) or PlanRole.Role.COORDINATOR in plan_roles(user, plan)


def is_reader(user: Any, plan: Plan | int) -> bool:
    """May read the plan's unpublished rounds: reader, coordinator or administrator."""
    return is_coordinator(user, plan) or PlanRole.Role.READER in plan_roles(user, plan)


def entry_organisation_ids(entry: StatusEntry) -> list[int]:
    """The responsible organisations of the entry's measure, lead first."""
    cached = getattr(entry, "_tiltak_orgs", None)
    if cached is None:
        cached = list(
            entry.measure.responsibilities.order_by("position").values_list(
                "organisation_id", flat=True
            )
        )
        entry._tiltak_orgs = cached  # type: ignore[attr-defined]
    return cached


def is_entry_editor(user: Any, entry: StatusEntry) -> bool:
    """An editor of one of the measure's responsible organisations."""
    org = editor_organisation_id(user)
    return org is not None and org in entry_organisation_ids(entry)


def is_entry_lead(user: Any, entry: StatusEntry) -> bool:
    """An editor of the measure's lead organisation."""
    org = editor_organisation_id(user)
    orgs = entry_organisation_ids(entry)
    return org is not None and bool(orgs) and orgs[0] == org


def can_view_round(user: Any, rnd: ReportingRound) -> bool:
    """Published rounds are public; others need a role on the plan or measures in the round."""
    if rnd.state == State.PUBLISHED:
        return True
    if is_reader(user, rnd.plan_id):
        return True
    org = editor_organisation_id(user)
    return (
        org is not None
        and rnd.state in {State.OPEN, State.CLOSED}
        and rnd.entries.filter(measure__responsibilities__organisation_id=org).exists()
    )


def can_view_entry(user: Any, entry: StatusEntry) -> bool:
    """Public once published; else readers of the plan and the measure's editors."""
    rnd = entry.round
    if rnd.state == State.PUBLISHED or is_reader(user, rnd.plan_id):
        return True
    return rnd.state in {State.OPEN, State.CLOSED} and is_entry_editor(user, entry)


def can_edit_entry(user: Any, entry: StatusEntry) -> bool:
    """The measure's editors (any responsible organisation) or an administrator, while the
    round is open and the entry is not submitted or approved."""
    if entry.round.state != State.OPEN or entry.workflow_state not in EDITABLE:
        return False
    return is_admin(user) or is_entry_editor(user, entry)


def can_submit_entry(user: Any, entry: StatusEntry) -> bool:
    """The lead organisation's editors (or an administrator; the coordinator when the measure
    has no responsible organisation) submit an editable entry."""
    if entry.round.state != State.OPEN or entry.workflow_state not in EDITABLE:
        return False
    if is_admin(user) or is_entry_lead(user, entry):
        return True
    return not entry_organisation_ids(entry) and is_coordinator(user, entry.round.plan_id)


def can_review_entry(user: Any, entry: StatusEntry) -> bool:
    """The plan's coordinator approves or returns a submitted entry of an open or closed round."""
    return (
        entry.workflow_state == Workflow.SUBMITTED
        and entry.round.state in {State.OPEN, State.CLOSED}
        and is_coordinator(user, entry.round.plan_id)
    )


def can_view_comments(user: Any, entry: StatusEntry) -> bool:
    """An entry's comment thread: its editors, the plan's coordinators, administrators. Never
    the public, and not the plan's readers."""
    return is_coordinator(user, entry.round.plan_id) or is_entry_editor(user, entry)


def can_comment_entry(user: Any, entry: StatusEntry) -> bool:
    """Write in the thread while the round is open or closed (review goes on when closed)."""
    return entry.round.state in {State.OPEN, State.CLOSED} and can_view_comments(user, entry)


def can_change_deadline(user: Any, rnd: ReportingRound) -> bool:
    """Change or extend the deadline of an open round: the coordinator."""
    return rnd.state == State.OPEN and is_coordinator(user, rnd.plan_id)


def can_manage_round(user: Any, plan: Plan | int) -> bool:
    """Create, open, close, publish and correct rounds, send reminders: the coordinator."""
    return is_coordinator(user, plan)


def can_acknowledge_findings(user: Any, rnd: ReportingRound) -> bool:
    """Acknowledge a finding with a reason, so it stops repeating: the plan's coordinator."""
    return is_coordinator(user, rnd.plan_id)


def can_download_draft_report(user: Any, rnd: ReportingRound) -> bool:
    """The draft report («UTKAST») of an unpublished round, unapproved text included: the
    plan's coordinator only (never the public, not the plan's readers)."""
    return rnd.state != State.PUBLISHED and is_coordinator(user, rnd.plan_id)


def can_publish_round(user: Any, rnd: ReportingRound) -> bool:
    """The coordinator publishes an open or closed round."""
    return rnd.state in {State.OPEN, State.CLOSED} and is_coordinator(user, rnd.plan_id)


def can_bulk_update(user: Any, rnd: ReportingRound) -> bool:
    """Anyone who may edit some entry of the open round may upload a spreadsheet."""
    if rnd.state != State.OPEN:
        return False
    return is_admin(user) or editor_organisation_id(user) is not None


def can_view_audit(user: Any, plan: Plan | int) -> bool:
    """The whole log of a plan: its coordinator and administrators."""
    return is_coordinator(user, plan)


def can_view_measure_audit(user: Any, entry: StatusEntry) -> bool:
    """A measure's history: its editors, the plan's coordinator, administrators."""
    return is_coordinator(user, entry.round.plan_id) or is_entry_editor(user, entry)


def can_link_plans(user: Any, plan_a: Plan | int, plan_b: Plan | int) -> bool:
    """Review the links from plan A's measures to plan B's: the coordinator of either plan."""
    return is_coordinator(user, plan_a) or is_coordinator(user, plan_b)


def can_link_measures(user: Any, measure: Measure, successor: Measure) -> bool:
    """Suggest, confirm, reject or undo a link from `measure` to `successor` (in another plan):
    the coordinator of either measure's plan, or an administrator."""
    return can_link_plans(user, measure.plan_id, successor.plan_id)


def can_import(user: Any, plan: Plan | int | None = None) -> bool:
    """Import a document or add measures by hand: into a plan, its coordinator; as a new plan,
    an administrator or anyone who coordinates some plan."""
    if plan is not None:
        return is_coordinator(user, plan)
    return is_admin(user) or (is_signed_in(user) and accounts.coordinates_any_plan(user))


def can_manage_api_token(user: Any, owner_id: int) -> bool:
    """A personal API token: its owner lists and revokes it; an administrator revokes any."""
    return is_admin(user) or (is_signed_in(user) and user.pk == owner_id)


def can_use_admin(user: Any) -> bool:
    """Django's admin: administrators only."""
    return is_admin(user)


def can_manage_access(user: Any, plan: Plan | int) -> bool:
    """Invite people to a plan (editors, coordinators, readers) and take access away: the
    coordinator. Registered with `tiltak.accounts.policy`, which the accounts services ask."""
    return is_coordinator(user, plan)
