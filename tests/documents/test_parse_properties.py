"""Property tests: whatever text comes in, the parser returns a document or a DocumentError."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiltak.documents import DocumentError, PlanDocument, parse_bytes

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = [
    (FIXTURES / name).read_text()
    for name in (
        "ansvarlig-gjennomforing.txt",
        "nynorsk-statustabell.txt",
        "stablede-etiketter.txt",
        "html-tabell-som-tekst.txt",
    )
]
FRAGMENTS = st.sampled_from(
    [
        "1. Tiltak",
        "Ansvarlig departement:",
        "Status:",
        "Status: Byrja",
        "Ansvarlig: JD, alle*",
        "611 Stortinget ber regjeringen",
        "\t\t",
        "1\tTittel\tJD\tUnder arbeid",
        "\tfortsettelse\t\t",
        "7 Oversikt over tiltakene i planen",
        "Akronymer",
        "JD\tJustis- og beredskapsdepartementet",
        "- punkt",
        "**fet**",
        "[lenke](#)",
        "Se også tiltak 999.",
        "Gjennomføring:",
        "Innhold",
        "\u00ad",
        "men\nneske",
    ]
)
settings.register_profile(
    "tiltak", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=150
)
settings.load_profile("tiltak")


def parses_or_refuses(data: bytes) -> None:
    try:
        document = parse_bytes(data)
    except DocumentError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert isinstance(document, PlanDocument)
    document.to_dict()
    numbers = [m.number for m in document.measures]
    assert all(numbers)


@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    parses_or_refuses(data)


@given(st.lists(st.one_of(st.text(max_size=80), FRAGMENTS), max_size=60))
def test_random_lines(lines: list[str]) -> None:
    parses_or_refuses("\n".join(lines).encode())


@given(
    st.sampled_from(SAMPLES),
    st.lists(
        st.tuples(st.sampled_from(["delete", "duplicate", "insert", "swap"]), st.integers(0, 200)),
        max_size=12,
    ),
    st.one_of(st.none(), st.integers(0, 3000)),
    FRAGMENTS,
)
def test_mutated_documents(
    sample: str, edits: list[tuple[str, int]], cut: int | None, fragment: str
) -> None:
    lines = sample.split("\n")
    for operation, position in edits:
        if not lines:
            break
        index = position % len(lines)
        if operation == "delete":
            del lines[index]
        elif operation == "duplicate":
            lines.insert(index, lines[index])
        elif operation == "insert":
            lines.insert(index, fragment)
        else:
            lines[index], lines[-1] = lines[-1], lines[index]
    text = "\n".join(lines)
    parses_or_refuses(text[:cut].encode() if cut is not None else text.encode())
