"""The reviewer's pages: the round's review queue (filtered; approve many at once), its findings
(filtered; acknowledge with a reason), one entry to approve or return with a comment."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tiltak.display.narrative import render_narrative
from tiltak.jobs.selectors import round_jobs

from .. import permissions, reminders, selectors, services
from ..permissions import require
from ..review import (
    ALL_STATES,
    SEVERITIES,
    ReviewFilters,
    open_fingerprints,
    review_findings,
    review_queue,
)
from .common import entry_context, entry_or_404, round_or_404


def _back(plan_slug: str, round_slug: str, filters: ReviewFilters) -> HttpResponse:
    """Back to the round page with the same filters."""
    url = reverse("rounds:review", args=[plan_slug, round_slug])
    query = filters.query()
    return redirect(f"{url}?{query}" if query else url)


@login_required
def review(request: HttpRequest, plan_slug: str, round_slug: str) -> HttpResponse:
    """The round: lifecycle, the review queue filtered by ministry and state (approve the
    chosen ones or all submitted), the findings filtered by ministry and severity."""
    rnd = round_or_404(plan_slug, round_slug)
    require(permissions.is_reader(request.user, rnd.plan_id))
    if request.method == "POST":
        filters = ReviewFilters.from_query(request.POST)
        if request.POST.get("action") == "approve_all":
            ids = review_queue(rnd, filters).submitted_ids
        else:
            ids = [int(i) for i in request.POST.getlist("entries") if i.isdigit()]
        try:
            done = services.approve_entries(request.user, ids)
        except services.WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{len(done)} tiltak er godkjent.")
        return _back(plan_slug, round_slug, filters)
    filters = ReviewFilters.from_query(request.GET)
    queue = review_queue(rnd, filters)
    can_manage = permissions.can_manage_round(request.user, rnd.plan_id)
    return render(
        request,
        "rounds/review.html",
        {
            "rnd": rnd,
            "plan": rnd.plan,
            "queue": queue,
            "filters": filters,
            "filter_query": filters.query(),
            "findings": review_findings(rnd, filters),
            "can_manage": can_manage,
            "can_acknowledge": permissions.can_acknowledge_findings(request.user, rnd),
            "can_change_deadline": permissions.can_change_deadline(request.user, rnd),
            "can_download_draft": permissions.can_download_draft_report(request.user, rnd),
            "missed": selectors.missed_reminders(rnd, reminders.DAYS_BEFORE),
            "jobs": round_jobs(rnd.pk) if can_manage else [],
            "today": date.today().isoformat(),
            "severities": SEVERITIES,
            "all_states": ALL_STATES,
        },
    )


@login_required
@require_POST
def acknowledge(request: HttpRequest, plan_slug: str, round_slug: str) -> HttpResponse:
    """Acknowledge the chosen findings (or every shown one of a check) with a reason."""
    rnd = round_or_404(plan_slug, round_slug)
    filters = ReviewFilters.from_query(request.POST)
    fingerprints = request.POST.getlist("funn")
    group = request.POST.get("gruppe")
    if group:
        fingerprints = open_fingerprints(rnd, filters, group)
    try:
        done = services.acknowledge_findings(
            request.user, rnd, fingerprints, reason=request.POST.get("reason", "")
        )
    except services.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{len(done)} funn er kvittert ut.")
    return _back(plan_slug, round_slug, filters)


@login_required
def review_entry(
    request: HttpRequest, plan_slug: str, round_slug: str, entry_id: int
) -> HttpResponse:
    """One submitted entry: approve, or return with a comment."""
    rnd = round_or_404(plan_slug, round_slug)
    entry = entry_or_404(entry_id)
    if entry.round_id != rnd.pk:
        raise Http404("Tiltaket hører ikke til runden.")
    require(permissions.is_reader(request.user, rnd.plan_id))
    context = entry_context(request, entry)
    context["narrative_html"] = render_narrative(entry.narrative)
    filters = ReviewFilters.from_query(request.GET)
    context["filter_query"] = filters.query()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "approve":
                services.approve_entries(request.user, [entry.pk])
                messages.success(request, f"Tiltak {entry.measure.number} er godkjent.")
            elif action == "return":
                services.return_entry(
                    request.user, entry.pk, comment=request.POST.get("comment", "")
                )
                messages.success(request, f"Tiltak {entry.measure.number} er returnert.")
            else:
                return HttpResponse("Ukjent handling.", status=400)
        except services.WorkflowError as error:
            context["error"] = str(error)
            return render(request, "rounds/review_entry.html", context, status=400)
        return _back(plan_slug, round_slug, filters)
    return render(request, "rounds/review_entry.html", context)
