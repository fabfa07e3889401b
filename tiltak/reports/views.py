"""The report download: published rounds only, one file per format."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from tiltak.documents.reports import FORMATS, MEDIA_TYPES

from .selectors import published_round
from .services import download_name, report_file

INLINE_FORMATS = frozenset({"html", "pdf"})


@require_safe
def download(request: HttpRequest, plan_slug: str, round_slug: str, fmt: str) -> HttpResponse:
    """The published round's report as Markdown, HTML, DOCX or PDF; 404 for anything else."""
    if fmt not in FORMATS:
        raise Http404("Ukjent format")
    rnd = published_round(plan_slug, round_slug)
    if rnd is None:
        raise Http404("Ingen publisert rapport")
    response = HttpResponse(report_file(rnd, fmt), content_type=MEDIA_TYPES[fmt])
    disposition = content_disposition_header(fmt not in INLINE_FORMATS, download_name(rnd, fmt))
    if disposition:
        response["Content-Disposition"] = disposition
    response["Cache-Control"] = "public, max-age=300"
    if fmt == "html":
        response["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:"
        )
    return response
