"""The accounts views stay thin as the workspace's do: no ORM queries of their own."""

from __future__ import annotations

from pathlib import Path

import pytest

import tiltak
from tests.rounds.test_thin_views import orm_uses

ACCOUNTS = Path(tiltak.__file__).parent / "accounts"
VIEWS = sorted(ACCOUNTS.glob("*views.py"))


def test_the_view_modules_are_there() -> None:
    names = {path.stem for path in VIEWS}
    assert names == {"views", "access_views", "invitation_views", "password_views"}


@pytest.mark.parametrize("path", VIEWS, ids=lambda p: p.name)
def test_no_orm_in_accounts_views(path: Path) -> None:
    assert orm_uses(path.read_text(encoding="utf-8")) == [], "query through a selector"
