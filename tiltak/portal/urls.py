"""URLs of the public portal (other apps link to these names and paths)."""

from django.urls import path

from . import language, views

app_name = "portal"

urlpatterns = [
    path("", views.front, name="front"),
    path("planer/", views.plan_index, name="plans"),
    path("organisasjoner/", views.organisation_index, name="organisations"),
    path("tilgjengelighet/", views.accessibility, name="accessibility"),
    path("sprak/<str:code>/", language.choose_language, name="language"),
    path("planer/<slug:plan_slug>/", views.plan_page, name="plan"),
    path("planer/<slug:plan_slug>/atom/", views.plan_feed, name="feed"),
    path("planer/<slug:plan_slug>/tiltak.csv", views.measure_list_csv, name="measures_csv"),
    path("planer/<slug:plan_slug>/tiltak/", views.measure_list, name="measures"),
    path("planer/<slug:plan_slug>/tiltak/<str:number>/", views.measure_page, name="measure"),
    path("planer/<slug:plan_slug>/endringer/", views.changes_page, name="changes"),
    path("organisasjoner/<str:acronym>/", views.organisation_page, name="organisation"),
]
