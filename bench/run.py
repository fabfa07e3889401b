"""`make bench`: every benchmark in turn, each in its own process, results as Markdown tables.

The scale benchmark (a national store on PostgreSQL; generation takes minutes) runs only when
named (`bench/run.py scale`, `make bench-scale`) or with TILTAK_BENCH_SCALE=1.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SECTIONS = (
    ("Parsing", "parse.py"),
    ("Consistency checks", "checks.py"),
    ("Report generation", "reports.py"),
    ("Portal, API and Datasette at 20 concurrent clients", "portal.py"),
    ("Every public page type, warm and cold", "portal_pages.py"),
    ("A reporting round under load: 50 editors for 5 minutes", "rounds_load.py"),
    ("Scale: a national store on PostgreSQL against one plan", "scale.py"),
)
OPTIONAL = {"scale"}


def main() -> int:
    only = set(sys.argv[1:])
    failed = 0
    for title, script in SECTIONS:
        stem = Path(script).stem
        if only and stem not in only:
            continue
        if not only and stem in OPTIONAL and os.environ.get("TILTAK_BENCH_SCALE") != "1":
            continue
        print(f"\n## {title}\n", flush=True)
        failed += subprocess.run([sys.executable, str(HERE / script)], check=False).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
