"""The document core is plain Python: importing it loads no Django (the CLI's parse needs none)."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_document_core_loads_no_django() -> None:
    code = (
        "import sys, tiltak.documents, tiltak.documents.parser, tiltak.documents.checks; "
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"
