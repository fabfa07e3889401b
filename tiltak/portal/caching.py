"""Caching of public pages per data version: published rounds do not change, so pages rarely do."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from tiltak.caching.pages import page_seconds, serve_kept
from tiltak.caching.version import bump_data_version, data_version


def on_change(sender: type, **kwargs: Any) -> None:
    """Signal receiver: a saved or deleted row the public can see moves the version on."""
    if not kwargs.get("raw") and is_public(kwargs.get("instance")):
        bump_data_version()


def is_public(instance: Any) -> bool:
    """False for the status entries of an unpublished round: editors saving drafts during a
    round must not empty the public pages' cache (publishing the round moves it on)."""
    from tiltak.rounds.models import ReportingRound, StatusEntry

    if not isinstance(instance, StatusEntry):
        return True
    return ReportingRound.objects.filter(
        pk=instance.round_id, state=ReportingRound.State.PUBLISHED
    ).exists()


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serves anonymous GET requests from the cache, keyed by data version, language and full
    path."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = getattr(request, "user", None)
        if request.method != "GET" or page_seconds() <= 0 or (user and user.is_authenticated):
            return view(request, *args, **kwargs)
        # One address has a page per language (LocaleMiddleware has picked it by now).
        language = get_language() or settings.LANGUAGE_CODE
        return serve_kept(
            request,
            f"tiltak:page:{data_version()}:{language}",
            lambda: view(request, *args, **kwargs),
        )

    return wrapper
