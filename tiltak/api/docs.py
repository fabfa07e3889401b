"""The API documentation page: django-ninja's Swagger UI, served from Tiltak's own static files.

django-ninja renders its bundled page only when "ninja" is an installed app and falls back to a
CDN otherwise; Tiltak does not install it as an app (see NINJA_DIR in settings) and serves no
script from a CDN (the Content-Security-Policy forbids it), so this renders the bundled template.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger

if TYPE_CHECKING:
    from ninja import NinjaAPI


class BundledSwagger(Swagger):
    """Swagger UI from django-ninja's own template and static files, never from a CDN."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "api": api,
            "add_csrf": False,  # the API's write endpoints take bearer tokens, not cookies
        }
        return render(request, self.template, context)
