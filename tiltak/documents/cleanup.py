"""Cleaning blocks before parsing: inline markup, page furniture, pull quotes, broken words."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import replace

from .blocks import INFERRED_SPACE, Block, BlockDocument, BlockKind
from .normalise.lexicon import norwegian_lexicon
from .normalise.organisations import OrganisationRegistry
from .normalise.words import WordRepair, vocabulary
from .parser.linear_tables import relinearise

_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\ufffe\u0002]")
_HTML_INLINE = (
    (re.compile(r"</?(?:i|em)>", re.I), "*"),
    (re.compile(r"</?(?:b|strong)>", re.I), "**"),
    (re.compile(r"<(?:ul|ol|li|span|div|p|br)\b[^>]*>|</(?:ul|ol|li|span|div|p)>", re.I), " "),
)
_PAGE_NUMBER = re.compile(
    r"^(?:_?\d{1,3}_?|side \d{1,3}(?: av \d{1,3})?|\d{1,3} ?/ ?\d{1,3})$", re.I
)
_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$")
# How many blocks away from the text it repeats a pull quote may stand.
PULL_QUOTE_REACH = 25
LABEL_LINE = re.compile(r"^[A-ZÆØÅ][\wæøåÆØÅ /()-]{1,40}:(?:\s|$)")
_NUMBERED = re.compile(r"^\s*\d{1,3}[a-z]?(?:\.|\s)")


# What web pages and document sites put around a plan: navigation, sharing, photo credits,
# cookie notices, a transcript site's page markers. Never a title, a chapter or a measure.
_SITE_CHROME = re.compile(
    r"^(?:til (?:innholdsfortegnelse|innhaldsliste|hovedinnhold|hovudinnhald|toppen)"
    r"|hopp til (?:hoved)?innhold(?:et)?|del|del (?:på|siden|sida).*|skriv ut|lukk|meny|søk"
    r"|illustrasjonsfoto\.?|foto:.{0,80}|no results found|n/a|protected|copied!?|fulltekst"
    r"|laster\.{2,}.*|share [\"“].*|academic year: \d{4}|\(\d{1,3}\)|page \d{1,4}:.*"
    r"|transcript of .*|sist (?:oppdatert|endret):?.{0,40}|publisert:?.{0,40}|\d{1,4}"
    r"|\(©[^)]{0,40}\))$",
    re.I,
)
# A table of contents entry: dot leaders and a page number. The measures come later in full.
_TOC_ENTRY = re.compile(r"\S\s*(?:\.\s?){4,}\s*\d{1,4}$|\S\s*…+\s*\d{1,4}$")
# A photo caption ends with its credit: "… Foto: Statsbygg / Trond Isaksen."
_PHOTO_CREDIT = re.compile(r"\b(?:Foto|Illustrasjon|Ill\.)\s*:\s*[^.:]{2,80}\.?$")


# Navigation and sharing lines are short; captions and cookie notices a little longer; a longer
# text is content whatever words it has.
MAX_NAVIGATION = 120
MAX_CHROME = 600


def _is_chrome(text: str) -> bool:
    if len(text) > MAX_CHROME:
        return False
    if _TOC_ENTRY.search(text):
        return True
    text = " ".join(text.split()).strip("*_ ")
    if len(text) <= MAX_NAVIGATION and _SITE_CHROME.match(text):
        return True
    lowered = text.casefold()
    return (("foto" in lowered or "ill" in lowered) and _PHOTO_CREDIT.search(text) is not None) or (
        "... · " in text  # a search engine's snippet of the page
        or "informasjonskapsler" in lowered
        or "cookies" in lowered
    )


def _without_site_chrome(blocks: list[Block]) -> list[Block]:
    """Blocks that are site chrome dropped, and chrome lines at the start or end of a block."""
    kept = []
    for block in blocks:
        if block.kind is BlockKind.TABLE_ROW:
            kept.append(block)
            continue
        lines = block.text.split("\n")
        while len(lines) > 1 and _is_chrome(lines[0]):
            lines.pop(0)
        while len(lines) > 1 and _is_chrome(lines[-1]):
            lines.pop()
        if not _is_chrome("\n".join(lines)):
            kept.append(
                block
                if len(lines) == block.text.count("\n") + 1
                else replace(block, text="\n".join(lines))
            )
    return kept


def clean(document: BlockDocument) -> list[Block]:
    """The blocks of a document, ready for the parser."""
    blocks = [_clean_inline(block) for block in document.blocks]
    # First, while every cell is still a line of its own (chrome and joining would mangle them).
    blocks = relinearise(blocks, OrganisationRegistry())
    blocks = _without_site_chrome(blocks)
    if not (document.hard_wrapped or looks_hard_wrapped(blocks)):
        return [block for block in blocks if block.text.strip() or block.cells]
    blocks = _drop_page_furniture(blocks)
    if not _line_ends_marked(blocks):
        # Without the trailing-space signal every line end counts as a word boundary; only the
        # dictionary and the document's own words then say that a word was broken.
        blocks = [replace(block, text=re.sub(r"(?<! )\n", " \n", block.text)) for block in blocks]
    repair = WordRepair(
        norwegian_lexicon(),
        vocabulary(block.text for block in blocks),
        word_spaces=document.word_spaces,
    )
    blocks = [_unwrap(block, repair) for block in blocks]
    return _drop_pull_quotes([block for block in blocks if block.text.strip()])


def clean_inline(text: str) -> str:
    """Text with HTML inline tags as Markdown, invisible characters gone and spaces made plain."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub("\u00ad\\s*\n\\s*", "", text).replace("\u00ad", "")
    text = _INVISIBLE.sub("", text)
    text = re.sub(r"(\d[–-])[ \t]*\n\s*(?=\d)", r"\1", text)  # "(2024–\n2028)"
    for pattern, replacement in _HTML_INLINE:
        text = pattern.sub(replacement, text)
    return re.sub(r"[ \t]{2,}(?!\n)", " ", text) if "\t" not in text else text


# A hyphen that ends a line inside a table cell stays with its word ("overgrep/Nok.-\nsentrene"),
# unless the next word finishes a shortened compound ("Barne-\nog familiedepartementet").
_CELL_LINE_END_HYPHEN = re.compile(r"(?<=[\w.)])-[ \t]*\n\s*(?=[^\W\d_])(?!(?:og|eller|and|or)\b)")


def _clean_inline(block: Block) -> Block:
    if block.kind is BlockKind.TABLE_ROW:
        cells = tuple(
            " ".join(_CELL_LINE_END_HYPHEN.sub("-", clean_inline(cell)).split())
            for cell in block.cells
        )
        return replace(block, cells=cells, text="\t".join(cells))
    return replace(block, text=clean_inline(block.text))


def looks_hard_wrapped(blocks: list[Block]) -> bool:
    """True when paragraphs are broken into layout lines, as text extracted from a PDF is."""
    paragraphs = [block.text.split("\n") for block in blocks if block.kind is BlockKind.PARAGRAPH]
    lines = [line for paragraph in paragraphs for line in paragraph]
    wrapped = [line for paragraph in paragraphs if len(paragraph) > 1 for line in paragraph]
    if len(lines) < 10 or len(wrapped) < 0.5 * len(lines):
        return False
    return statistics.median(len(line) for line in wrapped) < 100


def _line_ends_marked(blocks: list[Block]) -> bool:
    """True when the text ends lines that end a word with a space, as PDF text layers do."""
    ends = [
        line.endswith(" ")
        for block in blocks
        if block.kind is not BlockKind.TABLE_ROW
        for line in block.text.split("\n")[:-1]
    ]
    return len(ends) >= 10 and sum(ends) >= 0.3 * len(ends)


def _drop_page_furniture(blocks: list[Block]) -> list[Block]:
    """Without page numbers, link-target lists and running headers (short lines seen 3+ times)."""
    # A running header stands alone in its block and repeats; single words ("JD") do not count.
    line_counts = Counter(block.text.strip() for block in blocks if "\n" not in block.text.strip())
    seen: set[str] = set()
    kept: list[Block] = []
    for block in blocks:
        if block.kind is BlockKind.TABLE_ROW:
            kept.append(block)
            continue
        lines = []
        for line in block.text.split("\n"):
            key = line.strip()
            # A link target list repeats its addresses; a single address is content.
            if _PAGE_NUMBER.match(key) or (_URL_ONLY.match(key) and line_counts[key] >= 2):
                continue
            running = (
                line_counts[key] >= 3
                and ((" " in key and any(char.islower() for char in key)) or key.endswith("_"))
                and len(key) <= 80
                and not _NUMBERED.match(key)
                and not LABEL_LINE.match(key)
            )
            marker = key.endswith("_") and line_counts[key] >= 2 and len(block.text.split("\n")) > 1
            if (running and key in seen) or marker:
                continue
            seen.add(key)
            lines.append(line)
        if any(line.strip() for line in lines):
            kept.append(replace(block, text="\n".join(lines)))
    return kept


def _unwrap(block: Block, repair: WordRepair) -> Block:
    """Layout lines joined into one, except around label lines ("Ansvarlig: JD")."""
    if block.kind is BlockKind.TABLE_ROW:
        if INFERRED_SPACE not in block.text:
            return block
        cells = tuple(cell.replace(INFERRED_SPACE, " ") for cell in block.cells)
        return replace(block, cells=cells, text=block.text.replace(INFERRED_SPACE, " "))
    segments: list[list[str]] = []
    # Labels stacked above their values ("Ansvarlig:\nGjennomføring:\nJD, AD\n2014–2017")
    # keep one value per line.
    stacked = 0
    values_left = 0
    for line in block.text.split("\n"):
        starts_label = bool(LABEL_LINE.match(line.strip()))
        label_only = starts_label and line.strip().endswith(":")
        if label_only:
            stacked += 1
            values_left = 0
        elif stacked:
            values_left, stacked = stacked, 0
        if not segments or starts_label or values_left:
            segments.append([])
        segments[-1].append(line)
        if values_left and not label_only:
            values_left -= 1
    text = "\n".join(repair.unwrap("\n".join(segment)) for segment in segments)
    return replace(block, text=text)


def _normalised(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _drop_pull_quotes(blocks: list[Block]) -> list[Block]:
    """Without paragraphs that repeat text found in another block (a designer's pull quotes)."""
    texts = [_normalised(block.text) for block in blocks]
    everything = "\x00".join(texts)
    kept = []
    for index, (block, text) in enumerate(zip(blocks, texts, strict=True)):
        # Pull quotes are sentences; a heading repeated in the text is not one.
        candidate = (
            block.kind is BlockKind.PARAGRAPH
            and not block.text.lstrip()[:1].islower()  # a page's continuation, not a quote
            and len(text.split()) >= 6
            and block.text.rstrip().endswith((".", "!", "?", "»", "”", '"'))
            and not _NUMBERED.match(block.text)
            and everything.count(text) >= 2
        )
        # A pull quote stands near the text it repeats: inside a longer block, or an earlier copy.
        nearby = range(max(0, index - PULL_QUOTE_REACH), min(len(texts), index + PULL_QUOTE_REACH))
        if candidate and any(
            other != index
            and text in texts[other]
            and (len(texts[other]) > len(text) or other < index)
            for other in nearby
        ):
            continue
        kept.append(block)
    return kept
