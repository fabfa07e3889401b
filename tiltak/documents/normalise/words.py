"""Repair of words that PDF extraction broke: lost soft hyphens, line-end hyphens, letter gaps."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from ..blocks import INFERRED_SPACE
from .lexicon import MAX_WORD_LETTERS, Lexicon

# Words that stand alone far more often than they begin or end a compound: a known word is never
# joined to one of these that follows it, and one of these is joined to a known word after it
# only where the document writes the joined word more often than the two apart.
FUNCTION_WORDS = frozenset(
    """og i på til for av med om at som en et ei den det de er var har kan skal vil må ikke
    ikkje seg sin sitt sine mot fra frå ved under over etter før eller men så da når hvor
    kor hva kva hvis enn også bare berre nå her der alle mer meir mest opp ut inn ned fram
    frem hele heile ny nye nytt god gode godt andre annen anna blir bli ble vert vart kunne
    skulle ville både samt mens uten utan hos mellom gjennom mange flere få noen ingen hver
    mye lite sånn slik sammen""".split()  # noqa: SIM905
)
_LEAD = "«(\"'„“"
_TRAIL = ".,;:!?»)\"'”"
_WORD_CHARS = re.compile(r"[\w-]+")
_LAST_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzÆØÅæøåÄÖÜäöüÉéÈèÁá-")
_MAX_NUMBER_DIGITS = 3
_ADJECTIVE_ENDINGS = ("ske", "ige", "lige", "ende", "ede", "ete", "rte", "nte", "lte", "ste")
_ACRONYM = re.compile(r"[A-ZÆØÅ]{2,6}s?|[A-ZÆØÅ][A-Za-zÆØÅæøå]*[A-ZÆØÅ][A-Za-zÆØÅæøå]*")
_PREFIXES = ("re", "gjen", "mis", "sam", "be", "u", "van", "for", "an", "til", "om", "ut")
_INFLECTIONS = ("ene", "ane", "er", "ar", "en", "et", "a", "e", "s")
_ACRONYM_PREFIX = re.compile(r"^([A-ZÆØÅ]{2,})([a-zæøå]{3,})$")
# Line breaks keep whether the line ended in a space: a PDF text layer usually ends a line
# with a space when a word ended there, and without one when a soft hyphen was lost.
_SOFT_BREAK = "\n"
_HARD_BREAK = " \n"


class _Word(NamedTuple):
    """A token in three parts: quotes before, the word, a footnote number and punctuation after."""

    lead: str
    core: str
    tail: str

    def group(self, index: int) -> str:
        """The parts numbered from 1, like a regex match's groups."""
        return self[index - 1]


def _word(token: str) -> _Word | None:
    """The parts of a token that is a word, or None; linear in the token's length (a regex
    with two lazy runs took seconds on a long token)."""
    body = token.lstrip(_LEAD)
    lead = token[: len(token) - len(body)]
    end = len(body.rstrip(_TRAIL))
    core_end = end
    while core_end > 0 and body[core_end - 1].isdecimal():
        core_end -= 1
        if end - core_end > _MAX_NUMBER_DIGITS:
            return None  # the word would end in a digit
    core = body[:core_end]
    if not core or core[-1] not in _LAST_LETTERS or not _WORD_CHARS.fullmatch(core):
        return None
    return _Word(lead, core, body[core_end:])


def _core(token: str) -> str:
    """The word in a token, without the punctuation around it."""
    match = _word(token)
    return match.group(2) if match else token


def vocabulary(texts: Iterable[str]) -> Counter[str]:
    """How often each word, and each pair of words ("for bedre"), occurs in the document."""
    counts: Counter[str] = Counter()
    for text in texts:
        previous = None
        for token in text.split():
            match = _word(token)
            word = match.group(2).lower() if match else None
            if word:
                counts[word] += 1
                if previous:
                    counts[f"{previous} {word}"] += 1
            previous = word if match and not match.group(3) else None
    return counts


class WordRepair:
    """Rejoins the words of one document, using its own vocabulary and a Norwegian lexicon."""

    def __init__(
        self, lexicon: Lexicon, counts: Counter[str], *, word_spaces: bool = False
    ) -> None:
        self.lexicon = lexicon
        self.counts = counts
        # The reader's word: plain spaces inside a line are the source's own word spaces, and
        # only an INFERRED_SPACE there may fall inside a word (see BlockDocument.word_spaces).
        self.word_spaces = word_spaces

    def _may_join_across(self, separator: str) -> bool:
        """False for a space that the source itself wrote between two words on one line."""
        return not self.word_spaces or "\n" in separator or INFERRED_SPACE in separator

    def unwrap(self, text: str) -> str:
        """One line of text from layout lines, with broken words joined again."""
        # "påtale - \nmyndighet" is a broken word; before a capital the dash stands between two
        # ("Arktisk Barndom -\nUngdomsundersøkelse").
        text = re.sub(r"(\w) +- *\n(?![ \t]*[A-ZÆØÅ])", r"\1-\n", text)
        text = re.sub(r"(\w)/[ \t]*\n", r"\1/", text)  # "overgrep/\nNok.-sentrene"
        text = re.sub(r"(?<![ \t])[ \t]+\n", _HARD_BREAK, text)  # from a run's start: linear
        tokens = re.split(rf"( \n|\n|[ \t{INFERRED_SPACE}]+)", text.strip())
        words, separators = tokens[0::2], tokens[1::2]
        out = [words[0]]
        was_joined = False
        index = 1
        while index < len(words):
            separator, word = separators[index - 1], words[index]
            following = words[index + 1] if index + 1 < len(words) else None
            previous = out[-1]
            # A mended word only grows further while it is still not a word ("informa" + "sjon").
            may_grow = not was_joined or not self._is_known(_core(previous))
            # Three pieces of one word ("politi re formen") are checked before two.
            if (
                may_grow
                and following is not None
                and self._may_join_across(separator)
                and self._may_join_across(separators[index])
                and self._join_three(previous, word, following)
            ):
                out[-1] = previous + word + following
                was_joined = True
                index += 2
                continue
            joined = self._join(previous, word, separator) if may_grow else None
            if joined is not None and following is not None:
                # "Europarådets pri oriteringer": "pri" belongs to the next piece, not this one.
                forward = self._join(word, following, separators[index])
                if forward is not None and self._direct(forward) and not self._direct(joined):
                    joined = None
            was_joined = joined is not None
            if joined is not None:
                out[-1] = self._hyphenate_acronym(joined)
            else:
                out.append(word)
            index += 1
        return " ".join(out)

    def _direct(self, word: str) -> bool:
        """True when the dictionary or the document has this exact word, not only its parts."""
        core = _core(word)
        return self.counts[core.lower()] > 0 or self.lexicon.is_word(core)

    def _join(self, left: str, right: str, separator: str) -> str | None:
        """`left` and `right` as one word, or None when they are two."""
        if not self._may_join_across(separator):
            return None
        # A one-letter prefix counts too ("e-\nlæring"); a lone dash does not.
        if left.endswith("-") and "\n" in separator and len(left) >= 2 and left[0].isalnum():
            return self._join_hyphen(left, right)
        left_match, right_match = _word(left), _word(right)
        if not left_match or not right_match or left_match.group(3) or right_match.group(1):
            return None
        # Only the last part of a hyphenated word is mended ("2000-konvensjo" + "nen").
        head, tail = left_match.group(2).rsplit("-", 1)[-1], right_match.group(2)
        if not head or not tail[0].islower() or "-" in tail:
            return None
        if self._belong_together(head, tail, separator):
            return left + right
        return None

    def _join_hyphen(self, left: str, right: str) -> str:
        """A word hyphenated at a line end: drop the hyphen unless it belongs to the word."""
        match = _word(right)
        tail = match.group(2) if match else ""
        if tail[:1].isupper() and left[:1].isalpha():
            return left + right  # "Multi-\nAgency", "Sør-\nAfrika": a hyphen inside a name.
        if not tail or not tail[0].islower() or tail in ("og", "eller", "and", "or", "til"):
            return left + " " + right  # "helse- og omsorg", "Barne-\nog": a real hyphen.
        head = left[:-1]
        head_word = _word(head)
        if head_word is None:
            return left + right
        joined = head_word.group(2) + tail
        # The document's own spelling decides; a dictionary word only when it has none.
        if self.counts[joined.lower()] > 0:
            return head + right
        if self.counts[f"{head_word.group(2)}-{tail}".lower()] == 0 and self._direct(joined):
            return head + right
        return left + right

    def _join_three(self, first: str, middle: str, last: str) -> bool:
        """True when three pieces make one word ("politi re formen", "in forma sjon")."""
        if not all(_word(piece) for piece in (first, middle, last)):
            return False
        whole = first + middle + last
        if not (whole.isalpha() and middle.islower() and last[0].islower()):
            return False
        if all(map(self._is_known, (first, middle, last))):
            # Three words ("organ for overvåking") are one only if the document says so.
            return self.counts[whole.lower()] > 0
        return self._direct(whole)

    def _belong_together(self, head: str, tail: str, separator: str) -> bool:
        joined = head + tail
        seen_whole = self.counts[joined.lower()] > 0
        pair = self.counts[f"{head} {tail}".lower()]
        if not self._is_word_here(head, pair) or not self._is_word_here(tail, pair):
            return seen_whole or self._is_word_or_compound(joined)
        # Both halves are words: join only on the document's own evidence or a lost soft hyphen,
        # and never before a function word ("kunnskap er", not "kunnskaper").
        if tail.lower() in FUNCTION_WORDS:
            return False
        whole, apart = self.counts[joined.lower()], self.counts[f"{head} {tail}".lower()]
        if head.lower() in FUNCTION_WORDS:
            # "til bud" is "tilbud" where the document writes that far more often than "til bud";
            # "for bedre" stays where "for bedre" is about as common as "forbedre".
            return whole > 2 * apart
        if whole > apart:
            return True
        # An inflected adjective before a noun is two words ("psykiatriske poliklinikker").
        if head.lower().endswith(_ADJECTIVE_ENDINGS):
            return False
        return separator == _SOFT_BREAK and self._is_word_or_compound(joined)

    def _hyphenate_acronym(self, word: str) -> str:
        """ "IPadresser" → "IP-adresser": the hyphen PDF text loses after an acronym."""
        match = _word(word)
        prefix = _ACRONYM_PREFIX.match(match.group(2)) if match else None
        if (
            not match
            or not prefix
            or len(prefix.group(2)) < 5
            or not self.lexicon.is_compound(prefix.group(2))
        ):
            return word
        return f"{match.group(1)}{prefix.group(1)}-{prefix.group(2)}{match.group(3)}"

    def _is_word_here(self, piece: str, pair: int) -> bool:
        """A known word, or one the document also writes on its own, away from this pair
        ("en fagdag" elsewhere makes "felles fagdag" two words; "as" and "a" in English text)."""
        return self._is_known(piece) or self.counts[piece.lower()] > pair

    def _is_known(self, word: str) -> bool:
        """A word, a compound, a genitive of one ("Statens"), or an acronym ("JD", "JDs")."""
        if len(word) > MAX_WORD_LETTERS:
            return False
        if _ACRONYM.fullmatch(word):
            return True
        prefix = _ACRONYM_PREFIX.match(word)
        if prefix:
            word = prefix.group(2)
        word = word.lower()
        if self.lexicon.is_compound(word):
            return True
        # A derivation the dictionary lacks ("rebosetting", "gjenbruk").
        if any(
            word.startswith(prefix) and self.lexicon.is_compound(word[len(prefix) :])
            for prefix in _PREFIXES
            if len(word) - len(prefix) >= 4
        ):
            return True
        # Inflected forms the dictionary lacks ("arenaer"), and genitives ("Statens").
        return any(
            word.endswith(ending)
            and len(word) - len(ending) >= 4
            and self.lexicon.is_compound(word[: -len(ending)])
            for ending in _INFLECTIONS
        )

    def _is_word_or_compound(self, word: str) -> bool:
        prefix = _ACRONYM_PREFIX.match(word)
        if prefix:
            word = prefix.group(2)
        return self.lexicon.is_compound(word)
