"""The coordinator's pages: the plans' rounds, a new round, the lifecycle (open with a deadline,
close, reopen, correct), progress and reminders, publishing and the audit log."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from tiltak.documents.reports import DRAFT_FORMATS, MEDIA_TYPES
from tiltak.plans.selectors import plan_by_slug
from tiltak.reports.services import draft_download_name, draft_report_bytes

from .. import audit_export, permissions, reminders, selectors, services
from ..permissions import require
from .common import round_or_404


@login_required
def coordinator_home(request: HttpRequest) -> HttpResponse:
    """The plans the user coordinates, their rounds, and a form for a new round."""
    rows = selectors.coordinated_rounds(request.user)
    require(bool(rows), "Du er ikke koordinator for noen plan.")
    return render(request, "rounds/coordinator_home.html", {"rows": rows})


@login_required
@require_POST
def create_round(request: HttpRequest, plan_slug: str) -> HttpResponse:
    """Create a draft round."""
    plan = plan_by_slug(plan_slug)
    if plan is None:
        raise Http404("Fant ikke planen.")
    try:
        rnd = services.create_round(
            request.user,
            plan,
            title=request.POST.get("title", ""),
            as_of=request.POST.get("as_of", "").strip(),
        )
    except services.WorkflowError as error:
        messages.error(request, str(error))
        return redirect("rounds:coordinator")
    messages.success(request, f"Runden «{rnd.title}» er opprettet som utkast.")
    return redirect("rounds:review", plan_slug=plan.slug, round_slug=rnd.slug)


@login_required
@require_POST
def lifecycle(request: HttpRequest, plan_slug: str, round_slug: str) -> HttpResponse:
    """Open (with a deadline), close, reopen or correct the round."""
    rnd = round_or_404(plan_slug, round_slug)
    action = request.POST.get("action")
    target = rnd
    try:
        if action == "open":
            try:
                deadline = date.fromisoformat(request.POST.get("deadline", ""))
            except ValueError:
                raise services.WorkflowError("Skriv fristen som en dato (ÅÅÅÅ-MM-DD).") from None
            services.open_round(request.user, rnd, deadline=deadline)
            messages.success(request, "Runden er åpnet for rapportering.")
        elif action == "close":
            services.close_round(request.user, rnd)
            messages.success(request, "Runden er lukket.")
        elif action == "reopen":
            services.reopen_round(request.user, rnd)
            messages.success(request, "Runden er åpnet igjen.")
        elif action == "correct":
            target = services.correct_round(
                request.user, rnd, reason=request.POST.get("reason", "")
            )
            messages.success(request, f"Rettelsen «{target.title}» er opprettet som utkast.")
        else:
            return HttpResponse("Ukjent handling.", status=400)
    except services.WorkflowError as error:
        messages.error(request, str(error))
    return redirect("rounds:review", plan_slug=plan_slug, round_slug=target.slug)


@login_required
@require_POST
def change_deadline(request: HttpRequest, plan_slug: str, round_slug: str) -> HttpResponse:
    """Change or extend the open round's deadline; editors with open entries are told."""
    rnd = round_or_404(plan_slug, round_slug)
    try:
        try:
            deadline = date.fromisoformat(request.POST.get("deadline", ""))
        except ValueError:
            raise services.WorkflowError("Skriv fristen som en dato (ÅÅÅÅ-MM-DD).") from None
        rnd = services.change_deadline(request.user, rnd, deadline=deadline)
    except services.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Fristen er endret til {date_format(deadline, 'j. F Y')}. "
            "Redaktører med tiltak som ikke er sendt inn, får e-post.",
        )
    return redirect("rounds:review", plan_slug=plan_slug, round_slug=round_slug)


@login_required
def progress(request: HttpRequest, plan_slug: str, round_slug: str) -> HttpResponse:
    """Progress per organisation as bars and as a table; send a reminder."""
    rnd = round_or_404(plan_slug, round_slug)
    require(permissions.is_reader(request.user, rnd.plan_id))
    if request.method == "POST":
        try:
            count = reminders.remind_now(request.user, rnd)
        except ValueError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Påminnelse sendt til {count} redaktører.")
        return redirect("rounds:progress", plan_slug=plan_slug, round_slug=round_slug)
    rows = selectors.round_progress(rnd)
    return render(
        request,
        "rounds/progress.html",
        {
            "rnd": rnd,
            "plan": rnd.plan,
            "rows": rows,
            "totals": selectors.progress_totals(rows),
            "can_manage": permissions.can_manage_round(request.user, rnd.plan_id),
            "missed": selectors.missed_reminders(rnd, reminders.DAYS_BEFORE),
        },
    )


@login_required
def publish(request: HttpRequest, plan_slug: str, round_slug: str) -> HttpResponse:
    """The findings again, and publishing (with an override reason when errors are left)."""
    rnd = round_or_404(plan_slug, round_slug)
    require(permissions.is_reader(request.user, rnd.plan_id))
    context: dict[str, Any] = {"rnd": rnd, "plan": rnd.plan}
    status = 200
    if request.method == "POST":
        try:
            services.publish_round(
                request.user, rnd, override_reason=request.POST.get("override_reason", "")
            )
        except (services.PublishBlocked, services.WorkflowError) as error:
            context["error"] = str(error)
            status = 400
        else:
            messages.success(request, "Runden er publisert.")
            return redirect("rounds:review", plan_slug=plan_slug, round_slug=round_slug)
    overview = selectors.publish_overview(rnd)
    context.update(
        {
            "found": overview.found,
            "by_state": overview.by_state,
            "approved": overview.approved,
            "unapproved": overview.unapproved,
            "can_publish": permissions.can_publish_round(request.user, rnd),
        }
    )
    return render(request, "rounds/publish.html", context, status=status)


@login_required
def audit_csv(request: HttpRequest, plan_slug: str, round_slug: str) -> HttpResponse:
    """The plan's audit log (this round and the plan itself) as CSV."""
    rnd = round_or_404(plan_slug, round_slug)
    if not permissions.can_view_audit(request.user, rnd.plan_id):
        raise PermissionDenied("Bare koordinator og administrator kan laste ned loggen.")
    response = HttpResponse(audit_export.audit_csv(rnd), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{audit_export.audit_filename(rnd)}"'
    return response


@login_required
def draft_report(request: HttpRequest, plan_slug: str, round_slug: str, fmt: str) -> HttpResponse:
    """The unpublished round's report as it stands, marked «UTKAST»: PDF or Word, for the
    coordinator; rendered in the request, never stored or cached."""
    if fmt not in DRAFT_FORMATS:
        raise Http404("Ukjent format")
    rnd = round_or_404(plan_slug, round_slug)
    data = draft_report_bytes(request.user, rnd, fmt)
    response = HttpResponse(data, content_type=MEDIA_TYPES[fmt])
    disposition = content_disposition_header(True, draft_download_name(rnd, fmt))
    if disposition:
        response["Content-Disposition"] = disposition
    response["Cache-Control"] = "private, no-store"
    return response
