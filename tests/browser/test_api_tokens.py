"""The API token page in headless Chromium: no axe-core violations with no tokens, right after
making one (the secret shown once) and after revoking it."""

from __future__ import annotations

import re
from typing import Any

from tests.support.world import World
from tiltak.api.models import ApiToken

from .test_rounds import check, live, sign_in

__all__ = ["live"]


def test_token_page_has_no_accessibility_violations(
    live: tuple[str, World], page: Any, axe_source: str
) -> None:
    site, world = live
    sign_in(page, site, world.users["lead_editor"])
    assert page.goto(site + "/arbeidsflate/").status == 200
    with page.expect_navigation():
        page.click("text=API-nøkler")
    assert page.url == site + "/konto/api-nokler/"
    check(page, axe_source, "api-tokens-empty")
    page.fill("#f-name", "Saksbehandlingssystemet")
    page.fill("#f-days", "30")
    with page.expect_navigation():
        page.click("button:has-text('Lag nøkkel')")
    secret = page.input_value("#ny-nokkel")
    assert re.fullmatch(r"tiltak_[0-9a-f]{8}_[A-Za-z0-9_-]{43}", secret)
    assert "vises ikke igjen" in page.content()
    check(page, axe_source, "api-tokens-created")
    assert page.goto(site + "/konto/api-nokler/").status == 200
    assert secret not in page.content()
    with page.expect_navigation():
        page.click("button:has-text('Tilbakekall')")
    assert "er tilbakekalt" in page.content()
    assert ApiToken.objects.get().revoked_at is not None
    check(page, axe_source, "api-tokens-revoked")
