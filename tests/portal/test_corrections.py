"""A published correction replaces the round it corrects on the public pages."""

from __future__ import annotations

import pytest
from django.test import Client

from tiltak.portal.selectors import published_rounds
from tiltak.rounds.models import ReportingRound

from .conftest import PUBLISHED_AT, HandBuilt

pytestmark = pytest.mark.django_db


def _published_correction(original: ReportingRound) -> ReportingRound:
    return ReportingRound.objects.create(
        plan=original.plan,
        title=f"{original.title} (rettet)",
        slug=f"{original.slug}-rettet",
        as_of=original.as_of,
        state="published",
        published_at=PUBLISHED_AT,
        corrects=original,
        correction_reason="Feil status for ett tiltak",
    )


def test_a_published_correction_replaces_the_original(
    hand_built: HandBuilt, client: Client
) -> None:
    original = hand_built.autumn
    correction = _published_correction(original)
    public = set(published_rounds().filter(plan=original.plan))
    assert correction in public and original not in public
    page = client.get(f"/planer/{original.plan.slug}/").content.decode()
    assert correction.title in page
    assert f'value="{original.slug}"' not in page


def test_portal_api_and_open_data_show_a_corrected_round_once(
    hand_built: HandBuilt, client: Client
) -> None:
    original = hand_built.autumn
    correction = _published_correction(original)
    slug = original.plan.slug
    portal = [r.slug for r in published_rounds().filter(plan=original.plan).order_by("as_of")]
    api = [r["slug"] for r in client.get(f"/api/plans/{slug}/rounds").json()]
    assert sorted(api) == sorted(portal)
    assert correction.slug in api and original.slug not in api
    plans = client.get("/api/plans").json()["items"]
    listed = next(p for p in plans if p["plan"] == slug)
    assert listed["round_count"] == len(portal)
    catalogue = client.get("/data/dcat.jsonld").content.decode()
    assert f"/data/{slug}/{correction.slug}." in catalogue
    assert f"/data/{slug}/{original.slug}." not in catalogue
