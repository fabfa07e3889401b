"""Property-based tests of the API against its own OpenAPI schema (schemathesis, WSGI).

Every operation gets generated requests; no response may be a server error, and every response
must match the schema (status code, content type, headers, body). The write operations are
called with an administrator's API token, with an open round in the store so that saves,
conflicts and refusals all happen. The schema is loaded from the app in the test
(schemathesis's lazy pytest fixture does not work with pytest 9).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.config import SchemathesisConfig

pytestmark = pytest.mark.django_db
EXAMPLES = 10
# A write that does not fit the current state (opening a round that is not a draft, approving an
# entry that is not submitted) is answered 400 with the service's message, as documented: valid
# data by the schema, refused by the state, so 400 is an expected answer to it.
CONFIG = SchemathesisConfig.from_dict(
    {
        "operations": [
            {
                "include-tag": "write",
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": ["2xx", "400", "401", "403", "404", "409", "429"]
                    }
                },
            }
        ]
    }
)


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """Keep the test's database connection open across WSGI requests, as Django's Client does."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def writable(corpus: Any, settings: Any) -> dict[str, Any]:
    """An administrator's API token, an open round of the corpus plan to write to, and real ids
    to put into generated requests (random ids are almost never there)."""
    from datetime import date

    from django.contrib.auth.models import User

    from tests.support.api import PLAN, STRATEGY
    from tiltak.api.tokens import create_token
    from tiltak.plans.models import Plan
    from tiltak.rounds import services

    settings.TILTAK_WARM_REPORTS_ON_PUBLISH = False
    settings.TILTAK_API_AUTH_FAILURE_LIMIT = 1_000_000  # the checks send wrong tokens on purpose
    admin = User.objects.create_user("admin", is_staff=True, is_superuser=True)
    plan = Plan.objects.get(slug=PLAN)
    rnd = services.create_round(admin, plan, title="Status høsten 2026")
    services.open_round(admin, rnd, deadline=date(2026, 12, 1))
    entry = rnd.entries.order_by("pk").first()
    assert entry is not None
    successor = Plan.objects.get(slug=STRATEGY).measures.order_by("order").first()
    assert successor is not None
    return {
        "headers": {"Authorization": f"Bearer {create_token(admin, 'schemathesis')[1]}"},
        "round_id": rnd.pk,
        "entry_id": entry.pk,
        "measure": {"plan": PLAN, "number": entry.measure.number},
        "successor": {"plan": STRATEGY, "number": successor.number},
    }


def _pinned(case: Any, ids: dict[str, Any]) -> None:
    """Point the generated request at the open round and its entries."""
    for name in ("round_id", "entry_id"):
        if name in (case.path_parameters or {}):
            case.path_parameters[name] = ids[name]
    if isinstance(case.body, dict):
        if "entry_ids" in case.body:
            case.body["entry_ids"] = [ids["entry_id"]]
        if "measure" in case.body:
            case.body.update(measure=ids["measure"], successor=ids["successor"])


@pytest.mark.parametrize("pin", [False, True], ids=["generated", "real-ids"])
def test_every_operation_conforms_to_the_schema(
    writable: dict[str, Any], keep_test_connection: None, pin: bool
) -> None:
    from django.core.wsgi import get_wsgi_application

    schema = schemathesis.openapi.from_wsgi(
        "/api/openapi.json", get_wsgi_application(), config=CONFIG
    )
    labels = []
    for result in schema.get_all_operations():
        operation = result.ok()
        labels.append(operation.label)
        if pin and "write" not in (operation.tags or []):
            continue

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            if pin:
                _pinned(case, writable)
            case.call_and_validate(headers=writable["headers"])

        check()
    assert len(labels) == 22, labels  # 11 public, 11 write
