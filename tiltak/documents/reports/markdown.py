"""A report as Markdown (CommonMark with GFM tables), for version control and diffs.

Narratives are written as stored, so a diff shows exactly what a ministry changed. There is
no table of contents and no chart: Git forges build the contents from the headings, and the
chart's numbers are in the table that follows it.
"""

from __future__ import annotations

from .markup import escape_markdown
from .tree import Chart, Group, Heading, Labels, Markdown, PageBreak, Paragraph, Report, Table, Toc


def render_markdown(report: Report) -> str:
    """The report as one Markdown document."""
    page = report.title_page
    parts: list[str] = []
    if page.owner:
        parts.append(escape_markdown(page.owner))
    parts.append("# " + escape_markdown(page.title))
    if page.subtitle:
        parts.append(escape_markdown(page.subtitle))
    if page.round_title:
        parts.append("**" + escape_markdown(page.round_title) + "**")
    for block in report.blocks:
        if isinstance(block, (Toc, PageBreak, Chart)):
            continue
        if isinstance(block, Heading):
            parts.append("#" * (block.level + 1) + " " + escape_markdown(block.text))
        elif isinstance(block, Labels):
            parts += [f"**{name}:** {escape_markdown(value)}" for name, value in block.items]
        elif isinstance(block, Markdown):
            parts.append(block.text.strip())
        elif isinstance(block, Paragraph):
            text = escape_markdown(block.text)
            parts.append(f"*{text}*" if block.note else text)
        elif isinstance(block, Table):
            parts += _table(block)
    return "\n\n".join(part for part in parts if part) + "\n"


def _cell(text: str) -> str:
    return escape_markdown(text).replace("|", "\\|")


def _table(table: Table) -> list[str]:
    if not table.header:
        # A two-column definition table (the acronym list) reads best as a list.
        return ["\n".join(f"- **{_cell(row[0])}**: {_cell(row[1])}" for row in _rows(table))]
    parts = []
    if table.caption:
        parts.append(f"**{escape_markdown(table.caption)}**")
    lines = ["| " + " | ".join(_cell(text) for text in table.header) + " |"]
    lines.append(
        "|"
        + "|".join(" ---: " if i in table.numeric else " --- " for i in range(len(table.header)))
        + "|"
    )
    title_column = 1 if len(table.header) > 2 else 0
    for row in table.rows:
        if isinstance(row, Group):
            cells = [""] * len(table.header)
            cells[title_column] = f"**{_cell(row.text)}**"
            lines.append("| " + " | ".join(cells) + " |")
        else:
            lines.append("| " + " | ".join(_cell(text) for text in row) + " |")
    parts.append("\n".join(lines))
    if table.note:
        parts.append(f"*{escape_markdown(table.note)}*")
    return parts


def _rows(table: Table) -> list[tuple[str, ...]]:
    return [row for row in table.rows if isinstance(row, tuple)]
