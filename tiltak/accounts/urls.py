"""URLs of accounts under /konto/: login and logout, «Glemt passord», invitations, and the
access page of a plan."""

from django.urls import path

from . import access_views, invitation_views, password_views, views

app_name = "accounts"

ACCESS = "konto/tilgang/<slug:plan_slug>/"

urlpatterns = [
    path("konto/", views.login_redirect, name="account"),
    path("konto/logg-inn/", views.TiltakLoginView.as_view(), name="login"),
    path("konto/logg-ut/", views.logout_view, name="logout"),
    path("konto/glemt-passord/", password_views.ResetView.as_view(), name="password_reset"),
    path(
        "konto/glemt-passord/sendt/",
        password_views.ResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "konto/nytt-passord/<uidb64>/<token>/",
        password_views.ResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "konto/nytt-passord/ferdig/",
        password_views.ResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("konto/invitasjon/godta/", invitation_views.accept, name="accept"),
    path("konto/invitasjon/<str:token>/", invitation_views.invitation_link, name="invitation"),
    path(ACCESS, access_views.access, name="access"),
    path(ACCESS + "rolle/<int:role_id>/fjern/", access_views.revoke_role, name="revoke_role"),
    path(
        ACCESS + "redaktor/<int:profile_id>/fjern/",
        access_views.revoke_editor,
        name="revoke_editor",
    ),
    path(
        ACCESS + "invitasjon/<int:invitation_id>/trekk-tilbake/",
        access_views.withdraw,
        name="withdraw",
    ),
]
