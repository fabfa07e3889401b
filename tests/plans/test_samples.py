"""The sample exchange files import cleanly and export back to the same bytes."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tiltak.imports import cli
from tiltak.plans.models import Plan
from tiltak.rounds.exchange import export_rounds, write_csv

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FILES = sorted(SAMPLES.glob("*.csv"))

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not FILES, reason="no sample exchange files"),
]


def test_samples_import_and_export_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser(prog="tiltak")
    cli.register(parser.add_subparsers(required=True))
    args = parser.parse_args(["import", str(SAMPLES)])
    assert args.handler(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(FILES)
    assert all(": created (" in line and "0 conflicts" in line for line in lines)
    for path in FILES:
        plan = Plan.objects.get(slug=path.stem)
        assert write_csv(export_rounds(plan, facts_only=True)) == path.read_bytes()
    assert Plan.objects.get(slug=FILES[-1].stem).measures.filter(kind="request").count() == 9
