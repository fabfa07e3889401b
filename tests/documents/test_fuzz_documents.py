"""Property-based fuzzing of the readers and the parser with mutated documents of every format.

Seeds are small valid documents built here (text, HTML, DOCX, PDF, some with long tokens and
long lines); hypothesis mutates them (flipped bytes, cuts, repeats, long tokens, long lines,
runs of Markdown markers). The only exception that may escape is DocumentError, and no case
may take over CASE_SECONDS. TILTAK_FUZZ_EXAMPLES sets the number of cases (200 by default).
"""

from __future__ import annotations

import io
import os
import signal
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.render import render_docx, to_html
from tiltak.documents import parse_bytes
from tiltak.documents.errors import DocumentError
from tiltak.documents.model import PlanDocument

EXAMPLES = int(os.environ.get("TILTAK_FUZZ_EXAMPLES", "200"))
CASE_SECONDS = 10
HANG_SECONDS = 60  # a case still running after this is stopped, so a hang fails the test
LONG_TOKEN = "Overgrepsforebyggingsarbeid" * 200  # 5 400 letters in one word
LONG_LINE = "ord " * 4000
# Runs of Markdown markers as long as the adversarial inputs of the limits issue.
MARKER_RUN = 20_000

SAMPLE = """Handlingsplan mot vold i nære relasjoner (2024–2028)

1 Innsats mot vold

1. Styrke samarbeidet mellom politi og barnevern

Ansvarlig departement: JD, BFD

Status: Under arbeid

Tekst med [lenke](https://www.regjeringen.no/) og *kursiv* og **fet** skrift, og en men
neske som er delt over linjen. Arbeidet med tiltaket er godt i gang i alle fylker.

- et punkt
- et annet punkt

2. Etablere et nasjonalt kompetansesenter

Ansvarlig departement: HOD

Status: Gjennomført

Senteret ble åpnet i 2025.

Nr.\tTiltak\tAnsvarlig\tStatus
1\tStyrke samarbeidet mellom politi og barnevern\tJD, BFD\tUnder arbeid
2\tEtablere et nasjonalt kompetansesenter\tHOD\tGjennomført
"""
HOSTILE = SAMPLE.replace(
    "Senteret ble åpnet i 2025.",
    f"Senteret ble åpnet i {LONG_TOKEN}\n{LONG_TOKEN} 2025.\n\n{LONG_LINE}\n\n{'[' * 3000}",
)
MARKERS = ["[", "]", "**", "~~", "_", "`", "|", "-", "#", ">", "<", "\t", "\n", "\\", "("]
STATS: Counter[str] = Counter()
SLOWEST: dict[str, float] = {}


class Hang(Exception):
    """A case ran past HANG_SECONDS."""


def _pdf(text: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=to_html(text)).write_pdf()  # type: ignore[no-any-return]


def _docx(text: str, directory: Path) -> bytes:
    path = directory / "seed.docx"
    render_docx(text, path)
    return path.read_bytes()


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[bytes]]:
    """Valid documents of each format: a plain one and one with long tokens and lines."""
    directory = tmp_path_factory.mktemp("fuzz")
    return {
        "text": [SAMPLE.encode(), HOSTILE.encode()],
        "html": [to_html(SAMPLE).encode(), to_html(HOSTILE).encode()],
        "docx": [_docx(SAMPLE, directory), _docx(HOSTILE, directory)],
        "pdf": [_pdf(SAMPLE), _pdf(HOSTILE)],
    }


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    if "TILTAK_FUZZ_EXAMPLES" in os.environ:
        slowest = ", ".join(f"{fmt} {seconds:.2f} s" for fmt, seconds in sorted(SLOWEST.items()))
        print(f"\nfuzz: {dict(STATS)}; slowest case per format: {slowest}")


def _insertion(data: st.DataObject) -> bytes:
    kind = data.draw(st.sampled_from(["token", "line", "markers", "bytes"]))
    if kind == "token":
        letters = data.draw(st.sampled_from(["a", "æøå", "Ab", "1", "-", "ord"]))
        return (letters * data.draw(st.integers(1, 20_000))).encode()
    if kind == "line":
        return (data.draw(st.sampled_from(["ord ", "a\t", "- ", "1. "])) * 5000).encode()
    if kind == "markers":
        marker = data.draw(st.sampled_from(MARKERS))
        return (marker * data.draw(st.integers(1, MARKER_RUN))).encode()
    return data.draw(st.binary(min_size=1, max_size=64))


def _mutate(original: bytes, data: st.DataObject) -> bytes:
    """Up to five mutations: flip, cut out, repeat, insert (long) text, truncate."""
    mutated = bytearray(original)
    for _ in range(data.draw(st.integers(1, 5))):
        if not mutated:
            break
        at = data.draw(st.integers(0, len(mutated) - 1))
        operation = data.draw(st.sampled_from(["flip", "cut", "repeat", "insert", "truncate"]))
        if operation == "flip":
            mutated[at] = data.draw(st.integers(0, 255))
        elif operation == "cut":
            del mutated[at : at + data.draw(st.integers(1, 200))]
        elif operation == "repeat":
            piece = mutated[at : at + data.draw(st.integers(1, 80))]
            mutated[at:at] = piece * data.draw(st.integers(1, 200))
        elif operation == "insert":
            mutated[at:at] = _insertion(data)
        else:
            del mutated[at:]
    return bytes(mutated)


def _mutate_docx_text(docx: bytes, data: st.DataObject) -> bytes:
    """A valid archive whose document.xml has long text or damaged XML: reaches the parser."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                if data.draw(st.booleans()):
                    # Text inside a run: the XML stays valid.
                    runs = content.count(b"<w:t")
                    index = data.draw(st.integers(1, max(1, runs)))
                    parts = content.split(b"</w:t>")
                    if index < len(parts):
                        parts[index - 1] += _insertion(data).replace(b"<", b"").replace(b"&", b"")
                    content = b"</w:t>".join(parts)
                else:
                    content = _mutate(content, data)
            target.writestr(info.filename, content)
    return out.getvalue()


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang(f"a case ran more than {HANG_SECONDS} s")


def _only_document_errors(data: bytes, name: str, fmt: str) -> None:
    previous: Callable[..., object] | int | None = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(HANG_SECONDS)
    started = time.perf_counter()
    try:
        document = parse_bytes(data, name)
    except DocumentError as error:
        message = str(error)
        assert message and "\n" not in message
        STATS["refused"] += 1
    else:
        assert isinstance(document, PlanDocument)
        STATS["parsed"] += 1
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        SLOWEST[fmt] = max(SLOWEST.get(fmt, 0.0), time.perf_counter() - started)


@settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=CASE_SECONDS),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data(), fmt=st.sampled_from(["text", "html", "docx", "docx-text", "pdf"]))
def test_mutated_documents(seeds: dict[str, list[bytes]], data: st.DataObject, fmt: str) -> None:
    seed = data.draw(st.sampled_from(seeds["docx" if fmt == "docx-text" else fmt]))
    mutated = _mutate_docx_text(seed, data) if fmt == "docx-text" else _mutate(seed, data)
    STATS[fmt] += 1
    _only_document_errors(mutated, f"fuzz.{fmt.split('-')[0]}", fmt)


def test_seeds_parse(seeds: dict[str, list[bytes]]) -> None:
    for fmt, documents in seeds.items():
        for data in documents:
            document = parse_bytes(data, f"seed.{fmt}")
            assert [m.number for m in document.measures] == ["1", "2"], fmt
