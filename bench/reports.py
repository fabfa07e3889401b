"""Report generation time per format for the 131-item corpus report, beside LibreOffice.

Imports the 2026 status report into a scratch database, renders it as Markdown, HTML, DOCX and
PDF in this process (median of runs), then times two whole processes in the same run, taking
turns: `tiltak report --format pdf` (start, read the round, render through Typst, write the
file) and LibreOffice turning our DOCX into PDF (`soffice --headless --convert-to pdf`). Prints a
Markdown table. Goals: DOCX under 2 s; the PDF process at most half of LibreOffice's time.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from timing import median_seconds as timed  # bench/ is first on sys.path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
REPORT = CORPUS / "plan-2024-2028-status-2026.txt"
RUNS = int(os.environ.get("TILTAK_BENCH_RUNS", "3"))


def median_seconds(action: Callable[[], object], runs: int = RUNS) -> float:
    """The median wall time of `runs` calls."""
    return timed(action, runs)


def main() -> int:
    """Print the table; exit 1 when the corpus is missing."""
    if not REPORT.is_file():
        print(f"bench: the corpus report is not at {REPORT}", file=sys.stderr)
        return 1
    scratch = Path(tempfile.mkdtemp(prefix="tiltak-bench-reports-"))
    os.environ["TILTAK_DATA_DIR"] = str(scratch)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tiltak.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from tiltak.documents import parse_path
    from tiltak.documents.reports import render, status_report
    from tiltak.reports.selectors import report_document
    from tiltak.rounds.importing import import_plan_document
    from tiltak.rounds.models import ReportingRound

    try:
        call_command("migrate", interactive=False, verbosity=0)
        result = import_plan_document(
            parse_path(REPORT), source_name=REPORT.name, source_sha256="0" * 64
        )
        rnd = ReportingRound.objects.get(plan__slug=result.plan_slug, slug=result.round_slug)
        document = report_document(rnd)
        load = median_seconds(lambda: report_document(rnd))
        rows: list[tuple[str, str, str]] = [
            ("read the round from the database", f"{load:.3f} s", "")
        ]
        outputs: dict[str, bytes] = {}
        for fmt in ("md", "html", "docx", "pdf"):

            def run(fmt: str = fmt) -> None:
                outputs[fmt] = render(status_report(document), fmt)

            seconds = median_seconds(run)
            rows.append((f"Tiltak: {fmt}", f"{seconds:.3f} s", f"{len(outputs[fmt]) // 1024} KiB"))
        docx_path = scratch / "report.docx"
        docx_path.write_bytes(outputs["docx"])
        pdf_path = scratch / "tiltak.pdf"
        # The checkout's own code first, whatever the virtual environment has installed; and
        # bytecode kept (in the scratch folder) as an installed Tiltak has it, even where the
        # shell sets PYTHONDONTWRITEBYTECODE.
        environment = {
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            "PYTHONPATH": os.pathsep.join([str(ROOT), *sys.path[1:]]),
            "PYTHONPYCACHEPREFIX": str(scratch / "pycache"),
        }

        def tiltak_pdf() -> None:
            subprocess.run(
                [sys.executable, "-m", "tiltak.cli", "report", result.plan_slug,
                 "--round", result.round_slug, "--format", "pdf", "-o", str(pdf_path)],
                check=True, capture_output=True, timeout=600, env=environment,
            )  # fmt: skip

        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        profile = scratch / "lo-profile"

        def convert() -> None:
            subprocess.run(
                [str(soffice), "--headless", f"-env:UserInstallation=file://{profile}",
                 "--convert-to", "pdf", "--outdir", str(scratch), str(docx_path)],
                check=True, capture_output=True, timeout=600,
            )  # fmt: skip

        # The first start of each fills the file cache (and LibreOffice's profile): not counted.
        # Then the two take turns, so a machine whose load changes meanwhile slows both alike.
        actions = {"tiltak": tiltak_pdf, **({"libreoffice": convert} if soffice else {})}
        for action in actions.values():
            action()
        timings: dict[str, list[float]] = {name: [] for name in actions}
        for _ in range(RUNS):
            for name, action in actions.items():
                start = time.perf_counter()
                action()
                timings[name].append(time.perf_counter() - start)
        process = statistics.median(timings["tiltak"])
        size = pdf_path.stat().st_size // 1024
        rows.append(("Tiltak: `tiltak report --format pdf`, whole process", f"{process:.3f} s",
                     f"{size} KiB"))  # fmt: skip
        libreoffice = None
        if soffice:
            libreoffice = statistics.median(timings["libreoffice"])
            size = (scratch / "report.pdf").stat().st_size // 1024
            rows.append(
                (
                    "LibreOffice: our DOCX → PDF, whole process",
                    f"{libreoffice:.3f} s",
                    f"{size} KiB",
                )
            )
        else:
            rows.append(("LibreOffice: our DOCX → PDF", "not installed", ""))
        print(f"Reports of the 2026 status report (131 items), median of {RUNS} runs\n")
        print("| step | time | size |")
        print("| --- | --- | --- |")
        for name, seconds_text, size_text in rows:
            print(f"| {name} | {seconds_text} | {size_text} |")
        docx_time = next(float(t.split()[0]) for n, t, _ in rows if n == "Tiltak: docx")
        print(f"\nGoal DOCX < 2 s: {'met' if docx_time < 2 else 'NOT met'} ({docx_time:.2f} s)")
        if libreoffice:
            ratio = process / libreoffice
            verdict = "met" if ratio <= 0.5 else "NOT met"
            print(f"Goal PDF process ≤ ½ × LibreOffice's: {verdict} ({ratio:.2f} ×)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
