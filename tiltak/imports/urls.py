"""URLs of the import pages, under /koordinator/import/."""

from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("koordinator/import/", views.upload, name="upload"),
    path("koordinator/import/ny-plan/", views.new_plan, name="new_plan"),
    path("koordinator/import/plan/<slug:plan_slug>/", views.plan_measures, name="plan"),
    path("koordinator/import/<uuid:draft_id>/", views.review, name="review"),
    path("koordinator/import/jobb/<str:job_id>/", views.upload_job, name="upload_job"),
]
