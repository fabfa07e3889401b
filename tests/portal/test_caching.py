"""Public pages are cached per data version: a change to the data shows at once."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tiltak.caching.version import data_version
from tiltak.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_a_cached_page_is_served_without_queries(
    samples: dict[str, Plan], client: Client, django_assert_max_num_queries: Any
) -> None:
    first = client.get("/")
    assert first.status_code == 200
    with django_assert_max_num_queries(1):  # the data version only
        again = client.get("/")
    assert again.content == first.content


def test_a_change_to_the_data_shows_at_once(samples: dict[str, Plan], client: Client) -> None:
    plan = next(iter(samples.values()))
    before = data_version()
    assert plan.title.encode() in client.get("/").content
    plan.title = "En ny tittel på planen"
    plan.save()
    assert data_version() > before
    assert "En ny tittel på planen".encode() in client.get("/").content


def test_logged_in_users_are_not_served_from_the_cache(
    samples: dict[str, Plan], client: Client, admin_user: Any
) -> None:
    plan = next(iter(samples.values()))
    client.get("/")
    # A bulk update sends no signal, so the version stays and anonymous visitors get the cache.
    Plan.objects.filter(pk=plan.pk).update(title="Endret uten signal")
    assert b"Endret uten signal" not in client.get("/").content
    client.force_login(admin_user)
    assert b"Endret uten signal" in client.get("/").content
