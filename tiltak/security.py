"""Site-wide security middleware: per-path relaxations of the Content-Security-Policy."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

API_DOCS_PREFIX = "/api/docs"
# Swagger UI sets <style> elements from its script and shows data: images.
API_DOCS_UPDATE = {"style-src": ["'unsafe-inline'"], "img-src": ["data:"]}


class ApiDocsCSPMiddleware:
    """Relaxes the policy for /api/docs only (list it after csp.middleware.CSPMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(API_DOCS_PREFIX):
            response._csp_update = API_DOCS_UPDATE  # type: ignore[attr-defined]
        return response
