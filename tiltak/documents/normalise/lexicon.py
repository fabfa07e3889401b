"""Norwegian words from Debian's hunspell dictionaries (bokmål and nynorsk), with compounds."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from functools import cache, lru_cache
from pathlib import Path

DICTIONARY_DIRS = (
    Path(os.environ.get("TILTAK_HUNSPELL_DIR", "/usr/share/hunspell")),
    Path("/usr/share/myspell/dicts"),
)
DICTIONARIES = ("nb_NO", "nn_NO")
# Shorter pieces are not taken as parts of a compound: a first part needs hunspell's own
# COMPOUNDMIN of 4 letters, a last part 3 ("barne|hus", "politi|råd").
COMPOUND_PART_MIN = 4
COMPOUND_LAST_MIN = 3
# Longer strings are never words: the longest Norwegian compounds in use have about 40 letters,
# and a compound's parts are tried at every split, so the work grows with the square of this.
MAX_WORD_LETTERS = 64
_CACHE_SIZE = 200_000


class _Hunspell:
    """A thin binding to the system's libhunspell through ctypes (no compiler needed)."""

    def __init__(self, library: ctypes.CDLL, aff: Path, dic: Path) -> None:
        self._library = library
        self._handle = library.Hunspell_create(bytes(aff), bytes(dic))
        encoding = library.Hunspell_get_dic_encoding(self._handle).decode("ascii", "replace")
        self.encoding = {"ISO8859-1": "latin-1", "ISO8859-15": "iso8859-15"}.get(encoding, encoding)

    def spell(self, word: str) -> bool:
        try:
            encoded = word.encode(self.encoding)
        except (UnicodeEncodeError, LookupError):
            return False
        return bool(self._library.Hunspell_spell(self._handle, encoded))


def _load_library() -> ctypes.CDLL | None:
    for name in ("hunspell-1.7", "hunspell"):
        found = ctypes.util.find_library(name)
        candidates = [found] if found else []
        candidates.append(f"lib{name}.so.0")
        for candidate in candidates:
            try:
                library = ctypes.CDLL(candidate)
            except OSError:
                continue
            library.Hunspell_create.restype = ctypes.c_void_p
            library.Hunspell_create.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
            library.Hunspell_spell.restype = ctypes.c_int
            library.Hunspell_spell.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
            library.Hunspell_get_dic_encoding.restype = ctypes.c_char_p
            library.Hunspell_get_dic_encoding.argtypes = [ctypes.c_void_p]
            return library
    return None


class Lexicon:
    """Answers whether a string is a Norwegian word, compounds included."""

    def __init__(self, spellers: list[_Hunspell]) -> None:
        self._spellers = spellers
        self.available = bool(spellers)
        self.is_word = lru_cache(maxsize=_CACHE_SIZE)(self._is_word)
        self.is_compound = lru_cache(maxsize=_CACHE_SIZE)(self._is_compound)

    def _spelled(self, word: str) -> bool:
        return any(speller.spell(word) for speller in self._spellers)

    def _is_word(self, word: str) -> bool:
        """True when a dictionary has `word` (in any capitalisation a sentence allows)."""
        if not word or not self._spellers or len(word) > MAX_WORD_LETTERS:
            return False
        return self._spelled(word) or (word.islower() and self._spelled(word.capitalize()))

    def _is_compound(self, word: str) -> bool:
        """True for a word, or a compound of words linked by -s- or -e- as Norwegian does."""
        if self.is_word(word):
            return True
        if len(word) > MAX_WORD_LETTERS:
            return False
        lowered = word.lower()
        # Most compounds end in a word ("barne|hus"); only otherwise are compounds of compounds
        # tried. compound[j] says lowered[j:] is a word or a compound; it is filled from the
        # shortest suffix up, so nothing recurses.
        no_compounds = [False] * (len(lowered) + 1)
        if self._splits(lowered, 0, no_compounds):
            return True
        compound = no_compounds
        for start in range(len(lowered) - COMPOUND_LAST_MIN, 0, -1):
            compound[start] = self.is_word(lowered[start:]) or self._splits(
                lowered, start, compound
            )
        return self._splits(lowered, 0, compound)

    def _splits(self, lowered: str, start: int, compound: list[bool]) -> bool:
        """True when lowered[start:] is a first part followed by a word or compound."""
        for split in range(start + COMPOUND_PART_MIN, len(lowered) - COMPOUND_LAST_MIN + 1):
            if not (self.is_word(lowered[split:]) or compound[split]):
                continue
            left = lowered[start:split]
            if self.is_word(left) or (
                left[-1] in "se" and len(left) > COMPOUND_PART_MIN and self.is_word(left[:-1])
            ):
                return True
        return False


@cache
def norwegian_lexicon() -> Lexicon:
    """The lexicon of the machine's Norwegian hunspell dictionaries (empty when none is found)."""
    library = _load_library()
    spellers: list[_Hunspell] = []
    if library is not None:
        for name in DICTIONARIES:
            for directory in DICTIONARY_DIRS:
                aff, dic = directory / f"{name}.aff", directory / f"{name}.dic"
                if aff.exists() and dic.exists():
                    spellers.append(_Hunspell(library, aff, dic))
                    break
    return Lexicon(spellers)
