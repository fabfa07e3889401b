"""A check finding's stable identity and its text without the measure prefix (pure helpers for
the selectors, the services and the templates)."""

from __future__ import annotations

import hashlib
import re

from tiltak.documents.model import Finding


def normalised_message(message: str) -> str:
    """The message on one line, case folded: what the fingerprint is taken of."""
    return " ".join(message.split()).casefold()


def fingerprint(finding: Finding) -> str:
    """SHA-256 of the finding's message; with the plan, measure number and code it names the
    same finding in this round and the next ones, until its text changes."""
    return hashlib.sha256(normalised_message(finding.message).encode("utf-8")).hexdigest()


def identity(finding: Finding) -> tuple[str, str, str]:
    """(measure number, code, fingerprint): the finding's key within its plan."""
    return (finding.measure or "", finding.code, fingerprint(finding))


def without_prefix(finding: Finding) -> str:
    """The message without a leading «tiltak N:» when it names the finding's own measure (the
    pages name the measure already, so «Tiltak 1: tiltak 1: …» becomes «Tiltak 1: …»)."""
    if not finding.measure:
        return finding.message
    prefix = re.compile(rf"^\s*tiltak\s+{re.escape(finding.measure)}\s*:\s*", re.I)
    return prefix.sub("", finding.message, count=1) or finding.message
