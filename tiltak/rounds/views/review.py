"""The reviewer's pages: the round's review queue (approve many at once), one entry to approve
or return with a comment."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tiltak.display.narrative import render_narrative
from tiltak.jobs.selectors import round_jobs

from .. import permissions, reminders, selectors, services
from ..permissions import require
from .common import entry_context, entry_or_404, round_or_404


@login_required
def review(request: HttpRequest, plan_slug: str, round_slug: str) -> HttpResponse:
    """The round: lifecycle, the review queue (approve many at once), findings per measure."""
    rnd = round_or_404(plan_slug, round_slug)
    require(permissions.is_reader(request.user, rnd.plan_id))
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("entries") if i.isdigit()]
        try:
            done = services.approve_entries(request.user, ids)
        except services.WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{len(done)} tiltak er godkjent.")
        return redirect("rounds:review", plan_slug=plan_slug, round_slug=round_slug)
    overview = selectors.round_review(rnd)
    can_manage = permissions.can_manage_round(request.user, rnd.plan_id)
    return render(
        request,
        "rounds/review.html",
        {
            "rnd": rnd,
            "plan": rnd.plan,
            "queue": overview.queue,
            "entries": overview.entries,
            "found": overview.found,
            "can_manage": can_manage,
            "can_change_deadline": permissions.can_change_deadline(request.user, rnd),
            "missed": selectors.missed_reminders(rnd, reminders.DAYS_BEFORE),
            "jobs": round_jobs(rnd.pk) if can_manage else [],
            "today": date.today().isoformat(),
        },
    )


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
        return redirect("rounds:review", plan_slug=plan_slug, round_slug=round_slug)
    return render(request, "rounds/review_entry.html", context)
