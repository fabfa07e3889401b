"""A published correction replaces its round everywhere the public reads: the open-data index,
the files and the API list the corrected round once, with the corrected text."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tiltak.opendata.services import read_json
from tiltak.rounds.models import ReportingRound, StatusEntry

pytestmark = pytest.mark.django_db
PLAN = "opptrappingsplan-mot-vold-og-overgrep-2024-2028"
ROUND = "status-varen-2026"
CORRECTED_NARRATIVE = "Rettet omtale: tiltaket er gjennomført."


def _correct(original: ReportingRound) -> ReportingRound:
    """Publish a correction of `original` with the first measure's narrative rewritten."""
    correction = ReportingRound.objects.create(
        plan=original.plan,
        title=f"{original.title} (rettet)",
        slug=f"{original.slug}-rettet",
        as_of=original.as_of,
        state="published",
        published_at=original.published_at,
        corrects=original,
        correction_reason="Feil i omtalen av tiltak 1",
    )
    entries = list(original.entries.select_related("measure").order_by("pk"))
    for index, entry in enumerate(entries):
        StatusEntry.objects.create(
            round=correction,
            measure=entry.measure,
            status=entry.status,
            status_label=entry.status_label,
            narrative=CORRECTED_NARRATIVE if index == 0 else entry.narrative,
        )
    return correction


@pytest.fixture
def corrected(corpus: Any) -> ReportingRound:
    return _correct(ReportingRound.objects.get(plan__slug=PLAN, slug=ROUND))


def _json(client: Client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    content = b"".join(response) if response.streaming else response.content
    return json.loads(content)


def test_open_data_index_offers_the_correction_instead_of_the_round(
    corrected: ReportingRound, client: Client
) -> None:
    index = _json(client, "/data/")
    (plan,) = [p for p in index["plans"] if p["plan"] == PLAN]
    rounds = [f["round"] for f in plan["files"] if f["format"] == "csv"]
    assert rounds.count(corrected.slug) == 1
    assert ROUND not in rounds
    assert client.get(f"/data/{PLAN}/{ROUND}.csv").status_code == 404


def test_open_data_file_of_all_rounds_holds_the_corrected_rows_once(
    corrected: ReportingRound, client: Client
) -> None:
    response = client.get(f"/data/{PLAN}.json")
    assert response.status_code == 200
    rows = read_json(b"".join(response) if response.streaming else response.content)
    titles = {row.round for row in rows}
    assert corrected.title in titles
    assert corrected.corrects.title not in titles  # type: ignore[union-attr]
    corrected_rows = [row for row in rows if row.round == corrected.title]
    assert len(corrected_rows) == corrected.entries.count()
    assert corrected_rows[0].narrative == CORRECTED_NARRATIVE


def test_api_lists_the_corrected_round_once(corrected: ReportingRound, client: Client) -> None:
    rounds = _json(client, f"/api/plans/{PLAN}/rounds")
    items = rounds["items"] if isinstance(rounds, dict) else rounds
    slugs = [item["slug"] for item in items]
    assert slugs.count(corrected.slug) == 1
    assert ROUND not in slugs
    assert client.get(f"/api/plans/{PLAN}/rounds/{ROUND}").status_code == 404
