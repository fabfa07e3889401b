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

pytestmark = pytest.mark.django_db
EXAMPLES = 10


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
def admin_token(corpus: Any, settings: Any) -> str:
    """An administrator's API token, and an open round of the corpus plan to write to."""
    from datetime import date

    from api_fixtures import PLAN
    from django.contrib.auth.models import User

    from tiltak.api.tokens import create_token
    from tiltak.plans.models import Plan
    from tiltak.rounds import services

    settings.TILTAK_WARM_REPORTS_ON_PUBLISH = False
    settings.TILTAK_API_AUTH_FAILURE_LIMIT = 1_000_000  # the checks send wrong tokens on purpose
    admin = User.objects.create_user("admin", is_staff=True, is_superuser=True)
    rnd = services.create_round(admin, Plan.objects.get(slug=PLAN), title="Status høsten 2026")
    services.open_round(admin, rnd, deadline=date(2026, 12, 1))
    return create_token(admin, "schemathesis")[1]


def test_every_operation_conforms_to_the_schema(
    admin_token: str, keep_test_connection: None
) -> None:
    from django.core.wsgi import get_wsgi_application

    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    headers = {"Authorization": f"Bearer {admin_token}"}
    labels = []
    for result in schema.get_all_operations():
        operation = result.ok()
        labels.append(operation.label)

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            case.call_and_validate(headers=headers)

        check()
    assert len(labels) == 22, labels  # 11 public, 11 write
