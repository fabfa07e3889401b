"""The language switcher: a plain link per language that sets the language cookie and goes back.

A link (GET) rather than Django's `set_language` form (POST) because the public pages are kept
whole in the page cache: a form would need a CSRF token, which must not be shared between
readers. The cookie only records a preference, so a crawler following the links does no harm.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

NEXT = "neste"


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
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
