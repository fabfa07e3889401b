"""Tiltak's URLs: the public portal at /, report downloads at /rapporter/, the admin at /admin/."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("rapporter/", include("tiltak.reports.urls")),
    path("", include("tiltak.portal.urls")),
]
