"""URLs of the personal API token page; the project mounts them at /konto/api-nokler/."""

from django.urls import path

from . import views

app_name = "api_tokens"

urlpatterns = [
    path("", views.token_list, name="list"),
    path("<int:token_id>/tilbakekall/", views.revoke, name="revoke"),
]
