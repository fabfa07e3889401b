"""Accounts and security settings: login in Norwegian, lockout, cookies, CSP, deploy check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def account(db: None, settings: Any) -> User:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    return User.objects.create_user("redaktor", password="riktig-hest-batteri-stift")


def test_passwords_are_hashed_with_argon2(account: User) -> None:
    assert account.password.startswith("argon2$")


def test_login_and_logout_pages_in_norwegian(account: User) -> None:
    client = Client()
    page = client.get("/konto/logg-inn/")
    assert page.status_code == 200 and "Logg inn" in page.content.decode()
    assert client.get("/arbeidsflate/")["Location"].startswith("/konto/logg-inn/")
    done = client.post(
        "/konto/logg-inn/", {"username": "redaktor", "password": "riktig-hest-batteri-stift"}
    )
    assert done.status_code == 302 and done["Location"] == "/arbeidsflate/"
    assert client.get("/arbeidsflate/").status_code == 200
    assert "Vil du logge ut" in client.get("/konto/logg-ut/").content.decode()
    client.post("/konto/logg-ut/")
    assert client.get("/arbeidsflate/").status_code == 302


def test_failed_logins_lock_the_account_out(account: User, settings: Any) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        wrong = client.post("/konto/logg-inn/", {"username": "redaktor", "password": "feil"})
        assert (
            wrong.status_code == 200 and "Feil brukernavn eller passord" in wrong.content.decode()
        )
    locked = client.post("/konto/logg-inn/", {"username": "redaktor", "password": "feil"})
    assert locked.status_code == 429 and "For mange" in locked.content.decode()
    # Even the right password is refused while locked out.
    right = client.post(
        "/konto/logg-inn/", {"username": "redaktor", "password": "riktig-hest-batteri-stift"}
    )
    assert right.status_code == 429


def test_cookies_and_headers(account: User, settings: Any) -> None:
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax" == settings.CSRF_COOKIE_SAMESITE
    assert settings.SESSION_COOKIE_SECURE is (not settings.DEBUG)
    assert settings.AUTHENTICATION_BACKENDS[0].startswith("axes.")
    client = Client()
    page = client.get("/konto/logg-inn/")
    assert page.cookies["csrftoken"]["samesite"] == "Lax"
    assert page.cookies["csrftoken"]["secure"] and page.cookies["csrftoken"]["httponly"]
    policy = page["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy


def test_api_docs_policy_is_relaxed_only_for_styles(db: None) -> None:
    docs = Client().get("/api/docs")
    assert docs.status_code == 200
    policy = docs["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self';" in policy + ";"


def test_deploy_check_is_clean_with_production_settings(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "SECRET_KEY": "k" * 20 + "-tiltak-produksjon-" + "x7Qp2Lm9Zr4Vt8Ws1Yb6Nc3Hd5Jf0Ga",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "tiltak.example.no",
        "TILTAK_HTTPS": "1",
        "TILTAK_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "tiltak.settings",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests in this process
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
