"""A report as one standalone, accessible HTML page (also the source of the PDF)."""

from __future__ import annotations

from .chart import svg
from .markup import escape, to_html
from .tree import (
    Block,
    Chart,
    Group,
    Heading,
    Labels,
    Markdown,
    PageBreak,
    Paragraph,
    Report,
    Table,
    Toc,
)

CSS = """
:root { color: #1e1e1e; background: #fff; }
body { font-family: 'DejaVu Sans', Verdana, system-ui, sans-serif; font-size: 1rem;
  line-height: 1.5; margin: 0 auto; max-width: 48rem; padding: 1rem 1.25rem 4rem; }
a { color: #0b4f8a; }
a:focus { outline: 3px solid #f5a623; outline-offset: 2px; }
.title-page { margin: 2rem 0 3rem; }
.title-page .owner { font-size: 1.1rem; margin: 0 0 2rem; }
.title-page h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 1rem; }
.title-page .subtitle { font-size: 1.4rem; margin: 0 0 .5rem; }
.title-page .round { font-size: 1.4rem; font-weight: bold; margin: 0; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 1rem; line-height: 1.25; }
h3 { font-size: 1.15rem; margin: 2rem 0 .5rem; line-height: 1.3; }
h4, h5, h6 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
h1, h2, h3, h4, h5, h6, caption { overflow-wrap: break-word; hyphens: auto; }
p, li { overflow-wrap: anywhere; }
.table-scroll { overflow-x: auto; margin: 0 0 1rem;
  background: linear-gradient(to right, #fff 30%, transparent) left / 2.5rem 100% no-repeat local,
    linear-gradient(to left, #fff 30%, transparent) right / 2.5rem 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgb(0 0 0 / 30%), transparent) left / .9rem 100%
      no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgb(0 0 0 / 30%), transparent) right / .9rem 100%
      no-repeat scroll; }
.table-scroll > table { margin: 0; }
.table-scroll > table > caption { position: sticky; left: 0; max-width: calc(100vw - 2rem); }
@media (max-width: 40rem) { body { padding-inline: 1rem; }
  .title-page { margin: 1rem 0 2rem; } .title-page h1 { font-size: 1.6rem; } }
p, ul, ol { margin: 0 0 .8rem; }
.labels { margin: 0 0 .8rem; }
.labels p { margin: 0; }
.labels .label { font-weight: bold; }
nav.toc ol { list-style: none; padding: 0; }
nav.toc li { margin: .25rem 0; }
table { border-collapse: collapse; width: 100%; margin: 0 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: bold; padding: 0 0 .4rem; }
th, td { border: 1px solid #6b6b6b; padding: .3rem .45rem; text-align: left;
  vertical-align: top; }
thead th { background: #e8eef4; }
th.group { background: #f2f2f2; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.acronyms th { width: 7rem; font-weight: bold; }
.note { font-size: .9rem; }
figure { margin: 1.5rem 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-weight: bold; margin: 0 0 .5rem; }
@media print {
  @page { size: A4; margin: 2.2cm 2cm 2.4cm;
    @bottom-center { content: counter(page); font-size: 9pt;
      font-family: 'DejaVu Sans', sans-serif; } }
  @page :first { @bottom-center { content: none; } }
  body { max-width: none; padding: 0; font-size: 10.5pt; line-height: 1.4; }
  .table-scroll { overflow: visible; background: none; }
  h1, h2, h3, h4, h5, h6, caption { hyphens: manual; }
  p, li { overflow-wrap: normal; }
  .title-page { page: title; margin: 5cm 0 0; }
  .title-page h1 { font-size: 24pt; }
  .title-page .subtitle, .title-page .round { font-size: 16pt; }
  h2 { font-size: 16pt; margin: 0 0 12pt; break-after: avoid; }
  h3 { font-size: 12pt; margin: 16pt 0 6pt; break-after: avoid; }
  .labels { break-before: avoid; }
  .page-break { break-before: page; }
  h2.toc-heading { margin-top: 0; }
  nav.toc { break-before: page; }
  nav.toc a { text-decoration: none; color: inherit; }
  nav.toc a::after { content: leader('.') " " target-counter(attr(href url), page); }
  a { color: #0b4f8a; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  tr, figure { break-inside: avoid; }
  h1 { bookmark-level: none; }
}
"""


def render_html(report: Report) -> str:
    """The report as a complete HTML document."""
    headings = [b for b in report.blocks if isinstance(b, Heading) and b.level == 1 and b.toc]
    body: list[str] = [_title_page(report)]
    pending_break = False
    for block in report.blocks:
        if isinstance(block, PageBreak):
            pending_break = True
            continue
        body.append(_block(block, headings, pending_break))
        pending_break = False
    meta = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
    ]
    if report.author:
        meta.append(f'<meta name="author" content="{escape(report.author)}">')
    if report.description:
        meta.append(f'<meta name="description" content="{escape(report.description)}">')
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(report.language)}">\n<head>\n'
        + "\n".join(meta)
        + f"\n<title>{escape(report.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "<main>\n"
        + "\n".join(part for part in body if part)
        + "\n</main>\n</body>\n</html>\n"
    )


def _title_page(report: Report) -> str:
    page = report.title_page
    parts = ['<div class="title-page">']
    if page.owner:
        parts.append(f'<p class="owner">{escape(page.owner)}</p>')
    parts.append(f"<h1>{escape(page.title)}</h1>")
    if page.subtitle:
        parts.append(f'<p class="subtitle">{escape(page.subtitle)}</p>')
    if page.round_title:
        parts.append(f'<p class="round">{escape(page.round_title)}</p>')
    parts.append("</div>")
    return "\n".join(parts)


def _block(block: Block, headings: list[Heading], page_break: bool) -> str:
    css = ' class="page-break"' if page_break else ""
    if isinstance(block, Toc):
        items = "\n".join(
            f'<li><a href="#{escape(h.anchor)}">{escape(h.text)}</a></li>' for h in headings
        )
        return (
            f'<nav class="toc" aria-labelledby="innhold">\n'
            f'<h2 id="innhold" class="toc-heading">{escape(block.title)}</h2>\n'
            f"<ol>\n{items}\n</ol>\n</nav>"
        )
    if isinstance(block, Heading):
        level = block.level + 1
        return f'<h{level} id="{escape(block.anchor)}"{css}>{escape(block.text)}</h{level}>'
    if isinstance(block, Labels):
        lines = "".join(
            f'<p><span class="label">{escape(name)}:</span> {escape(value)}</p>'
            for name, value in block.items
        )
        return f'<div class="labels">{lines}</div>'
    if isinstance(block, Markdown):
        return to_html(block.text)
    if isinstance(block, Paragraph):
        note = ' class="note"' if block.note else ""
        return f"<p{note}>{escape(block.text)}</p>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Chart):
        return (
            f'<figure aria-labelledby="{escape(block.anchor)}-caption">'
            f'<figcaption id="{escape(block.anchor)}-caption">{escape(block.title)}</figcaption>'
            f"{svg(block)}</figure>"
        )
    return ""


def _table(table: Table) -> str:
    width = len(table.header) or max(
        (len(r) for r in table.rows if isinstance(r, tuple)), default=1
    )
    parts = ["<table" + ("" if table.header else ' class="acronyms"')]
    if table.label and not table.caption:
        parts.append(f' aria-label="{escape(table.label)}"')
    parts.append(">")
    if table.caption:
        parts.append(f"<caption>{escape(table.caption)}</caption>")
    if table.widths:
        total = sum(table.widths)
        parts.append(
            "<colgroup>"
            + "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in table.widths)
            + "</colgroup>"
        )
    if table.header:
        cells = "".join(
            f'<th scope="col"{_num(table, i)}>{escape(text)}</th>'
            for i, text in enumerate(table.header)
        )
        parts.append(f"<thead><tr>{cells}</tr></thead>")
    parts.append("<tbody>")
    for row in table.rows:
        if isinstance(row, Group):
            parts.append(
                f'<tr><th scope="colgroup" colspan="{width}" class="group">'
                f"{escape(row.text)}</th></tr>"
            )
            continue
        cells_html = []
        for i, text in enumerate(row):
            if i == 0 and table.row_headers:
                cells_html.append(f'<th scope="row">{escape(text)}</th>')
            else:
                cells_html.append(f"<td{_num(table, i)}>{escape(text)}</td>")
        parts.append("<tr>" + "".join(cells_html) + "</tr>")
    parts.append("</tbody></table>")
    html = _scroll_region(table, "".join(parts))
    if table.note:
        html += f'\n<p class="note">{escape(table.note)}</p>'
    return html


def _num(table: Table, index: int) -> str:
    return ' class="num"' if index in table.numeric else ""


def _scroll_region(table: Table, html: str) -> str:
    """The table in a region that scrolls sideways on a narrow screen, named for keyboard users."""
    name = table.caption or table.label
    label = f' role="region" aria-label="{escape(name)}"' if name else ""
    return f'<div class="table-scroll" tabindex="0"{label}>{html}</div>'
