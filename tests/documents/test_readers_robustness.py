"""Hostile and broken input: the only exception a reader may raise is DocumentError."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.render import render_docx, to_html
from tiltak.documents.blocks import BlockDocument
from tiltak.documents.errors import DocumentError
from tiltak.documents.readers import limits, read_bytes
from tiltak.documents.readers.docx import read_docx
from tiltak.documents.readers.html import read_html
from tiltak.documents.readers.pdf import read_pdf

Reader = Callable[[bytes], BlockDocument]
READERS: list[Reader] = [read_bytes, read_pdf, read_docx, read_html]
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SAMPLE = """**Handlingsplan mot vold**

1 Innsats

1. Styrke samarbeidet

Ansvarlig departement: JD, alle

Status: Under arbeid

Tekst med [lenke](https://www.regjeringen.no/) og *kursiv* og en men
neske som er delt.

- et punkt
- et annet punkt

Nr.\tTiltak\tAnsvarlig\tStatus
1\tStyrke samarbeidet mellom departementene\tJD, alle\tUnder arbeid
2\tEtablere et forum\tBFD\tGjennomført
"""


@pytest.fixture(scope="module")
def small_pdf() -> bytes:
    import weasyprint

    html = to_html(SAMPLE + "\n\nSiste side.\n").replace(
        "Siste side.", '<span style="break-before: page; display: block">Siste side.</span>'
    )
    return weasyprint.HTML(string=html).write_pdf()  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def small_docx(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("small") / "small.docx"
    render_docx(SAMPLE, path)
    return path.read_bytes()


def _only_document_errors(reader: Reader, data: bytes) -> None:
    try:
        document = reader(data)
    except DocumentError as error:
        message = str(error)
        assert message and "\n" not in message
    else:
        assert isinstance(document, BlockDocument)


def test_fixtures_are_readable(small_pdf: bytes, small_docx: bytes) -> None:
    assert read_pdf(small_pdf).pages == 2
    assert any(b.cells for b in read_pdf(small_pdf).blocks)
    assert any(b.cells for b in read_docx(small_docx).blocks)


@FUZZ
@given(data=st.binary(max_size=4096))
def test_random_bytes(data: bytes) -> None:
    for reader in READERS:
        _only_document_errors(reader, data)


@FUZZ
@given(
    tail=st.binary(max_size=2048), prefix=st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", b"<html>"])
)
def test_random_bytes_behind_a_magic_number(prefix: bytes, tail: bytes) -> None:
    for reader in READERS:
        _only_document_errors(reader, prefix + tail)


@FUZZ
@given(fraction=st.floats(min_value=0.0, max_value=1.0))
def test_truncated_pdf(small_pdf: bytes, fraction: float) -> None:
    cut = small_pdf[: int(len(small_pdf) * fraction)]
    _only_document_errors(read_pdf, cut)
    _only_document_errors(read_bytes, cut)


@FUZZ
@given(data=st.data())
def test_pdf_with_flipped_bytes(small_pdf: bytes, data: st.DataObject) -> None:
    mutated = bytearray(small_pdf)
    for _ in range(data.draw(st.integers(1, 20))):
        index = data.draw(st.integers(0, len(mutated) - 1))
        mutated[index] = data.draw(st.integers(0, 255))
    _only_document_errors(read_pdf, bytes(mutated))


@FUZZ
@given(fraction=st.floats(min_value=0.0, max_value=1.0))
def test_truncated_docx(small_docx: bytes, fraction: float) -> None:
    cut = small_docx[: int(len(small_docx) * fraction)]
    _only_document_errors(read_docx, cut)
    _only_document_errors(read_bytes, cut)


@FUZZ
@given(data=st.data())
def test_docx_with_flipped_bytes(small_docx: bytes, data: st.DataObject) -> None:
    mutated = bytearray(small_docx)
    for _ in range(data.draw(st.integers(1, 20))):
        index = data.draw(st.integers(0, len(mutated) - 1))
        mutated[index] = data.draw(st.integers(0, 255))
    _only_document_errors(read_docx, bytes(mutated))


@FUZZ
@given(data=st.data())
def test_docx_with_mangled_xml(small_docx: bytes, data: st.DataObject) -> None:
    """Valid ZIP, damaged XML inside: the damage the ZIP checksum cannot catch."""
    source = zipfile.ZipFile(io.BytesIO(small_docx))
    name = data.draw(
        st.sampled_from(["word/document.xml", "word/styles.xml", "word/numbering.xml"])
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == name:
                content = bytearray(content)
                start = data.draw(st.integers(0, len(content) - 1))
                end = data.draw(st.integers(start, min(len(content), start + 40)))
                content[start:end] = data.draw(st.binary(max_size=40))
                content = bytes(content)
            target.writestr(info.filename, content)
    _only_document_errors(read_docx, out.getvalue())


@FUZZ
@given(html=st.text(alphabet=st.sampled_from(list("<>/=\"' abcdiptrhlu1&;#x\n")), max_size=400))
def test_random_html(html: str) -> None:
    _only_document_errors(read_html, html.encode())
    _only_document_errors(read_html, b"<html>" + html.encode("utf-16"))


# --- specific cases --------------------------------------------------------------------------


@pytest.mark.parametrize("reader", READERS)
def test_empty_input(reader: Reader) -> None:
    with pytest.raises(DocumentError):
        reader(b"")


def test_png_is_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    for reader in READERS:
        with pytest.raises(DocumentError):
            reader(png)


def test_truncated_pdf_message(small_pdf: bytes) -> None:
    with pytest.raises(DocumentError, match="damaged or truncated"):
        read_pdf(small_pdf[: len(small_pdf) // 3])


def test_encrypted_pdf(small_pdf: bytes) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    pdf = pikepdf.Pdf.open(io.BytesIO(small_pdf))
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(owner="o", user="u"))
    with pytest.raises(DocumentError, match="encrypted; remove the password"):
        read_pdf(out.getvalue())


def test_pdf_with_owner_password_only_is_read(small_pdf: bytes) -> None:
    """Permissions without a user password: every viewer opens it, so do we."""
    pikepdf = pytest.importorskip("pikepdf")
    pdf = pikepdf.Pdf.open(io.BytesIO(small_pdf))
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(owner="o", user=""))
    assert read_pdf(out.getvalue()).pages == 2


def test_pdf_without_text(small_pdf: bytes) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    with pytest.raises(DocumentError, match="no text layer"):
        read_pdf(out.getvalue())


def test_pdf_page_limit(small_pdf: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 1)
    with pytest.raises(DocumentError, match="has 2 pages; the limit is 1"):
        read_pdf(small_pdf)


def _docx_zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)


def test_zip_bomb_docx() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", b"<w:document/>")
        with archive.open("word/media/zeros.bin", "w", force_zip64=True) as member:
            chunk = bytes(2**20)
            for _ in range(300):
                member.write(chunk)
    data = out.getvalue()
    assert len(data) < 2 * 2**20
    for reader in (read_docx, read_bytes):
        with pytest.raises(
            DocumentError, match="expands to more than 200 MiB; refusing a possible zip bomb"
        ):
            reader(data)


def test_highly_compressed_member_docx() -> None:
    data = _docx_zip(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "word/document.xml": b"<w:document/>",
            "word/media/zeros.bin": bytes(20 * 2**20),
        }
    )
    with pytest.raises(DocumentError, match=r"compressed \d+:1; refusing a possible zip bomb"):
        read_docx(data)


def test_zip_without_document_xml() -> None:
    data = _docx_zip({"[Content_Types].xml": CONTENT_TYPES, "word/styles.xml": b"<x/>"})
    with pytest.raises(DocumentError, match=r"no word/document\.xml"):
        read_docx(data)
    with pytest.raises(DocumentError):
        read_bytes(data)


def test_docx_with_broken_document_xml(small_docx: bytes) -> None:
    source = zipfile.ZipFile(io.BytesIO(small_docx))
    members = {info.filename: source.read(info) for info in source.infolist()}
    members["word/document.xml"] = members["word/document.xml"][:200]
    with pytest.raises(DocumentError, match="damaged"):
        read_docx(_docx_zip(members))
