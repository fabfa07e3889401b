"""The interface translations: `.po` files in tiltak/locale/ compiled to the `.mo` files Django
reads, in Python (polib), so no gettext tools are needed to install or test Tiltak.

`python -m tiltak.translations` compiles every catalogue whose `.mo` is missing or older than
its `.po` (the Makefile runs it at install; the tests run it before they start).
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def catalogues(root: Path = LOCALE_DIR) -> list[Path]:
    """Every `.po` file under `root`, in a stable order."""
    return sorted(root.glob("*/LC_MESSAGES/*.po"))


def compile_messages(root: Path = LOCALE_DIR, *, force: bool = False) -> list[Path]:
    """Write the `.mo` next to each `.po` that is newer than it (every one with `force`);
    returns the `.mo` files written."""
    written = []
    for po_path in catalogues(root):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        # Written beside and renamed, so a server reading the catalogue never sees half a file.
        partial = mo_path.with_suffix(".mo.partial")
        polib.pofile(str(po_path)).save_as_mofile(str(partial))
        partial.replace(mo_path)
        written.append(mo_path)
    return written


def main() -> int:
    """Compile the catalogues and say how many were written."""
    written = compile_messages(force="--force" in sys.argv[1:])
    print(f"tiltak: {len(written)} translation catalogue(s) compiled")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
