"""URLs of the workspace (/arbeidsflate/) and the coordinator (/koordinator/)."""

from django.urls import path

from .views import bulk, comments, coordinators, editors, review

app_name = "rounds"

ROUND = "koordinator/<slug:plan_slug>/<slug:round_slug>/"

urlpatterns = [
    path("arbeidsflate/", editors.workspace, name="workspace"),
    path("arbeidsflate/tiltak/<int:entry_id>/", editors.edit_entry, name="edit"),
    path("arbeidsflate/tiltak/<int:entry_id>/kommentar/", comments.add_comment, name="comment"),
    path(
        "arbeidsflate/runde/<int:round_id>/last-ned.xlsx", bulk.bulk_download, name="bulk_download"
    ),
    path("arbeidsflate/runde/<int:round_id>/last-opp/", bulk.bulk_upload, name="bulk_upload"),
    path("arbeidsflate/runde/<int:round_id>/last-opp/bruk/", bulk.bulk_apply, name="bulk_apply"),
    path(
        "arbeidsflate/runde/<int:round_id>/last-opp/jobb/<str:job_id>/",
        bulk.bulk_job,
        name="bulk_job",
    ),
    path("koordinator/", coordinators.coordinator_home, name="coordinator"),
    path("koordinator/<slug:plan_slug>/ny-runde/", coordinators.create_round, name="create_round"),
    path(ROUND, review.review, name="review"),
    path(ROUND + "tiltak/<int:entry_id>/", review.review_entry, name="review_entry"),
    path(ROUND + "funn/kvitter/", review.acknowledge, name="acknowledge"),
    path(ROUND + "livslop/", coordinators.lifecycle, name="lifecycle"),
    path(ROUND + "frist/", coordinators.change_deadline, name="deadline"),
    path(ROUND + "fremdrift/", coordinators.progress, name="progress"),
    path(ROUND + "publiser/", coordinators.publish, name="publish"),
    path(ROUND + "logg.csv", coordinators.audit_csv, name="audit_csv"),
    path(ROUND + "utkast.<str:fmt>", coordinators.draft_report, name="draft_report"),
]
