"""Tiltak's URLs: the portal at /, reports at /rapporter/, the API at /api/, open data at /data/."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("rapporter/", include("tiltak.reports.urls")),
    path("api/", include("tiltak.api.urls")),
    path("data/", include("tiltak.opendata.urls")),
    path("", include("tiltak.portal.urls")),
]
