"""Test URLconf: the API at /api/ and open data at /data/, as the lead mounts them."""

from django.urls import include, path

urlpatterns = [
    path("api/", include("tiltak.api.urls")),
    path("data/", include("tiltak.opendata.urls")),
]
