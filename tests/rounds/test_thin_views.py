"""The web views of the workspace and the write API's endpoints stay thin: no ORM queries of
their own (selectors read, services change) and small modules (issue 15)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import tiltak

ROOT = Path(tiltak.__file__).parent
VIEWS = sorted((ROOT / "rounds" / "views").glob("*.py"))
ENDPOINTS = sorted((ROOT / "api" / "write").glob("endpoints*.py"))
MAX_VIEW_LINES = 200
# QuerySet methods whose names nothing else in these modules has (not get, update or pop).
QUERYSET_METHODS = frozenset((
    "filter", "exclude", "order_by", "exists", "all", "first", "last", "select_related",
    "prefetch_related", "values", "values_list", "aggregate", "annotate", "distinct", "only",
    "defer", "get_or_create", "update_or_create", "create", "delete", "bulk_create",
    "bulk_update", "in_bulk", "iterator", "earliest", "latest", "raw", "extra", "union", "none",
))  # fmt: skip


def orm_uses(source: str) -> list[str]:
    """Where the source uses a manager (`.objects`) or calls a QuerySet method, as 'line: name'."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            found.append(f"{node.lineno}: .objects")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            if name in QUERYSET_METHODS or (name == "count" and not node.args):
                found.append(f"{node.lineno}: .{name}()")
    return sorted(found)


def test_the_checker_finds_queries() -> None:
    source = (
        "plan = Plan.objects.filter(slug=s).first()\n"
        "found = rnd.entries.exists()\n"
        "n = rnd.entries.count()\n"
        "value = request.POST.get('x')\n"
        "context.update({'a': 1})\n"
        "times = items.count('x')\n"
    )
    assert orm_uses(source) == [
        "1: .filter()",
        "1: .first()",
        "1: .objects",
        "2: .exists()",
        "3: .count()",
    ]


def test_the_modules_are_there() -> None:
    names = {path.stem for path in VIEWS}
    assert {"editors", "coordinators", "review"} <= names
    assert [path.stem for path in ENDPOINTS] == ["endpoints"]


@pytest.mark.parametrize("path", VIEWS + ENDPOINTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_orm_in_views_or_endpoints(path: Path) -> None:
    assert orm_uses(path.read_text(encoding="utf-8")) == [], "query through a selector"


@pytest.mark.parametrize("path", VIEWS, ids=lambda p: p.name)
def test_views_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_VIEW_LINES, f"{path.name} has {lines} lines; split it by audience"
