"""The corpus documents, parsed once per session, for the consistency checks."""

from __future__ import annotations

import pytest

from tests.checks.checkdocs import REPORT, STRATEGY
from tiltak.documents import PlanDocument, parse_path


@pytest.fixture(scope="session")
def report() -> PlanDocument:
    """The 2026 status report of the corpus, parsed once."""
    if not REPORT.is_file():
        pytest.skip(f"the corpus is not at {REPORT.parent}")

    return parse_path(REPORT)


@pytest.fixture(scope="session")
def strategy() -> PlanDocument:
    """The 2021 strategy of the corpus, parsed once."""
    if not STRATEGY.is_file():
        pytest.skip(f"the corpus is not at {REPORT.parent}")

    return parse_path(STRATEGY)
