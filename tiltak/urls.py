"""Tiltak's URLs: the portal at /, reports at /rapporter/, the API at /api/, open data at /data/,
the workspace at /arbeidsflate/, the coordinator at /koordinator/ (imports at
/koordinator/import/), login at /konto/ and through
OpenID Connect at /oidc/ (404 unless configured, see tiltak.accounts.oidc)."""

from django.contrib import admin
from django.urls import include, path

from tiltak.accounts import oidc

urlpatterns = [
    path("admin/", admin.site.urls),
    path("oidc/", include(oidc.urlpatterns)),
    path("rapporter/", include("tiltak.reports.urls")),
    path("api/", include("tiltak.api.urls")),
    path("konto/api-nokler/", include("tiltak.api.account_urls")),
    path("data/", include("tiltak.opendata.urls")),
    path("", include("tiltak.lineage.urls")),
    path("", include("tiltak.imports.urls")),
    path("", include("tiltak.accounts.urls")),
    path("", include("tiltak.rounds.urls")),
    path("", include("tiltak.portal.urls")),
]
