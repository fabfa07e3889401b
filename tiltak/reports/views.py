"""The report download: published rounds only, one file per format. A report not rendered yet
is rendered by a job (tiltak.jobs); meanwhile the download answers with a page saying so."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from tiltak.documents.reports import FORMATS, MEDIA_TYPES
from tiltak.jobs.selectors import report_job
from tiltak.jobs.services import queue_report
from tiltak.rounds.models import ReportingRound

from .selectors import published_round
from .services import download_name, stored_report

INLINE_FORMATS = frozenset({"html", "pdf"})
RETRY_AFTER_SECONDS = 5


@require_safe
def download(request: HttpRequest, plan_slug: str, round_slug: str, fmt: str) -> HttpResponse:
    """The published round's report as Markdown, HTML, DOCX or PDF; 404 for anything else."""
    if fmt not in FORMATS:
        raise Http404("Ukjent format")
    rnd = published_round(plan_slug, round_slug)
    if rnd is None:
        raise Http404("Ingen publisert rapport")
    data = stored_report(rnd, fmt)
    if data is None:
        queue_report(rnd.pk, fmt)  # with TILTAK_JOBS=immediate the job has run already
        data = stored_report(rnd, fmt)
    if data is None:
        return _pending(request, rnd, fmt)
    response = HttpResponse(data, content_type=MEDIA_TYPES[fmt])
    disposition = content_disposition_header(fmt not in INLINE_FORMATS, download_name(rnd, fmt))
    if disposition:
        response["Content-Disposition"] = disposition
    response["Cache-Control"] = "public, max-age=300"
    if fmt == "html":
        response["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:"
        )
    return response


def _pending(request: HttpRequest, rnd: ReportingRound, fmt: str) -> HttpResponse:
    """«Rapporten lages»: 202 with the job's state, never cached."""
    context = {"rnd": rnd, "fmt": fmt, "job": report_job(rnd.pk, fmt)}
    response = render(request, "jobs/report_pending.html", context, status=202)
    response["Cache-Control"] = "no-store"
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
