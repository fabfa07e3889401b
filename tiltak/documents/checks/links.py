"""Rules on links: Markdown links without a target, and malformed web addresses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..model import Finding, Severity
from ..parser.units import strip_markup
from .context import CheckContext
from .registry import finding, rule
from .text import Place, excerpt, places

# [text](target): text may hold escaped brackets and parentheses, target balanced parentheses.
MARKDOWN_LINK = re.compile(
    r"(?<!!)\[((?:\\.|[^\[\]\\])*)\]\(\s*((?:[^()\s]|\([^()\s]*\))*)\s*(?:\"[^\"]*\")?\)"
)
AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*|www\.[^<>\s]*)>")
# Anything that starts like a web address: a scheme (also mistyped, "htp:/", "http//") or www.
BARE_URL = re.compile(
    r"(?<![\w@/.-])(?:(?:https?|ftp|htps?|htp|http)(?::/{0,3}|/{2})|www\.)[^\s<>\[\]«»\"]*",
    re.I,
)
_TRAILING = ".,;:!?)»”'*"
_LABEL = re.compile(r"^(?!-)[a-z0-9æøå-]{1,63}(?<!-)$", re.I)
_TLD = re.compile(r"^(?:[a-z]{2,63}|xn--[a-z0-9-]+)$", re.I)


def links(text: str) -> Iterator[tuple[str, str]]:
    """(text, target) of every Markdown link and autolink."""
    if "](" not in text and "<" not in text:
        return
    for match in MARKDOWN_LINK.finditer(text):
        yield strip_markup(match.group(1)), match.group(2)
    for match in AUTOLINK.finditer(text):
        yield match.group(1), match.group(1)


def _bare_urls(text: str) -> Iterator[str]:
    folded = text.casefold()
    if "www." not in folded and "/" not in folded:
        return
    text = AUTOLINK.sub(" ", MARKDOWN_LINK.sub(lambda m: m.group(1), text))
    for match in BARE_URL.finditer(text):
        url = match.group(0)
        while url and url[-1] in _TRAILING:
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break
            url = url[:-1]
        yield url


def url_problem(url: str) -> str | None:
    """Why a web address is malformed, in Norwegian, or None when it looks right."""
    if any(c.isspace() for c in url):
        return "adressen inneholder mellomrom"
    candidate = url
    if url.lower().startswith("www."):
        candidate = "http://" + url
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", candidate)
    if scheme is None:
        if re.match(r"^(?:https?|htt?ps?)//", url, re.I):
            return "kolon mangler etter http"
        return "adressen mangler http:// eller https://"
    name = scheme.group(1).lower()
    if name in ("mailto", "tel"):
        return (
            None
            if re.match(r"^[a-z]+:[^\s@]+(@[^\s@]+\.[a-z]{2,})?$", url, re.I)
            else ("ugyldig e-post- eller telefonadresse")
        )
    if name not in ("http", "https", "ftp"):
        return f"ukjent adressetype «{name}:»"
    if not re.match(r"^[a-z]+://[^/]", candidate, re.I):
        return "adressen skal begynne med «//» etter kolon"
    try:
        parts = urlsplit(candidate)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return "adressen kan ikke leses"
    labels = host.split(".")
    if host.count(".") == 0 or not all(_LABEL.match(label) for label in labels):
        return f"vertsnavnet «{host}» er ugyldig"
    if not _TLD.match(labels[-1]):
        return f"«.{labels[-1]}» er ikke et toppdomene"
    return None


def _is_web_target(target: str) -> bool:
    """True for targets that should be web addresses (not anchors, relative paths or files)."""
    return bool(re.match(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|www\.|htt?ps?//)", target))


def _location(place: Place) -> dict[str, str]:
    return {"location": place.where}


@rule(
    "link-without-target",
    Severity.WARNING,
    "en lenke mangler mål: [tekst](#) eller [tekst]()",
)
def link_without_target(context: CheckContext) -> Iterator[Finding]:
    """Markdown links whose target is "#" or empty."""
    for place in places(context.document):
        for text, target in links(place.text):
            if target.strip() in ("", "#"):
                yield finding(
                    "link-without-target",
                    place.measure,
                    f"{place.where}: lenken «{excerpt(text, 80)}» mangler mål",
                    {"text": text, "target": target, **_location(place)},
                )


@rule(
    "malformed-url",
    Severity.WARNING,
    "en nettadresse i en lenke eller i teksten er feilskrevet",
)
def malformed_url(context: CheckContext) -> Iterator[Finding]:
    """Web addresses, in link targets and bare in the text, that cannot be right."""
    for place in places(context.document):
        addresses = [t for _text, t in links(place.text) if _is_web_target(t)]
        addresses += list(_bare_urls(place.text))
        for url in addresses:
            problem = url_problem(url)
            if problem:
                yield finding(
                    "malformed-url",
                    place.measure,
                    f"{place.where}: nettadressen «{excerpt(url, 80)}» er feil: {problem}",
                    {"url": url, "problem": problem, **_location(place)},
                )
