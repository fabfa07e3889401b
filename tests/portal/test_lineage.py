"""A measure's page shows the measures of other plans it continues or that continue it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from tiltak.lineage.models import MeasureLink
from tiltak.plans.models import Plan

from .conftest import BIG_PLAN, STRATEGY

pytestmark = pytest.mark.django_db


def test_confirmed_links_show_both_ways(samples: dict[str, Plan], client: Client) -> None:
    strategy = samples[STRATEGY].measures.get(number="14")
    plan = samples[BIG_PLAN].measures.get(number="17")
    MeasureLink.objects.create(
        measure=strategy,
        successor=plan,
        relation="continues",
        state="confirmed",
        decided_at=timezone.now(),
    )
    later = client.get(f"/planer/{BIG_PLAN}/tiltak/17/").content.decode()
    assert "I tidligere og senere planer" in later
    assert f'href="/planer/{STRATEGY}/tiltak/14/"' in later
    assert "Viderefører" in later
    earlier = client.get(f"/planer/{STRATEGY}/tiltak/14/").content.decode()
    assert f'href="/planer/{BIG_PLAN}/tiltak/17/"' in earlier
    assert "Videreføres i" in earlier and "Under arbeid" in earlier


def test_suggested_links_are_not_shown(samples: dict[str, Plan], client: Client) -> None:
    MeasureLink.objects.create(
        measure=samples[STRATEGY].measures.get(number="14"),
        successor=samples[BIG_PLAN].measures.get(number="17"),
        relation="continues",
        state="suggested",
    )
    page = client.get(f"/planer/{BIG_PLAN}/tiltak/17/").content.decode()
    assert "I tidligere og senere planer" not in page
