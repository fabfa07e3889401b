"""The format-neutral shape of a report: a title page and a list of blocks every renderer walks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class TitlePage:
    """The first page: who publishes, the plan, its subtitle and the round."""

    owner: str | None
    title: str
    subtitle: str | None
    round_title: str | None


@dataclass(frozen=True, slots=True)
class Toc:
    """The table of contents: every level-1 heading marked `toc`."""

    title: str = "Innhold"


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading; level 1 is a chapter, level 2 a measure or a sub-section."""

    level: int
    text: str
    anchor: str
    toc: bool = True


@dataclass(frozen=True, slots=True)
class Labels:
    """Label lines under a measure heading ("Ansvarlig departement: JD")."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Markdown:
    """Block Markdown from the data (a narrative or an introduction)."""

    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of plain text written by the report itself."""

    text: str
    note: bool = False
    """A footnote-like remark, set smaller."""


@dataclass(frozen=True, slots=True)
class Group:
    """A row spanning the table that names the rows below it (a chapter)."""

    text: str


@dataclass(slots=True)
class Table:
    """A data table: header row, body rows (or group rows), optional caption and note."""

    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...] | Group] = field(default_factory=list)
    caption: str | None = None
    note: str | None = None
    widths: tuple[float, ...] = ()
    """Relative column widths; empty for equal widths."""
    numeric: frozenset[int] = frozenset()
    """Columns holding numbers, set right-aligned."""
    row_headers: bool = False
    """The first cell of each row heads that row (th scope="row")."""
    label: str | None = None
    """A short accessible name when the table has no caption."""


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a stacked bar chart: a label and its count per status."""

    label: str
    counts: tuple[tuple[str, int], ...]
    """(status, count) in the chart's status order."""
    key: str = ""
    """What the bar stands for (a chapter number, an acronym); drawn as data-key."""


@dataclass(frozen=True, slots=True)
class Chart:
    """A stacked horizontal bar chart with a title and a text alternative."""

    title: str
    alt: str
    bars: tuple[Bar, ...]
    legend: tuple[tuple[str, str], ...]
    """(status, label) in drawing order; empty when the page shows the legend itself."""
    anchor: str = "figur"
    description: str = ""
    """The numbers in words for the SVG's <desc>; the title when empty."""


@dataclass(frozen=True, slots=True)
class PageBreak:
    """Start the next block on a new page where the format has pages."""


Block = Heading | Labels | Markdown | Paragraph | Table | Chart | Toc | PageBreak


@dataclass(slots=True)
class Report:
    """A whole report ready to render."""

    title: str
    """The document title for metadata and the browser tab."""
    title_page: TitlePage
    blocks: list[Block] = field(default_factory=list)
    language: str = "nb"
    author: str | None = None
    description: str | None = None
    watermark: str | None = None
    """A mark on every page («UTKAST» on a draft report); None on a published report."""
