"""One rule for the site's absolute address, and a check that warns when it is not set."""

from __future__ import annotations

from typing import Any

from django.test import RequestFactory

from tiltak.display.checks import base_url_check
from tiltak.display.links import LOCAL_ADDRESS, site_base_url, site_url


def test_the_setting_wins(settings: Any) -> None:
    settings.TILTAK_BASE_URL = "https://tiltak.example.no/"
    request = RequestFactory().get("/", HTTP_HOST="annet.example.no")
    assert site_url("/arbeidsflate/", request) == "https://tiltak.example.no/arbeidsflate/"


def test_the_request_then_the_local_address(settings: Any) -> None:
    settings.TILTAK_BASE_URL = ""
    settings.ALLOWED_HOSTS = ["annet.example.no"]
    request = RequestFactory().get("/", HTTP_HOST="annet.example.no")
    assert site_base_url(request) == "http://annet.example.no"
    assert site_base_url() == LOCAL_ADDRESS


def test_the_check_warns_when_mail_goes_out_in_production_only(settings: Any) -> None:
    settings.TILTAK_BASE_URL = ""
    settings.DEBUG = False
    settings.EMAIL_HOST = "localhost"
    assert base_url_check() == []  # no e-mail leaves this machine
    settings.EMAIL_HOST = "smtp.example.no"
    assert [m.id for m in base_url_check()] == ["tiltak.W001"]
    settings.DEBUG = True
    assert base_url_check() == []
    settings.DEBUG = False
    settings.TILTAK_BASE_URL = "https://tiltak.example.no"
    assert base_url_check() == []
