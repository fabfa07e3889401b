"""The exchange format: one row per measure per round, as CSV (UTF-8 with BOM) or XLSX.

Columns, in this order: plan, plan_title, round, round_as_of, number, kind, chapter,
chapter_title, title, responsible, responsible_all, status, status_label, narrative.
`responsible` is acronyms joined by ", ", lead first; `responsible_all` is "ja" or "nei";
`status` is empty or one of not_started, in_progress, completed, ongoing; `kind` is measure
or request. Importing follows the rules of the document import (services.importing).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import astuple, dataclass, fields
from datetime import datetime
from typing import Any

from django.db import transaction

from tiltak import limits
from tiltak.documents.language import detect_language
from tiltak.documents.model import STATUSES, PlanDocument, PlanInfo, ReportInfo
from tiltak.documents.model import Chapter as DocChapter
from tiltak.documents.model import Measure as DocMeasure
from tiltak.documents.normalise.status import normalise_status
from tiltak.documents.vocabulary import STATUS_LABELS as STATUS_NAMES
from tiltak.plans.errors import InputRefused
from tiltak.plans.models import Plan
from tiltak.plans.naming import period_from_title, slugify_nb
from tiltak.plans.signals import send_plans_changed
from tiltak.safe_csv import restore, spreadsheet_csv

from .documents import plan_rounds, round_entries
from .importing import ImportFailed, ImportResult, _Importer
from .models import ReportingRound

COLUMNS: tuple[str, ...] = (
    "plan",
    "plan_title",
    "round",
    "round_as_of",
    "number",
    "kind",
    "chapter",
    "chapter_title",
    "title",
    "responsible",
    "responsible_all",
    "status",
    "status_label",
    "narrative",
)
YES, NO = "ja", "nei"
STATUS_LABELS = tuple(STATUS_NAMES["nb"][status] for status in STATUSES)
KINDS = ("measure", "request")
SHEET_NAME = "tiltak"
XLSX_TIMESTAMP = datetime(2024, 1, 1)
_ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
_AS_OF = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_WIDTHS = (30, 40, 22, 12, 8, 10, 8, 30, 60, 20, 10, 12, 18, 80)
MAX_ERRORS_SHOWN = 5
XLSX_SHEET_ROWS = 1_048_576  # Excel's own limit: a row number past it is a damaged file


@dataclass(frozen=True, slots=True)
class ExchangeRow:
    """One measure in one round, every value a string."""

    plan: str
    plan_title: str
    round: str
    round_as_of: str
    number: str
    kind: str
    chapter: str
    chapter_title: str
    title: str
    responsible: str
    responsible_all: str
    status: str
    status_label: str
    narrative: str

    def values(self) -> tuple[str, ...]:
        """The values in column order."""
        return tuple(astuple(self))


assert tuple(f.name for f in fields(ExchangeRow)) == COLUMNS


@dataclass(frozen=True, slots=True)
class RowError:
    """A problem with one row; row 1 is the header."""

    row: int
    message: str


class ExchangeError(InputRefused):
    """An exchange file cannot be read or imported; str() is one line for the user."""

    def __init__(self, source: str, errors: Sequence[RowError]) -> None:
        self.source = source
        self.errors = list(errors)
        shown = "; ".join(
            f"row {e.row}: {e.message}" if e.row else e.message
            for e in self.errors[:MAX_ERRORS_SHOWN]
        )
        more = len(self.errors) - MAX_ERRORS_SHOWN
        suffix = f"; and {more} more errors" if more > 0 else ""
        super().__init__(f"{source}: {shown}{suffix}")


# Export.


def export_rounds(
    plan: Plan, rounds: Iterable[ReportingRound] | None = None, *, facts_only: bool = False
) -> list[ExchangeRow]:
    """The plan's rounds (all, oldest first, by default) as exchange rows.

    facts_only leaves the narratives empty.
    """
    rows: list[ExchangeRow] = []
    for rnd in rounds if rounds is not None else plan_rounds(plan):
        for entry in round_entries(rnd):
            measure = entry.measure
            chapter = measure.chapter
            acronyms = [r.organisation.acronym for r in measure.responsibilities.all()]
            rows.append(
                ExchangeRow(
                    plan=plan.slug,
                    plan_title=plan.title,
                    round=rnd.title,
                    round_as_of=rnd.as_of,
                    number=measure.number,
                    kind=measure.kind,
                    chapter=chapter.key if chapter else "",
                    chapter_title=chapter.title if chapter else "",
                    title=measure.title,
                    responsible=", ".join(acronyms),
                    responsible_all=YES if measure.responsible_all else NO,
                    status=entry.status or "",
                    status_label=entry.status_label,
                    narrative="" if facts_only else entry.narrative,
                )
            )
    return rows


def write_csv(rows: Iterable[ExchangeRow]) -> bytes:
    """RFC 4180 CSV in UTF-8 with a byte order mark; a cell a spreadsheet would run as a
    formula has a quote in front (tiltak.safe_csv), which reading takes off again."""
    return spreadsheet_csv(COLUMNS, (row.values() for row in rows))


def write_xlsx(rows: Iterable[ExchangeRow]) -> bytes:
    """One sheet "tiltak", bold frozen header; deterministic bytes for the same rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_NAME
    sheet.append(list(COLUMNS))
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    for row in rows:
        sheet.append([_XLSX_ILLEGAL.sub("", value) or None for value in row.values()])
        for cell in sheet[sheet.max_row]:
            if cell.value is not None:
                cell.data_type = "s"  # text, never a formula or a number
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    workbook.properties.creator = "Tiltak"
    workbook.properties.lastModifiedBy = "Tiltak"
    workbook.properties.created = XLSX_TIMESTAMP
    workbook.properties.modified = XLSX_TIMESTAMP
    raw = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    return _fix_zip_timestamps(raw.getvalue())


def _fix_zip_timestamps(data: bytes) -> bytes:
    """The same zip with every member dated 1980-01-01, so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIMESTAMP)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


# Reading.


def exchange_format(data: bytes) -> str | None:
    """The format, csv or xlsx, if the data is an exchange file (by its header row), else None."""
    if data.startswith(b"PK\x03\x04"):
        try:
            header = next(iter(_xlsx_records(data)), None)
        except ExchangeError:
            return None
        return "xlsx" if header is not None and tuple(header) == COLUMNS else None
    text = _decode(data)
    if text is None:
        return None
    first = text.split("\n", 1)[0].strip().strip("\r")
    return "csv" if _csv_delimiter(first) else None


def _decode(data: bytes) -> str | None:
    """CSV bytes as text: UTF-8 (with or without BOM), else Windows-1252; None if binary."""
    if b"\x00" in data[:4096]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return None


def _csv_delimiter(header_line: str) -> str | None:
    """The delimiter, comma or semicolon (Norwegian Excel), if the line is the exchange header."""
    for delimiter in (",", ";"):
        cells = next(csv.reader([header_line], delimiter=delimiter), [])
        if tuple(c.strip() for c in cells) == COLUMNS:
            return delimiter
    return None


def _csv_records(data: bytes, source: str) -> list[list[str]]:
    """The CSV's records, header first."""
    text = _decode(data)
    if text is None:
        raise ExchangeError(source, [RowError(0, "not a text file")])
    first = text.split("\n", 1)[0].strip("\r")
    delimiter = _csv_delimiter(first) or ","
    try:
        records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        return [[restore(cell) for cell in record] for record in records]
    except csv.Error as error:
        raise ExchangeError(source, [RowError(0, f"not valid CSV: {error}")]) from None


def _xlsx_records(data: bytes, source: str = "file") -> list[list[str]]:
    """The rows of the sheet "tiltak" (or the first sheet) as text, header first."""
    workbook = open_xlsx(data, source)
    try:
        sheet = workbook[SHEET_NAME] if SHEET_NAME in workbook.sheetnames else workbook.active
        if sheet is None:
            return []
        width = len(COLUMNS)  # empty cells at a row's end are absent from the file
        return [
            [_cell_text(value) for value in row] + [""] * (width - len(row))
            for row in xlsx_rows(sheet, source)
        ]
    finally:
        workbook.close()


def open_xlsx(data: bytes, source: str = "file") -> Any:
    """A read-only openpyxl workbook; ExchangeError if damaged or expanding past the limit."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(member.file_size for member in archive.infolist())
    except Exception as error:
        raise ExchangeError(source, [RowError(0, f"not a readable XLSX file ({error})")]) from None
    if expanded > limits.MAX_XLSX_UNCOMPRESSED_BYTES:
        raise ExchangeError(
            source,
            [
                RowError(
                    0,
                    f"the XLSX expands to more than {limits.MAX_XLSX_UNCOMPRESSED_BYTES // 2**20} "
                    "MiB; refusing a possible zip bomb",
                )
            ],
        )
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ExchangeError(source, [RowError(0, f"not a readable XLSX file ({error})")]) from None


def xlsx_rows(sheet: Any, source: str = "file") -> Iterator[tuple[Any, ...]]:
    """The rows of a read-only sheet as values, streamed row by row, header first.

    The sheet's declared dimension is ignored (a 2 KB file can declare a million rows of
    16 384 columns); rows, columns and cell lengths are checked as they are read, and
    ExchangeError names the first row past a limit.
    """

    def refuse(row: int, message: str) -> ExchangeError:
        return ExchangeError(source, [RowError(row, message)])

    sheet.reset_dimensions()
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        filled = [index for index, value in enumerate(row) if value is not None and value != ""]
        if not filled:
            if number > XLSX_SHEET_ROWS:
                raise refuse(number, f"a sheet has at most {XLSX_SHEET_ROWS} rows")
            if number <= limits.MAX_XLSX_ROWS:
                yield ()
            continue
        if number > limits.MAX_XLSX_ROWS:
            raise refuse(number, f"the sheet has more than {limits.MAX_XLSX_ROWS} rows")
        if filled[-1] >= limits.MAX_XLSX_COLUMNS:
            raise refuse(number, f"a value beyond column {limits.MAX_XLSX_COLUMNS}, the most read")
        for value in row:
            if isinstance(value, str) and len(value) > limits.MAX_XLSX_CELL_CHARS:
                raise refuse(
                    number,
                    f"a cell has {len(value)} characters; the limit is "
                    f"{limits.MAX_XLSX_CELL_CHARS}",
                )
        yield tuple(row[: filled[-1] + 1])


def _cell_text(value: Any) -> str:
    """A cell value as the text it shows: 82.0 → "82", empty → ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    return str(value)


def read_exchange(
    data: bytes, *, source: str = "file", check_labels: bool = True
) -> list[ExchangeRow]:
    """Read and validate an exchange file (CSV or XLSX); ExchangeError lists every bad row."""
    records = _xlsx_records(data, source) if data.startswith(b"PK") else _csv_records(data, source)
    if not records:
        raise ExchangeError(source, [RowError(0, "the file is empty")])
    header = tuple(cell.strip() for cell in records[0])
    while header and not header[-1]:
        header = header[:-1]
    if header != COLUMNS:
        raise ExchangeError(
            source, [RowError(1, f"the header must be the columns {', '.join(COLUMNS)}")]
        )
    return validate_rows(records[1:], source=source, check_labels=check_labels)


def validate_rows(
    records: Sequence[Sequence[str]], *, source: str = "file", check_labels: bool = True
) -> list[ExchangeRow]:
    """Rows from records (header excluded, so records[0] is row 2), checking every rule
    (check_labels=False leaves status labels to the caller: the bulk update checks them
    against the plan)."""
    errors: list[RowError] = []
    rows: list[ExchangeRow] = []
    plan_titles: dict[str, tuple[str, int]] = {}
    round_dates: dict[tuple[str, str], tuple[str, int]] = {}
    numbers: dict[tuple[str, str, str], int] = {}
    chapters: dict[tuple[str, str], tuple[str, int]] = {}
    for index, record in enumerate(records, start=2):
        cells = [cell.strip() for cell in record]
        while len(cells) > len(COLUMNS) and not cells[-1]:
            cells.pop()
        if not any(cells):
            continue
        if len(cells) != len(COLUMNS):
            errors.append(RowError(index, f"expected {len(COLUMNS)} columns, found {len(cells)}"))
            continue
        row = ExchangeRow(*cells)
        problems = _row_problems(row, check_labels=check_labels)
        if row.plan and row.plan_title:
            title, first = plan_titles.setdefault(row.plan, (row.plan_title, index))
            if title != row.plan_title:
                problems.append(f"plan {row.plan} has another plan_title in row {first}")
        if row.plan and row.round:
            as_of, first = round_dates.setdefault((row.plan, row.round), (row.round_as_of, index))
            if as_of != row.round_as_of:
                problems.append(f"round {row.round!r} has another round_as_of in row {first}")
        if row.plan and row.chapter:
            title, first = chapters.setdefault((row.plan, row.chapter), (row.chapter_title, index))
            if title != row.chapter_title:
                problems.append(f"chapter {row.chapter} has another chapter_title in row {first}")
        if row.plan and row.round and row.number:
            first = numbers.setdefault((row.plan, row.round, row.number), index)
            if first != index:
                problems.append(
                    f"measure {row.number} appears twice in round {row.round!r} (row {first})"
                )
        errors += [RowError(index, problem) for problem in problems]
        rows.append(row)
    if errors:
        raise ExchangeError(source, errors)
    if not rows:
        raise ExchangeError(source, [RowError(0, "the file has a header but no rows")])
    return rows


def _row_problems(row: ExchangeRow, *, check_labels: bool = True) -> list[str]:
    """What is wrong with one row on its own; check_labels: an unknown status label too."""
    problems: list[str] = []
    for name in ("plan", "plan_title", "round", "number", "title"):
        if not getattr(row, name):
            problems.append(f"{name} is empty")
    if row.plan and slugify_nb(row.plan) != row.plan:
        problems.append(f"plan {row.plan!r} is not a slug (a-z, 0-9 and -)")
    if row.round_as_of and not _AS_OF.match(row.round_as_of):
        problems.append(f"round_as_of {row.round_as_of!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if row.kind not in KINDS:
        problems.append(f"kind {row.kind!r} is not one of {', '.join(KINDS)}")
    if row.responsible_all not in (YES, NO):
        problems.append(f"responsible_all {row.responsible_all!r} is not {YES} or {NO}")
    if row.status and row.status not in STATUSES:
        problems.append(f"status {row.status!r} is not empty or one of {', '.join(STATUSES)}")
    if check_labels and row.status_label and normalise_status(row.status_label) is None:
        problems.append(
            f"status_label {row.status_label!r} is not a known status label "
            f"(use {', '.join(STATUS_LABELS)} or a bokmål or nynorsk synonym)"
        )
    if row.chapter and not row.chapter_title:
        problems.append(f"chapter {row.chapter} has no chapter_title")
    return problems


# Import.


def rows_to_documents(rows: Sequence[ExchangeRow]) -> list[tuple[str, PlanDocument]]:
    """One (plan slug, document) per plan and round, in the order they first appear."""
    groups: dict[tuple[str, str], list[ExchangeRow]] = {}
    for row in rows:
        groups.setdefault((row.plan, row.round), []).append(row)
    documents: list[tuple[str, PlanDocument]] = []
    for (slug, _), group in groups.items():
        first = group[0]
        chapters: dict[str, DocChapter] = {}
        measures: list[DocMeasure] = []
        for row in group:
            if row.chapter:
                chapters.setdefault(
                    row.chapter, DocChapter(key=row.chapter, title=row.chapter_title)
                )
            acronyms = [a.strip() for a in row.responsible.split(",") if a.strip()]
            everyone = row.responsible_all == YES or any(a.lower() == "alle" for a in acronyms)
            measures.append(
                DocMeasure(
                    number=row.number,
                    kind="request" if row.kind == "request" else "measure",
                    chapter=row.chapter or None,
                    title=row.title,
                    responsible=[a for a in acronyms if a.lower() != "alle"],
                    responsible_all=everyone,
                    status=next((s for s in STATUSES if s == row.status), None),
                    status_label=row.status_label or None,
                    narrative=row.narrative,
                )
            )
        document = PlanDocument(
            plan=PlanInfo(title=first.plan_title, period=period_from_title(first.plan_title)),
            report=ReportInfo(title=first.round, as_of=first.round_as_of or None),
            chapters=list(chapters.values()),
            measures=measures,
            language=detect_language(
                " ".join(
                    [
                        first.plan_title,
                        *(f"{m.title} {m.status_label or ''} {m.narrative}" for m in measures),
                    ]
                )
            ),
            source_format="exchange",
        )
        documents.append((slug, document))
    return documents


def import_exchange(
    rows: Sequence[ExchangeRow], *, source_name: str = "", source_sha256: str = ""
) -> list[ImportResult]:
    """Create or update plans, rounds and statuses from validated rows, in one transaction."""
    results: list[ImportResult] = []
    with transaction.atomic():
        for slug, document in rows_to_documents(rows):
            importer = _Importer(
                document, source_name=source_name, source_sha256=source_sha256, plan_slug=slug
            )
            try:
                results.append(importer.run())
            except ImportFailed as error:
                raise ImportFailed(f"{source_name or 'rows'}: {error}") from None
        send_plans_changed(result.plan_id for result in results if result.plan_id)
    return results
