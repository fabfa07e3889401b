"""Who may give and take access to a plan is decided in `tiltak.rounds.permissions`
(`can_manage_access`); accounts sits below rounds, so rounds registers that rule here when
Django starts and the services ask it. Without a registered rule nobody may."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied

Rule = Callable[[Any, int], bool]

_rule: Rule | None = None


def register(rule: Rule) -> None:
    """Use `rule(user, plan_id)` to decide who manages access to a plan."""
    global _rule
    _rule = rule


def may_manage_access(user: Any, plan_id: int) -> bool:
    """Whether `user` may invite people to the plan and take their access away."""
    return _rule is not None and _rule(user, plan_id)


def require_access_manager(user: Any, plan_id: int) -> None:
    """Raise PermissionDenied (HTTP 403 in views) unless `user` manages access to the plan."""
    if not may_manage_access(user, plan_id):
        raise PermissionDenied("Bare planens koordinator kan gi og ta bort tilgang.")
