"""Open data views: files per plan and round, the DCAT-AP-NO catalogue, and an index (a page
for people, JSON for programs)."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from tiltak.api.caching import etag_for, max_age
from tiltak.api.selectors import data_version, public_plan, public_plans, published_round
from tiltak.caching.pages import if_none_match, serve_kept
from tiltak.display.links import site_base_url
from tiltak.plans.models import Plan
from tiltak.rounds.exchange import COLUMNS
from tiltak.rounds.models import ReportingRound

from . import services
from .negotiation import vary_on_accept, wants_html


def base_url(request: HttpRequest) -> str:
    """The site's absolute URL: TILTAK_BASE_URL, else from the request."""
    return site_base_url(request)


def file_url_resolver(request: HttpRequest) -> Callable[[Plan, ReportingRound | None, str], str]:
    """A function giving a file's absolute URL."""
    base = base_url(request)

    def url(plan: Plan, rnd: ReportingRound | None, suffix: str) -> str:
        if rnd is None:
            path = reverse("opendata:plan-file", kwargs={"plan": plan.slug, "fmt": suffix})
        else:
            path = reverse(
                "opendata:round-file",
                kwargs={"plan": plan.slug, "round": rnd.slug, "fmt": suffix},
            )
        return base + path

    return url


def _cached(
    request: HttpRequest,
    round_scoped: bool,
    build: Callable[[], HttpResponse],
    variant: str = "",
) -> HttpResponse:
    """304 when If-None-Match has the current ETag, else build()'s response, kept per data
    version; `variant` tells apart representations of one URL (the page and the JSON of /data/).
    A page for a signed-in reader (its header names them) is built afresh."""
    version = data_version()
    etag = etag_for(request, f"{version}|{variant}" if variant else version)
    cache_control = f"public, max-age={max_age(round_scoped)}"
    response: HttpResponse
    if if_none_match(request, etag):
        response = HttpResponseNotModified()
    elif variant.startswith("html") and request.user.is_authenticated:
        response = build()
    else:
        response = serve_kept(request, f"tiltak:data:{version}:{variant}", build)
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    return response


def _file(plan: Plan, rnd: ReportingRound | None, fmt: str) -> HttpResponse:
    """A download with its media type and file name."""
    kind = services.FORMATS[fmt]
    name = f"{plan.slug}-{rnd.slug}.{fmt}" if rnd is not None else f"{plan.slug}.{fmt}"
    response = HttpResponse(services.render(plan, rnd, fmt), content_type=kind.media_type)
    if fmt == "csv" or fmt == "json":
        response["Content-Type"] = f"{kind.media_type}; charset=utf-8"
    disposition = "inline" if fmt == "json" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


@require_safe
def plan_file(request: HttpRequest, plan: str, fmt: str) -> HttpResponse:
    """All published rounds of a plan in one file."""
    found = public_plan(plan)
    if found is None:
        raise Http404("no published plan")
    return _cached(request, False, lambda: _file(found, None, fmt))


@require_safe
def round_file(request: HttpRequest, plan: str, round: str, fmt: str) -> HttpResponse:
    """One published round of a plan."""
    found = public_plan(plan)
    rnd = published_round(found, round) if found is not None else None
    if found is None or rnd is None:
        raise Http404("no published round")
    return _cached(request, True, lambda: _file(found, rnd, fmt))


@require_safe
def dcat_jsonld(request: HttpRequest) -> HttpResponse:
    """The DCAT-AP-NO catalogue as JSON-LD."""

    def build() -> HttpResponse:
        document = services.dcat_catalogue(base_url(request), file_url_resolver(request))
        return HttpResponse(
            json.dumps(document, ensure_ascii=False, indent=1),
            content_type="application/ld+json; charset=utf-8",
        )

    return _cached(request, False, build)


@require_safe
def dcat_turtle(request: HttpRequest) -> HttpResponse:
    """The DCAT-AP-NO catalogue as Turtle."""

    def build() -> HttpResponse:
        document = services.dcat_catalogue(base_url(request), file_url_resolver(request))
        return HttpResponse(
            services.dcat_turtle(document), content_type="text/turtle; charset=utf-8"
        )

    return _cached(request, False, build)


def _index_json(request: HttpRequest) -> HttpResponse:
    """The JSON list of the downloads, with links to the catalogue."""
    base = base_url(request)
    resolve = file_url_resolver(request)
    return JsonResponse(
        {
            "license": services.data_license(),
            "dcat": {
                "jsonld": base + reverse("opendata:dcat-jsonld"),
                "turtle": base + reverse("opendata:dcat-turtle"),
            },
            "plans": [
                {
                    "plan": p.slug,
                    "plan_title": p.title,
                    "files": [
                        {
                            "round": d.rnd.slug if d.rnd else None,
                            "format": d.fmt.suffix,
                            "url": d.url,
                        }
                        for d in services.downloads(p, resolve)
                    ],
                }
                for p in public_plans()
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _index_html(request: HttpRequest) -> HttpResponse:
    """The page for people: what each file holds, its licence, formats and last change."""
    licence = services.data_license()
    context = {
        "plans": services.plan_files(file_url_resolver(request)),
        "license_url": licence,
        "license_name": services.license_name(licence),
        "nlod": services.NLOD,
        "columns": [(c, str(services.COLUMN_DESCRIPTIONS.get(c, ""))) for c in COLUMNS],
        "formats": services.FORMATS.values(),
        "json_url": reverse("opendata:index") + "?format=json",
    }
    return render(request, "opendata/index.html", context)


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """The downloads: a page for people, JSON for clients that ask for it (Vary: Accept)."""
    html = wants_html(request)
    build = (lambda: _index_html(request)) if html else (lambda: _index_json(request))
    # The page is in the reader's language, so its ETag names the language too.
    variant = f"html|{get_language()}" if html else ""
    response = vary_on_accept(_cached(request, False, build, variant=variant))
    if html:
        # The language cookie picks the page's language too (LocaleMiddleware adds
        # Accept-Language), so caches between must not give one reader's choice to another.
        patch_vary_headers(response, ["Cookie"])
    return response
