"""Tiltak's URLs: the portal at /, reports at /rapporter/, the API at /api/, open data at /data/,
the workspace at /arbeidsflate/, the coordinator at /koordinator/, login at /konto/."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("rapporter/", include("tiltak.reports.urls")),
    path("api/", include("tiltak.api.urls")),
    path("data/", include("tiltak.opendata.urls")),
    path("", include("tiltak.rounds.urls")),
    path("", include("tiltak.portal.urls")),
]

if getattr(settings, "OIDC_ENABLED", False):
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))
