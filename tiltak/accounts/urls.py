"""URLs of accounts: /konto/, login and logout."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("konto/", views.login_redirect, name="account"),
    path("konto/logg-inn/", views.TiltakLoginView.as_view(), name="login"),
    path("konto/logg-ut/", views.logout_view, name="logout"),
]
