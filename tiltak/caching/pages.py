"""Keeping whole HTTP responses in the cache, and answering If-None-Match."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified

# How long a rendered page is kept; a change to the data makes it unused at once anyway.
DEFAULT_PAGE_SECONDS = 600
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "ETag", "Cache-Control", "Vary")


def page_seconds() -> int:
    """How long a kept response is kept: TILTAK_PAGE_CACHE_SECONDS (0: nothing is kept)."""
    return int(getattr(settings, "TILTAK_PAGE_CACHE_SECONDS", DEFAULT_PAGE_SECONDS))


def if_none_match(request: HttpRequest, etag: str) -> bool:
    """Whether If-None-Match names this ETag (weak or strong) or is "*"."""
    header = request.headers.get("If-None-Match", "")
    tags = {t.strip().removeprefix("W/") for t in header.split(",") if t.strip()}
    return "*" in tags or etag in tags


def serve_kept(
    request: HttpRequest,
    key_prefix: str,
    produce: Callable[[], HttpResponse],
    keep: Callable[[HttpResponse], bool] = lambda response: True,
) -> HttpResponse:
    """The response kept under `key_prefix` and the full path (304 when it has an ETag the
    client names), else `produce()`'s, kept when it is a whole 200 that `keep` accepts."""
    key = f"{key_prefix}:{request.get_full_path()}"
    stored = cache.get(key)
    if stored is not None:
        content, headers = stored
        if "ETag" in headers and if_none_match(request, headers["ETag"]):
            response: HttpResponse = HttpResponseNotModified()
            for name in ("ETag", "Cache-Control"):
                if name in headers:
                    response[name] = headers[name]
            return response
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        return response
    response = produce()
    if response.status_code == 200 and not response.streaming and keep(response):
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        cache.set(key, (response.content, headers), page_seconds())
    return response
