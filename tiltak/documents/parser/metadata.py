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
_FRONT_MATTER_END = re.compile(
    r"^(innhold|innhald|innholdsfortegnelse|akronymer|forkortelser)$", re.I
)


def _front_blocks(blocks: list[Block]) -> list[Block]:
    """The blocks before the table of contents or the first chapter."""
    front: list[Block] = []
    for block in blocks[:40]:
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
        and not text.endswith(("_", "."))
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
    whole_text = " ".join(strip_markup(block.text) for block in blocks[:400])
    named = _NAMED_PLAN.search(whole_text)
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
