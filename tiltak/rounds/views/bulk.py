"""The editor's bulk update: download the round as XLSX, upload it edited, preview, apply."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tiltak.jobs.selectors import error_message

from .. import bulk, permissions
from ..permissions import require
from .common import round_by_id_or_404

MAX_UPLOAD = 10 * 1024 * 1024
BULK_SESSION_KEY = "tiltak_bulk"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def bulk_download(request: HttpRequest, round_id: int) -> HttpResponse:
    """The user's measures of the round as XLSX in the exchange format."""
    rnd = round_by_id_or_404(round_id)
    response = HttpResponse(bulk.export_round(request.user, rnd), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{rnd.plan.slug}-{rnd.slug}.xlsx"'
    return response


@login_required
def bulk_upload(request: HttpRequest, round_id: int) -> HttpResponse:
    """Upload an edited workbook: a preview of every change and every row error."""
    rnd = round_by_id_or_404(round_id)
    require(permissions.can_bulk_update(request.user, rnd))
    context: dict[str, Any] = {"rnd": rnd, "plan": rnd.plan}
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None or upload.size is None or upload.size > MAX_UPLOAD:
            context["error"] = "Velg en XLSX-fil på under 10 MB."
            status = 400
        else:
            preview = bulk.preview_upload(request.user, rnd, upload.read())
            token = secrets.token_urlsafe(16)
            if preview.ok and preview.changes:
                request.session[BULK_SESSION_KEY] = {
                    "token": token,
                    "round": rnd.pk,
                    "changes": preview.to_session(),
                }
            context.update({"preview": preview, "token": token})
            status = 200 if preview.ok else 422
    return render(request, "rounds/bulk.html", context, status=status)


@login_required
@require_POST
def bulk_apply(request: HttpRequest, round_id: int) -> HttpResponse:
    """Apply the previewed upload, all or nothing."""
    rnd = round_by_id_or_404(round_id)
    stored = request.session.get(BULK_SESSION_KEY) or {}
    if stored.get("round") != rnd.pk or stored.get("token") != request.POST.get("token"):
        messages.error(request, "Forhåndsvisningen er utløpt. Last opp filen på nytt.")
        return redirect("rounds:bulk_upload", round_id=rnd.pk)
    try:
        if bulk.runs_as_job(stored["changes"]):
            job_id = bulk.queue_changes(request.user, rnd, stored["changes"])
            return redirect("rounds:bulk_job", round_id=rnd.pk, job_id=job_id)
        count = bulk.apply_changes(request.user, rnd, stored["changes"])
    except bulk.BulkRefused as error:
        messages.error(request, f"Ingenting ble endret: {error}")
        return redirect("rounds:bulk_upload", round_id=rnd.pk)
    finally:
        request.session.pop(BULK_SESSION_KEY, None)
    messages.success(request, f"{count} tiltak er oppdatert.")
    return redirect("rounds:workspace")


@login_required
def bulk_job(request: HttpRequest, round_id: int, job_id: str) -> HttpResponse:
    """The progress and result of a large bulk update applied in the background; reloadable."""
    rnd = round_by_id_or_404(round_id)
    job = bulk.bulk_job(request.user, rnd, job_id)
    if job is None:
        raise Http404("Fant ikke jobben.")
    context = {"rnd": rnd, "plan": rnd.plan, "job": job, "error": error_message(job.error)}
    response = render(request, "rounds/bulk_job.html", context)
    response["Cache-Control"] = "no-store"
    return response
