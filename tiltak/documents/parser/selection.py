"""Choosing the measures among the candidates: the most consistent sequence wins.

A document numbers its measures one way ("12." or "Tiltak 12:" or "BA1"), in ascending order,
and lists inside narratives use another style or restart. So the candidates are grouped by
marker style, each group keeps its longest ascending run, and the group that explains the
document best (many items, steps of one, an explicit "Tiltak" cue) is chosen.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from .candidates import Candidate

# How much each marker style says "this is a measure" when the counts are otherwise equal.
FAMILY_WEIGHT = {"tiltak": 3.0, "request": 3.0, "dot": 2.0, "paren": 1.5, "code": 2.0}
ITEM_WEIGHT = 1.0
# A second marker style scoring this share of the best makes the choice a close call.
CLOSE_CALL = 0.6
# Requests ("611 Stortinget ber …") are a series of their own beside the measures.
COMPANION_FAMILIES = ("request",)


@dataclass(slots=True)
class Selection:
    starts: list[Candidate]
    family: str
    numbered: bool
    """False when the measures are list items numbered by position."""
    confidence: float
    """How sure the choice is: the share of steps of exactly one between chosen numbers, lowered
    when another marker style explains the document almost as well."""
    runner_up: str | None = None
    """The marker style that came closest, when it came close."""


def ascending(items: list[Candidate]) -> list[Candidate]:
    """The longest run of strictly ascending numbers, per code prefix ("BA", "PU", "")."""
    by_prefix: dict[str, list[Candidate]] = defaultdict(list)
    for item in items:
        by_prefix[item.prefix].append(item)
    kept: list[Candidate] = []
    for series in by_prefix.values():
        kept.extend(_longest_increasing(series, key=lambda c: c.key))
    return sorted(kept, key=lambda c: c.index)


def _longest_increasing(
    items: list[Candidate], key: Callable[[Candidate], tuple[int, str]]
) -> list[Candidate]:
    tails: list[tuple[int, str]] = []
    tail_index: list[int] = []
    parent: list[int] = [-1] * len(items)
    for position, item in enumerate(items):
        value = key(item)
        slot = bisect_left(tails, value)
        if slot == len(tails):
            tails.append(value)
            tail_index.append(position)
        else:
            tails[slot] = value
            tail_index[slot] = position
        parent[position] = tail_index[slot - 1] if slot else -1
    chain: list[Candidate] = []
    position = tail_index[-1] if tail_index else -1
    while position >= 0:
        chain.append(items[position])
        position = parent[position]
    return chain[::-1]


def step_consistency(items: list[Candidate]) -> float:
    """Share of neighbours whose numbers step by exactly one (or one letter)."""
    if len(items) < 2:
        return 1.0
    good = 0
    for previous, current in pairwise(items):
        (a, x), (b, y) = previous.key, current.key
        if (b == a + 1 and not y) or (b == a and x and y and ord(y) == ord(x) + 1):
            good += 1
        elif current.prefix != previous.prefix and b == 1:
            good += 1  # a new code series ("PU1" after "BA4")
    return good / (len(items) - 1)


def select(found: list[Candidate], families: set[str] | None = None) -> Selection | None:
    """The chosen measure starts, or None when no family has two measures."""
    groups: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in found:
        if families is None or candidate.family in families:
            groups[candidate.family].append(candidate)
    best: Selection | None = None
    best_score = second_score = 0.0
    second: str | None = None
    for family, items in groups.items():
        if family == "letter" or family in COMPANION_FAMILIES:
            continue
        numbered = not family.startswith("item:")
        chain = ascending(items) if numbered else items
        if numbered and _all_same_number(items):
            # A list printed "1." "1." "1." (a lost auto-numbering): numbered by position.
            chain, numbered = items, False
        if len(chain) < 2 and not (family == "tiltak" and chain):
            continue
        consistency = step_consistency(chain) if numbered else 1.0
        weight = FAMILY_WEIGHT.get(family, ITEM_WEIGHT)
        score = len(chain) * weight * (0.5 + consistency / 2)
        if score > best_score:
            if best is not None:
                second, second_score = best.family, best_score
            best, best_score = Selection(chain, family, numbered, consistency), score
        elif score > second_score:
            second, second_score = family, score
    companions = [c for c in found if c.family in COMPANION_FAMILIES]
    if best is None:
        if len(companions) >= 2:
            return Selection(ascending(companions), "request", True, 1.0)
        return None
    best.starts = sorted(best.starts + ascending(companions), key=lambda c: c.index)
    if second is not None and second_score >= CLOSE_CALL * best_score:
        best.runner_up = second
        best.confidence *= 1 - second_score / best_score / 2
    return best


def _all_same_number(items: list[Candidate]) -> bool:
    return len(items) >= 3 and len({item.key for item in items}) == 1
