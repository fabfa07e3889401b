"""Error pages in Norwegian, with the site's look and a way on, never Django's bare English."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_norwegian(client: Client) -> None:
    page = client.get("/planer/finnes-ikke/")
    text = page.content.decode()
    assert page.status_code == 404
    assert "Siden finnes ikke" in text and "Not Found" not in text
    assert 'href="/"' in text and '<html lang="nb"' in text


def test_a_refused_form_is_norwegian() -> None:
    client = Client(enforce_csrf_checks=True)
    page = client.post("/konto/logg-inn/", {"username": "a", "password": "b"})
    assert page.status_code == 403
    assert "Skjemaet kunne ikke sendes" in page.content.decode()


def test_forbidden_and_server_error_pages_render() -> None:
    from django.views import defaults

    request = RequestFactory().get("/")
    forbidden = defaults.permission_denied(request, PermissionError())
    assert forbidden.status_code == 403 and "Du har ikke tilgang" in forbidden.content.decode()
    error = defaults.server_error(request)
    assert error.status_code == 500 and "Noe gikk galt" in error.content.decode()
    bad = defaults.bad_request(request, ValueError())
    assert bad.status_code == 400 and "kunne ikke behandles" in bad.content.decode()
