"""HTTP caching for API responses: ETag from the data's version, If-None-Match, Cache-Control."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers

from tiltak.caching.pages import if_none_match, page_seconds, serve_kept

from .selectors import data_version

# Seconds a client or proxy may reuse a response without asking again.
DEFAULT_MAX_AGE = 60
ROUND_MAX_AGE = 3600  # a published round is final; what changes is mostly the rest


def max_age(round_scoped: bool) -> int:
    """Max-age from settings TILTAK_API_MAX_AGE / TILTAK_API_ROUND_MAX_AGE, else the defaults."""
    if round_scoped:
        return int(getattr(settings, "TILTAK_API_ROUND_MAX_AGE", ROUND_MAX_AGE))
    return int(getattr(settings, "TILTAK_API_MAX_AGE", DEFAULT_MAX_AGE))


def etag_for(request: HttpRequest, version: str) -> str:
    """A strong ETag for this URL (path and query) at this data version."""
    key = f"{version}|{request.path}|{request.META.get('QUERY_STRING', '')}"
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def conditional(
    round_scoped: bool | Callable[[dict[str, Any]], bool] = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a ninja view taking `response: HttpResponse`: ETag, Cache-Control and 304.

    round_scoped (or a function of the view's arguments) picks the longer max-age for
    responses about one explicitly named published round.
    """

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            scoped = round_scoped(kwargs) if callable(round_scoped) else round_scoped
            etag = etag_for(request, data_version())
            cache_control = f"public, max-age={max_age(scoped)}"
            if if_none_match(request, etag):
                not_modified = HttpResponseNotModified()
                not_modified["ETag"] = etag
                not_modified["Cache-Control"] = cache_control
                return not_modified
            response: HttpResponse = kwargs["response"]
            response["ETag"] = etag
            response["Cache-Control"] = cache_control
            patch_vary_headers(response, ["Accept-Encoding"])
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


class PublicResponseCache:
    """Middleware: the public API's responses, kept per data version like the portal's pages.

    Only GET requests without credentials under /api/ whose response the API marked
    `Cache-Control: public` are kept, so token-authenticated answers never are; a change to the
    published data moves the version on and makes every kept response unused at once.
    """

    PREFIX = "/api/"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method != "GET"
            or page_seconds() <= 0
            or not request.path.startswith(self.PREFIX)
            or "HTTP_AUTHORIZATION" in request.META
        ):
            return self.get_response(request)
        return serve_kept(
            request,
            f"tiltak:api:{data_version()}",
            lambda: self.get_response(request),
            keep=lambda response: (
                response.get("Cache-Control", "").startswith("public")
                and response.has_header("ETag")
            ),
        )
