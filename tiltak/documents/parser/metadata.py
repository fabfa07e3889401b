"""Plan and report metadata: title, subtitle, period, owner, report title and as-of date."""

from __future__ import annotations

import re

from ..blocks import Block, BlockKind
from ..model import PlanInfo, ReportInfo
from .units import strip_markup

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januar",),
            ("februar",),
            ("mars",),
            ("april",),
            ("mai",),
            ("juni",),
            ("juli",),
            ("august",),
            ("september",),
            ("oktober",),
            ("november",),
            ("desember",),
        ),
        start=1,
    )
    for name in names
}
_PERIOD = re.compile(r"\b((?:19|20)\d{2})\s*[–—-]\s*((?:19|20)\d{2})\b")
_AS_OF = re.compile(
    r"\bper\s+(?:(\d{1,2})\.\s*)?(" + "|".join(MONTHS) + r")\s+((?:19|20)\d{2})", re.I
)
_REPORT_TITLE = re.compile(
    r"^(?:status(?:rapport|rapportering)?|rapport(?:ering)?|oppfølging)\b.*\b(?:19|20)\d{2}",
    re.I,
)
_OWNER = re.compile(
    r"^(?=.{5,90}$)[A-ZÆØÅ][\wæøå ,-]*(?:departementet|direktoratet)$|^Statsministerens kontor$"
)
_NAMED_PLAN = re.compile(
    r"\b(Strategien|Handlingsplanen|Opptrappingsplanen|Planen|Tiltaksplanen|Strategi)\s+"
    r"[«\"“]([^»\"”]{10,200})[»\"”]"
)
_KINDS = {
    "opptrappingsplan": "opptrappingsplan",
    "handlingsplan": "handlingsplan",
    "tiltaksplan": "handlingsplan",
    "strategi": "strategi",
}
# A white paper's or proposition's number: "Meld. St. 27 (2022–2023)", "NOU 2020: 3".
_DOCUMENT_NUMBER = re.compile(
    r"(?:Meld\.\s*St\.|St\.\s*meld\.|Prop\.|Innst\.)\s*\d{1,4}(?:\s*[A-Z]{1,2})?\s*"
    r"\((?:19|20)\d{2}\s*[–-]\s*(?:19|20)\d{2}\)|NOU\s+(?:19|20)\d{2}\s*:\s*\d{1,3}"
)
_PLAN_WORDS = re.compile(r"handlingsplan|strategi|opptrappingsplan|tiltaksplan|\bplan\b", re.I)
# A plan named in running text: "Handlingsplan mot negativ sosial kontroll, … har fem …".
_PLAN_IN_PROSE = re.compile(
    r"(?:(?:Regjeringens|Regjeringas)\s+(?:handlingsplan|strategi|opptrappingsplan|tiltaksplan)"
    r"|Handlingsplan|Strategi|Opptrappingsplan|Tiltaksplan)\s+(?:for|mot|om)\s+(?:[^.]|\.\d){5,150}?"
    r"(?=\s+(?:er|har|inneholder|inneheld|skal|ble|vart|vil|gir|gjev)\b)"
)
# Title and subtitle run together on one line: "Et samfunn for alle Regjeringens handlingsplan …".
_GLUED_SUBTITLE = re.compile(
    r"^(?P<title>.{10,}?[a-zæøå])\s*(?P<subtitle>(?:Regjeringens|Regjeringas)\s+"
    r"(?:handlingsplan|strategi|opptrappingsplan|tiltaksplan)\b.*)$"
)
_FRONT_MATTER_END = re.compile(
    r"^(innhold|innhald|innholdsfortegnelse|akronymer|forkortelser)$", re.I
)


def _front_blocks(blocks: list[Block]) -> list[Block]:
    """The blocks before the table of contents or the first chapter."""
    front: list[Block] = []
    for block in blocks[:40]:
        if block.kind is BlockKind.LIST_ITEM:
            continue
        text = strip_markup(block.text)
        if _FRONT_MATTER_END.match(text) or block.kind is BlockKind.TABLE_ROW:
            break
        if (re.match(r"^\d+\.?\s", text) and front) or len(text) > 250:
            break
        front.append(block)
    return front


def front_matter_size(blocks: list[Block]) -> int:
    """How many blocks the title page takes (owner, title, subtitle, report title)."""
    return len(_front_blocks(blocks))


def plan_info(blocks: list[Block], declared_title: str | None = None) -> PlanInfo:
    """Title, subtitle, period, owner and kind of the plan."""
    front = [" ".join(strip_markup(block.text).split()) for block in _front_blocks(blocks)]
    owner = next((text for text in front[:5] if _OWNER.match(text)), None)
    candidates = [
        text
        for text in front
        if text != owner
        and not _REPORT_TITLE.match(text)
        and 3 < len(text) <= 200
        and not text.endswith(("_", ".", ":"))
        and not text[:1].islower()  # a dateline or a fragment, not a title
        and not _DOCUMENT_NUMBER.fullmatch(text)
    ]
    bold = [
        " ".join(strip_markup(block.text).split())
        for block in _front_blocks(blocks)
        if block.style in ("bold", "Title")
        or (block.kind is BlockKind.HEADING and block.level <= 1)
    ]
    title = bold[0] if bold and len(bold[0]) <= 200 else (candidates[0] if candidates else None)
    subtitle = None
    if title and title in candidates:
        following = candidates[candidates.index(title) + 1 :]
        if following and len(following[0]) < 120:
            subtitle = following[0]
    glued = _GLUED_SUBTITLE.match(title or "")
    if glued:
        title, subtitle = glued.group("title"), glued.group("subtitle")
    whole_text = " ".join(strip_markup(block.text) for block in blocks[:400])
    named = _NAMED_PLAN.search(whole_text)
    if not named and (title is None or not _PLAN_WORDS.search(title)):
        title = _title_elsewhere(blocks, front) or title
    if title is None or title.endswith("_"):
        if named:
            title = " ".join(named.group(2).split())
        elif declared_title:
            title = declared_title
        else:
            title = "Uten tittel"
    period_match = _PERIOD.search(title) or (
        _PERIOD.search(whole_text[named.end() : named.end() + 200]) if named else None
    )
    if period_match is None:
        period_match = re.search(r"perioden\s+" + _PERIOD.pattern, whole_text)
    period = (int(period_match.group(1)), int(period_match.group(2))) if period_match else None
    kind_source = (title + " " + (named.group(1) if named else "")).casefold()
    kind = next((kind for word, kind in _KINDS.items() if word in kind_source), None)
    return PlanInfo(title=title, subtitle=subtitle, period=period, owner=owner, kind=kind)


def _title_elsewhere(blocks: list[Block], front: list[str]) -> str | None:
    """A plan named in the text, or the document number a section of a white paper shows."""
    for block in blocks[:400]:
        named = _PLAN_IN_PROSE.search(strip_markup(block.text))
        if named:
            return " ".join(named.group(0).split())
    for text in front:
        number = _DOCUMENT_NUMBER.search(text)
        if number and number.group(0) != text:
            return number.group(0)
    return None


def report_info(blocks: list[Block]) -> ReportInfo | None:
    """The status report's title and as-of date, or None when the document is a plan."""
    front = [" ".join(strip_markup(block.text).split()) for block in _front_blocks(blocks)]
    title = next((text for text in front if _REPORT_TITLE.match(text) and len(text) < 100), None)
    if title is None:
        return None
    whole_text = " ".join(strip_markup(block.text) for block in blocks[:300])
    as_of = _AS_OF.search(title) or _AS_OF.search(whole_text)
    iso: str | None
    if as_of:
        day, month, year = as_of.group(1), MONTHS[as_of.group(2).lower()], as_of.group(3)
        iso = f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")
    else:
        year_match = re.search(r"(?:19|20)\d{2}", title)
        iso = year_match.group(0) if year_match else None
    return ReportInfo(title=title, as_of=iso)
