"""The write API stores a plan's own status label for a synonym such as «Ferdig»."""

from __future__ import annotations

from tests.api.write_fixtures import World, _round_settings, _test_urls, call, role_secrets

__all__ = ["_round_settings", "_test_urls", "role_secrets"]


def test_put_with_a_synonym_stores_the_plans_label(
    world: World, role_secrets: dict[str, str]
) -> None:
    world.open()
    entry = world.entry("1")
    body = {"status_label": "Ferdig", "narrative": "Ferdig.", "expected_version": 1}
    response = call("PUT", f"/api/entries/{entry.pk}", role_secrets["lead_editor"], body)
    assert response.status_code == 200, response.content[:300]
    assert response.json()["status_label"] == "Gjennomført"
    stored = world.entry("1")
    assert (stored.status, stored.status_label) == ("completed", "Gjennomført")
