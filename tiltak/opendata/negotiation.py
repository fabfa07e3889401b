"""Content negotiation for pages that serve people and programs at one address."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

HTML = "text/html"
JSON = "application/json"


def wants_html(request: HttpRequest) -> bool:
    """Whether to answer with the page for people rather than JSON.

    `?format=json` (or `html`) decides; else the Accept header, with JSON when the client
    states no preference (no Accept, or */*), as clients got before there was a page.
    """
    chosen = request.GET.get("format", "").strip().lower()
    if chosen in {"json", "html"}:
        return chosen == "html"
    return request.get_preferred_type([JSON, HTML]) == HTML


def vary_on_accept(response: HttpResponse) -> HttpResponse:
    """The response marked as depending on the Accept header (for caches between)."""
    patch_vary_headers(response, ["Accept"])
    return response
