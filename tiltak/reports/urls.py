"""Report downloads, included by the portal at /rapporter/: /rapporter/<plan>/<round>.<fmt>."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("<slug:plan_slug>/<slug:round_slug>.<str:fmt>", views.download, name="download"),
]
