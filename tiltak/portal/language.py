"""The interface languages: a plain link per language that sets the language cookie and goes
back, and the rule that only the public pages change language.

A link (GET) rather than Django's `set_language` form (POST) because the public pages are kept
whole in the page cache: a form would need a CSRF token, which must not be shared between
readers. The cookie only records a preference, so a crawler following the links does no harm.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

NEXT = "neste"
PUBLIC_NAMESPACES = frozenset({"portal", "opendata"})
"""The URL namespaces of the public pages: the only ones shown in nynorsk and English."""


def is_public(request: HttpRequest) -> bool:
    """Whether the request is for a public page; an address that resolves to nothing (a 404)
    counts as public, as its error page is the portal's."""
    match = getattr(request, "resolver_match", None)
    return match is None or match.namespace in PUBLIC_NAMESPACES


class PublicLanguageMiddleware:
    """After LocaleMiddleware: the workspace, the coordinator's pages, login and the API stay in
    bokmål whatever the reader's language, as only the public pages are translated."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> None:
        if not is_public(request):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE


def language_codes() -> list[str]:
    """The interface languages' codes in settings order."""
    return [code for code, _ in settings.LANGUAGES]


@never_cache
def choose_language(request: HttpRequest, code: str) -> HttpResponse:
    """Remember `code` in the language cookie and go back to the page in `?neste=` (a path on
    this site; anything else goes to the front page)."""
    if code not in language_codes():
        raise Http404("Ukjent språk.")
    target = request.GET.get(NEXT, "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not target.startswith("/"):
        target = "/"
    response = HttpResponseRedirect(target)
    # The same cookie, with the same settings, as Django's own set_language view.
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite="Lax",
    )
    return response
