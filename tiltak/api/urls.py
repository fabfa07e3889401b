"""URLs of the API; the project mounts them at /api/ (path("api/", include("tiltak.api.urls")))."""

from django.urls import path

from .api import api

urlpatterns = [path("", api.urls)]
