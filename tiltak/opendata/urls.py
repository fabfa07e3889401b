"""Open data URLs; the project mounts them at /data/ (path("data/", include(...)))."""

from django.urls import path, re_path

from . import views

app_name = "opendata"
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
FORMAT = r"csv|xlsx|json"

urlpatterns = [
    path("", views.index, name="index"),
    path("dcat.jsonld", views.dcat_jsonld, name="dcat-jsonld"),
    path("dcat.ttl", views.dcat_turtle, name="dcat-turtle"),
    re_path(rf"^(?P<plan>{SLUG})\.(?P<fmt>{FORMAT})$", views.plan_file, name="plan-file"),
    re_path(
        rf"^(?P<plan>{SLUG})/(?P<round>{SLUG})\.(?P<fmt>{FORMAT})$",
        views.round_file,
        name="round-file",
    ),
]
