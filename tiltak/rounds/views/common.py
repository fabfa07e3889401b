"""Lookups and the entry page's context, shared by the editors' and the reviewers' views."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from tiltak.display.narrative import render_narrative
from tiltak.rounds.models import ReportingRound, StatusEntry

from .. import permissions, selectors
from ..comments import MAX_COMMENT_CHARS


def entry_or_404(entry_id: int) -> StatusEntry:
    """The entry with everything its page shows, or 404."""
    entry = selectors.entry_by_id(entry_id)
    if entry is None:
        raise Http404("Fant ikke tiltaket.")
    return entry


def round_or_404(plan_slug: str, round_slug: str) -> ReportingRound:
    """The plan's round with this slug, or 404."""
    rnd = selectors.round_for(plan_slug, round_slug)
    if rnd is None:
        raise Http404("Fant ikke runden.")
    return rnd


def round_by_id_or_404(round_id: int) -> ReportingRound:
    """The round with this id, or 404."""
    rnd = selectors.round_by_id(round_id)
    if rnd is None:
        raise Http404("Fant ikke runden.")
    return rnd


def entry_context(request: HttpRequest, entry: StatusEntry) -> dict[str, Any]:
    """What the edit and review pages show besides the form."""
    user = request.user
    show_findings = entry.round.state != ReportingRound.State.DRAFT
    may_see_history = permissions.can_view_measure_audit(user, entry)
    whole_history = request.GET.get("historikk") == "alle"
    history_limit = None if whole_history else selectors.HISTORY_SHOWN
    previous = selectors.last_published_entry(entry)
    return {
        "previous": previous,
        "previous_html": render_narrative(previous.narrative) if previous else "",
        "entry": entry,
        "narrative_html": render_narrative(entry.narrative),
        "rnd": entry.round,
        "plan": entry.round.plan,
        "measure": entry.measure,
        "responsibilities": selectors.responsibilities(entry),
        "labels": selectors.plan_status_labels(entry.round.plan),
        "can_edit": permissions.can_edit_entry(user, entry),
        "can_submit": permissions.can_submit_entry(user, entry),
        "can_review": permissions.can_review_entry(user, entry),
        "history": selectors.measure_history(
            entry.measure_id, current_round_id=entry.round_id, limit=history_limit
        )
        if may_see_history
        else None,
        "history_total": selectors.measure_history_count(entry.measure_id)
        if may_see_history
        else 0,
        "findings": selectors.entry_findings(entry.round, entry.measure.number)
        if show_findings
        else [],
        **comment_context(request, entry),
    }


def comment_context(request: HttpRequest, entry: StatusEntry) -> dict[str, Any]:
    """The entry's comment thread, for those who may read it (rounds/_comments.html)."""
    if not permissions.can_view_comments(request.user, entry):
        return {"comments": None, "can_comment": False}
    return {
        "comments": selectors.entry_comments(entry),
        "can_comment": permissions.can_comment_entry(request.user, entry),
        "comment_max": MAX_COMMENT_CHARS,
    }
