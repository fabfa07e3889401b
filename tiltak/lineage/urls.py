"""URLs of the coordinator's pages for links between plans, under /koordinator/koblinger/."""

from django.urls import path

from . import views

app_name = "lineage"

urlpatterns = [
    path("koordinator/koblinger/", views.choose, name="choose"),
    path("koordinator/koblinger/<slug:plan_a>/til/<slug:plan_b>/", views.review, name="review"),
    path(
        "koordinator/koblinger/<slug:plan_a>/til/<slug:plan_b>/avgjor/",
        views.decide,
        name="decide",
    ),
    path(
        "koordinator/koblinger/<slug:plan_a>/til/<slug:plan_b>/forslag/",
        views.suggest,
        name="suggest",
    ),
]
