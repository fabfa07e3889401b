"""Caches during a round: drafts leave the public pages' cache alone; the findings are cached
until an entry of the round changes."""

from __future__ import annotations

import pytest

from tiltak.caching.version import data_version
from tiltak.rounds import selectors, services

from .conftest import World


def test_saving_drafts_keeps_the_public_cache_and_publishing_moves_it_on(world: World) -> None:
    world.open()
    before = data_version()
    entry = world.entry("1")
    services.save_entry(
        world.users["lead_editor"],
        entry.pk,
        expected_version=entry.version,
        status_label="Gjennomført",
        narrative="Ferdig.",
        submit=True,
    )
    services.approve_entries(world.users["coordinator"], [entry.pk])
    assert data_version() == before
    services.publish_round(world.users["coordinator"], world.draft, override_reason="Test.")
    assert data_version() > before


def test_round_findings_are_cached_until_an_entry_changes(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.open()
    calls = []
    real = selectors._round_findings
    monkeypatch.setattr(selectors, "_round_findings", lambda rnd: calls.append(rnd.pk) or real(rnd))
    first = selectors.round_findings(world.draft)
    assert selectors.round_findings(world.draft).findings == first.findings
    assert len(calls) == 1
    entry = world.entry("3")
    assert "empty-narrative" not in {f.code for f in first.by_measure.get("3", [])}
    services.save_entry(
        world.users["unrelated_editor"],
        entry.pk,
        expected_version=entry.version,
        status_label="Under arbeid",
        narrative="",
    )
    after = selectors.round_findings(world.draft)
    assert len(calls) == 2
    assert "empty-narrative" in {f.code for f in after.by_measure["3"]}
