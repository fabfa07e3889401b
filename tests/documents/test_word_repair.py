"""Repair of words broken by PDF extraction, on Norwegian word lists."""

from __future__ import annotations

from collections import Counter

import pytest

from tiltak.documents.normalise.lexicon import norwegian_lexicon
from tiltak.documents.normalise.words import WordRepair, vocabulary

lexicon = norwegian_lexicon()
pytestmark = pytest.mark.skipif(
    not lexicon.available, reason="Debian's hunspell-no dictionaries are not installed"
)


def repair(text: str, context: str = "") -> str:
    return WordRepair(lexicon, vocabulary([context])).unwrap(text)


@pytest.mark.parametrize(
    ("broken", "whole"),
    [
        ("et men\nneske kan", "et menneske kan"),  # soft hyphen lost at the line end
        ("regjerin\ngens viktigste", "regjeringens viktigste"),
        ("lagring av IPadres\nser 9. april", "lagring av IP-adresser 9. april"),
        ("påtale - \nmyndighet", "påtalemyndighet"),
        ("straffe-\nforfølgning av", "straffeforfølgning av"),
        ("sosi ale medier", "sosiale medier"),
        ("17 mil  lioner", "17 millioner"),
        ("helse- og \nomsorgstjenester", "helse- og omsorgstjenester"),
        ("Europarådets pri\noriteringer for", "Europarådets prioriteringer for"),
    ],
)
def test_broken_words_are_joined(broken: str, whole: str) -> None:
    assert repair(broken) == whole


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("inter nett", "internett er overalt"),
        ("gjernings personer", "mange gjerningspersoner"),
        ("Politi  \nre formen", "politireformen ble gjennomført"),
        ("in forma sjon", "mer informasjon"),
    ],
)
def test_words_the_document_writes_whole_are_joined(text: str, context: str) -> None:
    assert repair(text, context) == text.replace(" ", "").replace("\n", "").replace(
        "Politire", "Politire"
    )


@pytest.mark.parametrize(
    "text",
    [
        "for mange år",
        "kunnskap er grunnlag",
        "for mer forskning",
        "mot internettrelaterte overgrep",
        "psykiatriske \npoliklinikker",
        "til stede",
        "barn og unge",
        "Statens barnehus",
        "1 million overgrepsbilder",
        "tilbys e-læringskurs",
        "et organ for overvåking",
    ],
)
def test_real_words_that_belong_apart_stay_apart(text: str) -> None:
    assert repair(text) == " ".join(text.split())


def test_a_hyphen_the_document_writes_elsewhere_is_kept() -> None:
    assert repair("offentlig-\nprivat", "offentlig-privat partnerskap") == "offentlig-privat"


@pytest.mark.parametrize(
    ("broken", "whole"),
    [
        ("A Multi-\nAgency Study", "A Multi-Agency Study"),  # a hyphen inside a name
        ("et e-\nlæringsprogram for", "et e-læringsprogram for"),  # a one-letter prefix
        ("Arktisk Barndom -\nUngdomsundersøkelse", "Arktisk Barndom - Ungdomsundersøkelse"),
        ("Barne-\nog familiedepartementet", "Barne- og familiedepartementet"),
    ],
)
def test_line_end_hyphens_that_belong_to_the_text(broken: str, whole: str) -> None:
    assert repair(broken) == whole


def test_vocabulary_counts_whole_words() -> None:
    assert vocabulary(["«Internett» og internett."]) == Counter(
        {"internett": 2, "og": 1, "og internett": 1}
    )
