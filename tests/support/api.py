"""The corpus imported, for the API, open-data and lineage tests (a plugin in the root conftest),
and the URLconf those folders' conftests switch to."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
PLAN_FILE = "plan-2024-2028-status-2026.txt"
STRATEGY_FILE = "strategy-2021-internet-related-abuse.txt"
PLAN = "opptrappingsplan-mot-vold-og-overgrep-2024-2028"
STRATEGY = "forebygging-og-bekjempelse-av-internettrelaterte-2021-2025"


def api_urls(settings: Any) -> None:
    """Serve the API at /api/ and open data at /data/, as the project does."""
    settings.ROOT_URLCONF = "tests.support.api_urls"
    settings.ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]


@pytest.fixture(scope="session")
def corpus_documents() -> dict[str, Any]:
    """The two corpus documents, parsed once."""
    if not CORPUS.is_dir():
        pytest.skip(f"the corpus is not at {CORPUS}")
    from tiltak.documents import parse_path

    return {name: parse_path(CORPUS / name) for name in (PLAN_FILE, STRATEGY_FILE)}


@pytest.fixture
def corpus(db: None, corpus_documents: dict[str, Any]) -> Callable[[], None]:
    """Import both corpus documents into the test database."""
    import copy

    from tiltak.rounds.importing import import_plan_document

    for name, document in corpus_documents.items():
        import_plan_document(copy.deepcopy(document), source_name=name, source_sha256=name[:8])
    return lambda: None
