"""Caching of public pages per data version: published rounds do not change, so pages rarely do."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified

from .models import DataVersion

# How long a rendered page is kept; a change to the data makes it unused at once anyway.
DEFAULT_PAGE_SECONDS = 600
KEPT_HEADERS = ("Content-Type", "ETag", "Cache-Control", "Vary")


def data_version() -> int:
    """The current data version (one primary-key lookup)."""
    return DataVersion.objects.filter(pk=1).values_list("value", flat=True).first() or 0


def bump_data_version() -> None:
    """Moves the data version on; call after bulk changes that send no model signals."""
    if not DataVersion.objects.filter(pk=1).update(value=F("value") + 1):
        DataVersion.objects.get_or_create(pk=1, defaults={"value": 1})


def on_change(sender: type, **kwargs: Any) -> None:
    """Signal receiver: a saved or deleted row the public can see moves the version on."""
    if not kwargs.get("raw") and is_public(kwargs.get("instance")):
        bump_data_version()


def is_public(instance: Any) -> bool:
    """False for the status entries of an unpublished round: editors saving drafts during a
    round must not empty the public pages' cache (publishing the round moves it on)."""
    from tiltak.plans.models import ReportingRound, StatusEntry

    if not isinstance(instance, StatusEntry):
        return True
    return ReportingRound.objects.filter(
        pk=instance.round_id, state=ReportingRound.State.PUBLISHED
    ).exists()


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


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serves anonymous GET requests from the cache, keyed by data version and full path."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = getattr(request, "user", None)
        if request.method != "GET" or page_seconds() <= 0 or (user and user.is_authenticated):
            return view(request, *args, **kwargs)
        return serve_kept(
            request, f"tiltak:page:{data_version()}", lambda: view(request, *args, **kwargs)
        )

    return wrapper
