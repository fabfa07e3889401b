"""Take the README's screenshots again (docs/screenshots/*.png).

    PYTHONPATH=. python scripts/screenshots.py

Runs tests/browser/test_docs_screenshots.py with TILTAK_DOCS_SCREENSHOTS set: a live server with
the tests' small plan, headless Debian Chromium (/usr/bin/chromium), the editor bundle from
`make assets`. Each picture is a 128-colour PNG of at most 120 KB.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    os.environ["TILTAK_DOCS_SCREENSHOTS"] = "1"
    os.chdir(ROOT)
    test = "tests/browser/test_docs_screenshots.py"
    return int(pytest.main([test, "-q", "-s", "-p", "no:cacheprovider", *sys.argv[1:]]))


if __name__ == "__main__":
    raise SystemExit(main())
