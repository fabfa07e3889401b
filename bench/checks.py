"""`tiltak check` over the 2026 status report: a Markdown row of timings (median of runs).

Columns: the whole command as a new process (interpreter start, imports, hunspell, parse,
checks, JSON output), the same in a warm process, and the rules alone on a parsed document.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path

from timing import median_seconds as timed  # bench/ is first on sys.path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT.parent / "shared" / "corpus" / "plan-2024-2028-status-2026.txt"
RUNS = 5

from tiltak.checks.cli import main as check_main  # noqa: E402
from tiltak.documents import parse_path  # noqa: E402
from tiltak.documents.checks import run_checks  # noqa: E402


def median_seconds(action: Callable[[], object], runs: int = RUNS) -> float:
    """The median wall time of `runs` calls."""
    return timed(action, runs)


def command() -> list[str]:
    """`tiltak check` if the console script has it, else the module on its own."""
    script = shutil.which("tiltak", path=str(ROOT / ".venv" / "bin"))
    if script:
        probe = subprocess.run([script, "check", "--rules"], capture_output=True, check=False)
        if probe.returncode == 0:
            return [script, "check"]
    return [sys.executable, "-m", "tiltak.checks.cli"]


def main() -> int:
    """Print the timings as one Markdown table row."""
    if not REPORT.is_file():
        print(f"bench: the corpus is not at {REPORT.parent}", file=sys.stderr)
        return 2
    argv = [str(REPORT), "--format", "json"]
    cmd = command()
    process = median_seconds(lambda: subprocess.run([*cmd, *argv], capture_output=True))

    def in_process() -> None:
        with redirect_stdout(io.StringIO()):
            check_main(argv)

    in_process()  # load the dictionaries once, as a long-running process has them
    warm = median_seconds(in_process)
    document = parse_path(REPORT)
    rules = median_seconds(lambda: run_checks(document))
    findings = len(run_checks(document))
    print(f"`{' '.join(Path(c).name for c in cmd)}`, median of {RUNS} runs")
    print("| document | process | warm process | rules only | findings |")
    print("| --- | --- | --- | --- | --- |")
    print(
        f"| 2026 status report | {process:.2f} s | {warm:.3f} s | {rules * 1000:.0f} ms "
        f"| {findings} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
