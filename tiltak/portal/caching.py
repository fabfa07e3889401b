"""Caching of public pages per data version: published rounds do not change, so pages rarely do."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.http import HttpRequest, HttpResponse

from .models import DataVersion

# How long a rendered page is kept; a change to the data makes it unused at once anyway.
DEFAULT_PAGE_SECONDS = 600


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


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serves anonymous GET requests from the cache, keyed by data version and full path."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        seconds = int(getattr(settings, "TILTAK_PAGE_CACHE_SECONDS", DEFAULT_PAGE_SECONDS))
        user = getattr(request, "user", None)
        if request.method != "GET" or seconds <= 0 or (user and user.is_authenticated):
            return view(request, *args, **kwargs)
        key = f"tiltak:page:{data_version()}:{request.get_full_path()}"
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]), seconds)
        return response

    return wrapper
