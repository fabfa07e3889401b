"""Hostile input of issue 12 answered quickly with a result or a clear refusal.

Each case runs in a subprocess with a timeout and a memory ceiling: the bound catches a hang,
a quadratic blow-up or a runaway allocation, and is no speed goal. The child reports its own
peak memory, which must stay under MEMORY_MIB.
"""

from __future__ import annotations

import io
import os
import re
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support.render import render_docx
from tiltak.documents.errors import DocumentError
from tiltak.documents.readers import read_bytes

BOUND_SECONDS = 20  # start-up and imports included; the cases themselves take well under 5 s
MEMORY_MIB = 500
ADDRESS_SPACE = 3 * 2**30  # a child that runs away fails fast instead of taking the machine
ROOT = Path(__file__).resolve().parents[2]
PEAK = re.compile(r"^peak-rss-kib=(\d+)$", re.MULTILINE)
# The child's own peak: VmHWM starts afresh at exec, while getrusage's ru_maxrss keeps the
# high-water mark of the forked parent (the test process, hundreds of MiB late in a full run).
REPORT_PEAK = (
    "import atexit, sys\n"
    "def _peak():\n"
    "    with open('/proc/self/status') as status:\n"
    "        line = next(l for l in status if l.startswith('VmHWM:'))\n"
    "    print('peak-rss-kib=%d' % int(line.split()[1]), file=sys.stderr)\n"
    "atexit.register(_peak)\n"
)


def _limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run_bounded(code: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run Python `code` in a child within BOUND_SECONDS and MEMORY_MIB; stderr without the
    peak-memory line."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tiltak.settings"}
    done = subprocess.run(
        [sys.executable, "-c", REPORT_PEAK + code, *args],
        capture_output=True,
        text=True,
        timeout=BOUND_SECONDS,
        cwd=cwd,
        env=env,
        preexec_fn=_limit_address_space,
        check=False,
    )
    peak = PEAK.search(done.stderr)
    assert peak, done.stderr[-2000:]
    assert int(peak.group(1)) < MEMORY_MIB * 1024, f"peak {int(peak.group(1)) // 1024} MiB"
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout, PEAK.sub("", done.stderr).strip()
    )


def run_ok(code: str) -> str:
    """Stdout of `code`, which must succeed within the bounds."""
    done = run_bounded(code)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


# Markdown: stripping for the search index, snippets, rendering.


@pytest.mark.parametrize(
    "unit", ["**a ", "~~a ", "__a ", "[a](", "<http:a", "`a ", "|---", "[a\n", "# a #"]
)
def test_markdown_stripping_is_linear(unit: str) -> None:
    from tiltak.documents.plaintext import markdown_to_text

    text = unit * (100_000 // len(unit)) + "x"
    out = run_ok(
        "import sys\n"
        "from tiltak.documents.plaintext import markdown_to_text\n"
        f"print(len(markdown_to_text({unit!r} * (100_000 // len({unit!r})) + 'x')))\n"
    )
    assert int(out) == len(markdown_to_text(text)) > 0


def test_markdown_to_text_still_strips_pairs() -> None:
    from tiltak.documents.plaintext import markdown_to_text

    assert markdown_to_text("**fet** og ~~borte~~ og **a **b**") == "fet og borte og a **b"
    assert markdown_to_text("**a " * 3) == "**a **a **a "


def test_snippet_of_one_word_repeated() -> None:
    out = run_ok(
        "from tiltak.search.text import parse_query, snippet\n"
        "print(snippet('vold ' * 20_000, parse_query('vold')))\n"
    )
    assert out.startswith("<mark>vold</mark> <mark>vold</mark>")
    assert out.strip().endswith("…")


@pytest.mark.parametrize("size", [20_000, 100_000, 2_400_000])
def test_rendering_brackets(size: int) -> None:
    out = run_ok(
        "from tiltak.documents.reports.markup import to_html\n"
        f"html = to_html('[' * {size})\n"
        "print(html.count('['))\n"
    )
    assert int(out) == size


def test_many_brackets_still_make_links() -> None:
    from tiltak.documents.reports.markup import to_html

    text = "]" * 5 + "[" * 200 + " [lenke](https://a.no/) og [[![x](a.png)](https://b.no/)]"
    html = to_html(text)
    assert '<a href="https://a.no/">lenke</a>' in html
    assert '<a href="https://b.no/"></a>' in html  # the image is not allowed, the link is
    assert html.count("[") == 201 and html.count("]") == 6


# The importer: word repair and readers.


def test_long_word_at_a_line_end() -> None:
    out = run_ok(
        "from collections import Counter\n"
        "from tiltak.documents.normalise.lexicon import norwegian_lexicon\n"
        "from tiltak.documents.normalise.words import WordRepair\n"
        "word = 'a' * 5000\n"
        "repair = WordRepair(norwegian_lexicon(), Counter({word: 1}))\n"
        "print(len(repair.unwrap('Ord ' + word + '\\nbeid ' + word + ' \\nmer')))\n"
    )
    assert int(out) >= 10_000


def test_long_token_in_a_document() -> None:
    token = "a" * 20_000 + "1234#"
    out = run_ok(
        "from tiltak.documents import parse_bytes\n"
        "from tiltak.documents.errors import DocumentError\n"
        f"token = {token!r}\n"
        "text = 'Handlingsplan mot vold\\n\\n1 Innsats\\n\\n1. Styrke samarbeidet\\n\\n'\n"
        "text += ('Status: Under arbeid\\n\\nTekst ' + token + '\\nvidere ' + token + '\\n') * 3\n"
        "try:\n"
        "    document = parse_bytes(text.encode())\n"
        "except DocumentError as error:\n"
        "    print('refused', error)\n"
        "else:\n"
        "    print('measures', len(document.measures))\n"
    )
    assert out.startswith(("measures", "refused"))


@pytest.fixture(scope="module")
def small_docx(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("limits") / "small.docx"
    render_docx("Plan\n\n1 Innsats\n\n1. Styrke samarbeidet\n\nStatus: Under arbeid\n", path)
    return path.read_bytes()


def _flipped_version(docx: bytes) -> bytes:
    """The DOCX with "version needed to extract" of its first central directory entry made
    23.5: zipfile answers NotImplementedError, not BadZipFile."""
    central = docx.index(b"PK\x01\x02")
    damaged = bytearray(docx)
    damaged[central + 6] = 235
    return bytes(damaged)


def test_docx_with_a_flipped_zip_header_byte(small_docx: bytes) -> None:
    with pytest.raises(DocumentError, match="damaged"):
        read_bytes(_flipped_version(small_docx))


def test_cli_parse_of_a_flipped_docx(small_docx: bytes, tmp_path: Path) -> None:
    path = tmp_path / "skadet.docx"
    path.write_bytes(_flipped_version(small_docx))
    done = run_bounded("from tiltak.cli import main; raise SystemExit(main())", "parse", str(path))
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and "damaged" in done.stderr
    assert "Traceback" not in done.stderr


# XLSX: the declared dimension is never allocated.


def dimension_bomb(*, with_far_cell: bool) -> bytes:
    """A small exchange XLSX whose sheet declares A1:XFD1048576 (and, if asked, has a cell
    there)."""
    import django

    django.setup()
    from tiltak.rounds.exchange import ExchangeRow, write_xlsx

    row = ExchangeRow(
        "plan", "Plan", "Runde", "2026", "1", "measure", "", "", "Tittel", "JD", "nei", "", "", ""
    )
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(write_xlsx([row]))) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                content = re.sub(
                    rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', content
                )
                if with_far_cell:
                    content = content.replace(
                        b"</sheetData>",
                        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'
                        b"</row></sheetData>",
                    )
            target.writestr(info.filename, content)
    return out.getvalue()


READ_EXCHANGE = (
    "import sys, django\n"
    "django.setup()\n"
    "from tiltak.rounds.exchange import ExchangeError, read_exchange\n"
    "try:\n"
    "    rows = read_exchange(open(sys.argv[1], 'rb').read())\n"
    "except ExchangeError as error:\n"
    "    print('refused:', error)\n"
    "else:\n"
    "    print('rows:', len(rows))\n"
)


def test_declared_dimension_is_not_allocated(tmp_path: Path) -> None:
    path = tmp_path / "dimensjon.xlsx"
    path.write_bytes(dimension_bomb(with_far_cell=False))
    assert path.stat().st_size < 10_000
    done = run_bounded(READ_EXCHANGE, str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "rows: 1"


def test_a_cell_at_the_far_corner_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "hjorne.xlsx"
    path.write_bytes(dimension_bomb(with_far_cell=True))
    done = run_bounded(READ_EXCHANGE, str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "refused: file: row 1048576: the sheet has more than 5000 rows"


def test_cli_import_of_a_dimension_bomb(tmp_path: Path) -> None:
    path = tmp_path / "hjorne.xlsx"
    path.write_bytes(dimension_bomb(with_far_cell=True))
    code = "from tiltak.cli import main; raise SystemExit(main())"
    done = run_bounded(code, "import", str(path))
    assert done.returncode == 2
    assert done.stderr == (
        "tiltak: error: hjorne.xlsx: row 1048576: the sheet has more than 5000 rows"
    )


def test_wide_and_long_cells_are_refused() -> None:
    import django

    django.setup()
    from openpyxl import Workbook

    from tiltak import limits
    from tiltak.rounds.exchange import COLUMNS, ExchangeError, read_exchange

    def workbook(*rows: list[str]) -> bytes:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "tiltak"
        sheet.append(list(COLUMNS))
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    wide = [""] * limits.MAX_XLSX_COLUMNS + ["x"]
    with pytest.raises(ExchangeError, match="row 2: a value beyond column 32"):
        read_exchange(workbook(wide))
    long = ["x" * (limits.MAX_XLSX_CELL_CHARS + 1)]
    with pytest.raises(ExchangeError, match="row 2: a cell has 20001 characters; the limit is"):
        read_exchange(workbook(long))


def test_a_pdf_page_with_too_much_text_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint

    from tiltak.documents.readers import limits
    from tiltak.documents.readers.pdf import read_pdf

    pdf = weasyprint.HTML(string="<p>" + "ord " * 500 + "</p>").write_pdf()
    assert read_pdf(pdf).pages == 1
    monkeypatch.setattr(limits, "MAX_PDF_PAGE_CHARS", 100)
    with pytest.raises(DocumentError, match=r"page 1 of the PDF has \d+ characters of text"):
        read_pdf(pdf)
