"""URLs of the workspace (/arbeidsflate/), the coordinator (/koordinator/) and accounts."""

from django.urls import path

from . import views

app_name = "rounds"

urlpatterns = [
    path("konto/", views.login_redirect, name="account"),
    path("konto/logg-inn/", views.TiltakLoginView.as_view(), name="login"),
    path("konto/logg-ut/", views.logout_view, name="logout"),
    path("arbeidsflate/", views.workspace, name="workspace"),
    path("arbeidsflate/tiltak/<int:entry_id>/", views.edit_entry, name="edit"),
    path(
        "arbeidsflate/runde/<int:round_id>/last-ned.xlsx", views.bulk_download, name="bulk_download"
    ),
    path("arbeidsflate/runde/<int:round_id>/last-opp/", views.bulk_upload, name="bulk_upload"),
    path("arbeidsflate/runde/<int:round_id>/last-opp/bruk/", views.bulk_apply, name="bulk_apply"),
    path("koordinator/", views.coordinator_home, name="coordinator"),
    path("koordinator/<slug:plan_slug>/ny-runde/", views.create_round, name="create_round"),
    path("koordinator/<slug:plan_slug>/<slug:round_slug>/", views.review, name="review"),
    path(
        "koordinator/<slug:plan_slug>/<slug:round_slug>/tiltak/<int:entry_id>/",
        views.review_entry,
        name="review_entry",
    ),
    path(
        "koordinator/<slug:plan_slug>/<slug:round_slug>/livslop/", views.lifecycle, name="lifecycle"
    ),
    path(
        "koordinator/<slug:plan_slug>/<slug:round_slug>/fremdrift/", views.progress, name="progress"
    ),
    path("koordinator/<slug:plan_slug>/<slug:round_slug>/publiser/", views.publish, name="publish"),
    path(
        "koordinator/<slug:plan_slug>/<slug:round_slug>/logg.csv", views.audit_csv, name="audit_csv"
    ),
]
