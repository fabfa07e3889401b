"""URLs of the workspace (/arbeidsflate/), the coordinator (/koordinator/) and accounts."""

from django.urls import path

from .views import accounts, bulk, coordinators, editors, review

app_name = "rounds"

ROUND = "koordinator/<slug:plan_slug>/<slug:round_slug>/"

urlpatterns = [
    path("konto/", accounts.login_redirect, name="account"),
    path("konto/logg-inn/", accounts.TiltakLoginView.as_view(), name="login"),
    path("konto/logg-ut/", accounts.logout_view, name="logout"),
    path("arbeidsflate/", editors.workspace, name="workspace"),
    path("arbeidsflate/tiltak/<int:entry_id>/", editors.edit_entry, name="edit"),
    path(
        "arbeidsflate/runde/<int:round_id>/last-ned.xlsx", bulk.bulk_download, name="bulk_download"
    ),
    path("arbeidsflate/runde/<int:round_id>/last-opp/", bulk.bulk_upload, name="bulk_upload"),
    path("arbeidsflate/runde/<int:round_id>/last-opp/bruk/", bulk.bulk_apply, name="bulk_apply"),
    path("koordinator/", coordinators.coordinator_home, name="coordinator"),
    path("koordinator/<slug:plan_slug>/ny-runde/", coordinators.create_round, name="create_round"),
    path(ROUND, review.review, name="review"),
    path(ROUND + "tiltak/<int:entry_id>/", review.review_entry, name="review_entry"),
    path(ROUND + "livslop/", coordinators.lifecycle, name="lifecycle"),
    path(ROUND + "fremdrift/", coordinators.progress, name="progress"),
    path(ROUND + "publiser/", coordinators.publish, name="publish"),
    path(ROUND + "logg.csv", coordinators.audit_csv, name="audit_csv"),
]
