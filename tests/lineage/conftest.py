"""Fixtures: the corpus imported and the test URLconf (api_fixtures)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from api_fixtures import _test_urls, corpus, corpus_documents

__all__ = ["_test_urls", "corpus", "corpus_documents"]
