"""Repair of words broken by PDF extraction, on Norwegian word lists."""

from __future__ import annotations

from collections import Counter

import pytest

from tiltak.documents.blocks import INFERRED_SPACE
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


def repair_in(text: str, context: str = "", *, word_spaces: bool = False) -> str:
    """`text` repaired inside a document made of it and `context`, as the cleaner counts them."""
    counts = vocabulary([text, context])
    return WordRepair(lexicon, counts, word_spaces=word_spaces).unwrap(text)


@pytest.mark.parametrize(
    "text",
    [
        "sin første felles fagdag. Gruppen",  # "fellesfag|dag" is a compound, not the words
        "oppdrag («Crime as a service»)",  # not "asa"
        "et eget barnehus tilbud i Finnmark",  # the document writes "barnehustilbud" elsewhere
    ],
)
def test_a_space_the_pdf_wrote_is_never_joined(text: str) -> None:
    context = "Kripos holdt en fagdag. Et barnehustilbud. Etablere et barnehustilbud."
    assert repair_in(text, context, word_spaces=True) == text


@pytest.mark.parametrize(
    ("broken", "whole"),
    [
        (f"sosi{INFERRED_SPACE}ale medier", "sosiale medier"),  # a gap inside a word
        (f"17 mil{INFERRED_SPACE}lioner", "17 millioner"),
        ("et men\nneske kan", "et menneske kan"),  # line breaks stay the dictionary's to judge
        ("regjerin \ngens viktigste", "regjeringens viktigste"),
        (f"Politi{INFERRED_SPACE}re{INFERRED_SPACE}formen", "Politireformen"),
    ],
)
def test_inferred_spaces_and_line_breaks_still_mend_words(broken: str, whole: str) -> None:
    assert repair_in(broken, "politireformen", word_spaces=True) == whole


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("sin første felles fagdag.", "Kripos holdt en fagdag."),  # "fagdag" stands alone there
        ("oppdrag («Crime as a service»)", "Selskapet AS og punkt a) i listen."),
    ],
)
def test_a_piece_the_document_writes_on_its_own_is_a_word(text: str, context: str) -> None:
    # Text without the reader's evidence (extracted text): the document's own words decide.
    assert repair_in(text, context) == text


def test_a_broken_word_repeated_the_same_way_is_still_joined() -> None:
    # "lioner" stands alone twice, but only ever after "mil": a piece, not a word.
    assert repair_in("17 mil lioner og 20 mil lioner") == "17 millioner og 20 millioner"


def test_without_the_readers_evidence_the_documents_spelling_decides() -> None:
    # Extracted text may invent a space; "barnehustilbud" written twice outweighs one apart.
    context = "Et barnehustilbud. Etablere et barnehustilbud."
    assert repair_in("et eget barnehus tilbud", context) == "et eget barnehustilbud"
