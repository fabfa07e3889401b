"""Who acts, and what the current service calls the action: set by services
(`audit_context`) and, for web requests, by `AuditMiddleware`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any

from django.http import HttpRequest, HttpResponse


@dataclass(frozen=True, slots=True)
class AuditContext:
    """Who acts, and what the current service calls the action."""

    actor: Any = None
    request: HttpRequest | None = None
    action: str = ""
    reason: str = ""
    actor_name: str = ""  # who acts when there is no user: a command's operator ("cli:alice")

    def user(self) -> Any:
        """The acting user, if any is known and signed in."""
        actor = self.actor
        if actor is None and self.request is not None:
            actor = getattr(self.request, "user", None)
        if actor is None or not getattr(actor, "is_authenticated", False):
            return None
        return actor


_context: ContextVar[AuditContext] = ContextVar("tiltak_audit", default=AuditContext())  # noqa: B039


def current() -> AuditContext:
    """The context changes are recorded in now."""
    return _context.get()


@contextmanager
def audit_context(
    *, actor: Any = None, action: str = "", reason: str = "", actor_name: str = ""
) -> Iterator[AuditContext]:
    """Changes inside the block are recorded with this actor, action and reason; actor_name
    names an actor that is not a user (a command's operator)."""
    now = _context.get()
    new = replace(
        now,
        actor=actor if actor is not None else now.actor,
        action=action or now.action,
        reason=reason or now.reason,
        actor_name=actor_name or now.actor_name,
    )
    token = _context.set(new)
    try:
        yield new
    finally:
        _context.reset(token)


class AuditMiddleware:
    """Makes the request's user the actor of every change recorded while it is served."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _context.set(AuditContext(request=request))
        try:
            return self.get_response(request)
        finally:
            _context.reset(token)
