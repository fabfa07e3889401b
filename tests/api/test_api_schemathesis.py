"""Property-based tests of the public API against its own OpenAPI schema (schemathesis, WSGI).

Every operation gets generated requests; no response may be a server error, and every response
must match the schema (status code, content type, headers, body). The schema is loaded from the
app in the test (schemathesis's lazy pytest fixture does not work with pytest 9).
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


def test_every_operation_conforms_to_the_schema(corpus: Any, keep_test_connection: None) -> None:
    from django.core.wsgi import get_wsgi_application

    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
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
            case.call_and_validate()

        check()
    assert len(labels) == 11, labels
