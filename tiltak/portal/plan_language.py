"""A plan's written Norwegian on the public pages: the language of its status labels while one
plan's page renders, and the `lang` of the plan's own text where it differs from the page's."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.translation import get_language

from tiltak.documents.vocabulary import Language, labels_language

_plan_language: ContextVar[str | None] = ContextVar("plan_language", default=None)


@contextmanager
def plan_pages(language: str) -> Iterator[None]:
    """While a plan's page is built, status labels follow the plan's language too."""
    token = _plan_language.set(language)
    try:
        yield
    finally:
        _plan_language.reset(token)


def page_language() -> str:
    """The language of the page being built (the interface language)."""
    return get_language() or "nb"


def status_language(plan: str | None = None) -> Language:
    """The language of status labels now: for the plan written in `plan`, else for the plan
    whose page is being built, else the interface's."""
    return labels_language(page_language(), plan or _plan_language.get())


def declared_language(language: str | None) -> str:
    """`language` when text in it must say so (it is not the page's language), else ""."""
    return "" if not language or language == page_language() else language
