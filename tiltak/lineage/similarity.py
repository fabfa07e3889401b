"""Text similarity between measures of two plans: TF-IDF and cosine similarity (scikit-learn).

Each measure is a title, its responsible organisations and, where the plan has one, a
narrative. Views compared by cosine similarity: Snowball-stemmed Norwegian words (compounds also
split into known words) of the titles; character 3–5-grams of the titles; the same two over the
title (weighted) plus narrative. The score is their weighted mean plus a small share for common
responsible organisations, between 0 and 1.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

TITLE_WEIGHT = 3  # the title counts this many times in the title-and-narrative view
WEIGHTS = {
    "title_words": 0.35,
    "title_chars": 0.30,
    "full_words": 0.25,
    "full_chars": 0.20,
    "organisations": 0.10,
}
MAX_TERMS = 6
_WORD = re.compile(r"[a-zæøåäöüé0-9]+(?:-[a-zæøåäöüé0-9]+)*")

# Function words and the verbs every measure title starts with; they say nothing about the topic.
_STOPWORD_TEXT = """
alle andre at av bare ble bli blir da de dei deg dem den denne der dere det dette di din disse
du eller en er et etter for fra ha har hadde hos hva hver hvis hvor i ikke inn innen jeg kan
kunne man med mellom men mer mest meg min mot må ned noe noen nå når og også om opp oss over på
samt seg selv sin sine sitt skal skulle slik som så til under ut uten var vi vil ville være
vært å blant både gjennom herunder blant bl eks ca nr jf mv mm ved ift legge rette sikre
vurdere utrede styrke bidra arbeide arbeid øke etablere videreutvikle videreføre utarbeide
tiltak
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass(frozen=True, slots=True)
class Text:
    """One measure to compare: a key the caller knows it by, its title and its narrative."""

    key: Any
    title: str
    narrative: str = ""
    organisations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate successor with its score and the words both texts share, strongest first."""

    key: Any
    score: float
    terms: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    """The Snowball stemmer for Norwegian (bokmål and nynorsk share it)."""
    import snowballstemmer

    return snowballstemmer.stemmer("norwegian")


def words(text: str) -> list[str]:
    """The text's content words, lower case, without stop words."""
    found: list[str] = []
    for word in _WORD.findall(text.lower()):
        for part in word.split("-"):
            if len(part) > 1 and part not in STOPWORDS and not part.isdigit():
                found.append(part)
    return found


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of one lower-case word."""
    return str(_stemmer().stemWord(word))


def stems(text: str) -> list[str]:
    """The stems of the text's content words."""
    return [stem(w) for w in words(text)]


class Analyzer:
    """Stems of a text's words and of the parts of its compounds.

    A compound is split where both parts are words of the texts being compared, with an
    optional linking s or e: "kriminalitetsforebygging" gives kriminalitet and forebygging.
    """

    def __init__(self, texts: Sequence[str], *, min_part: int = 4) -> None:
        self.min_part = min_part
        self.known = {stem(w) for text in texts for w in words(text)}
        self.known |= {w for text in texts for w in words(text)}
        self._parts: dict[str, list[str]] = {}

    def parts(self, word: str) -> list[str]:
        """The stems of the word's two parts, if it is a compound of known words, else []."""
        if word in self._parts:
            return self._parts[word]
        found: list[str] = []
        m = self.min_part
        for i in range(len(word) - m, m - 1, -1):
            head, tail = word[:i], word[i:]
            if tail not in self.known and stem(tail) not in self.known:
                continue
            for candidate in (head, head[:-1] if head[-1:] in "se" else None):
                if (
                    candidate
                    and len(candidate) >= m
                    and (candidate in self.known or stem(candidate) in self.known)
                ):
                    found = [stem(candidate), stem(tail)]
                    break
            if found:
                break
        self._parts[word] = found
        return found

    def __call__(self, text: str) -> list[str]:
        result: list[str] = []
        for word in words(text):
            result.append(stem(word))
            if len(word) >= 2 * self.min_part:
                result += self.parts(word)
        return result


def _normalise(text: str) -> str:
    """Lower case with only letters, digits and single spaces, for character n-grams."""
    return " ".join(words(text))


def rank(
    sources: Sequence[Text], candidates: Sequence[Text], *, top: int = 3
) -> dict[Any, list[Match]]:
    """For each source, the `top` candidates with the highest score, best first."""
    if not sources or not candidates:
        return {s.key: [] for s in sources}
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    every = [*sources, *candidates]
    n = len(sources)

    def full(t: Text) -> str:
        return " ".join([t.title] * TITLE_WEIGHT + [t.narrative])

    analyzer = Analyzer([f"{t.title} {t.narrative}" for t in every])
    title_words = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True)
    titles = title_words.fit_transform([t.title for t in every])
    title_chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    chars = title_chars.fit_transform([_normalise(t.title) for t in every])
    full_words = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True)
    fulls = full_words.fit_transform([full(t) for t in every])
    score = (
        WEIGHTS["title_words"] * cosine_similarity(titles[:n], titles[n:])
        + WEIGHTS["title_chars"] * cosine_similarity(chars[:n], chars[n:])
        + WEIGHTS["full_words"] * cosine_similarity(fulls[:n], fulls[n:])
    )
    if WEIGHTS["full_chars"]:
        full_chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        fc = full_chars.fit_transform([_normalise(full(t)) for t in every])
        score = score + WEIGHTS["full_chars"] * cosine_similarity(fc[:n], fc[n:])
    if WEIGHTS["organisations"]:
        score = score + WEIGHTS["organisations"] * np.array(
            [[_overlap(s.organisations, c.organisations) for c in candidates] for s in sources]
        )
    score = score / sum(WEIGHTS.values())
    vocabulary = full_words.get_feature_names_out()
    result: dict[Any, list[Match]] = {}
    for i, source in enumerate(sources):
        order = np.argsort(-score[i], kind="stable")[:top]
        result[source.key] = [
            Match(
                key=candidates[j].key,
                score=round(float(score[i, j]), 4),
                terms=_shared_terms(fulls[i], fulls[n + j], vocabulary, source, candidates[j]),
            )
            for j in order
        ]
    return result


def _overlap(a: Sequence[str], b: Sequence[str]) -> float:
    """The share of the candidate's organisations that the source has too (0 if either has none)."""
    if not a or not b:
        return 0.0
    return len(set(a) & set(b)) / len(set(b))


def _shared_terms(a: Any, b: Any, vocabulary: Any, source: Text, candidate: Text) -> list[str]:
    """The words whose stems both texts have, by their weight in both, as the source writes them."""
    product = a.multiply(b).tocoo()
    pairs = sorted(zip(product.data, product.col, strict=True), key=lambda p: -p[0])
    surface: dict[str, str] = {}
    for word in words(f"{source.title} {source.narrative} {candidate.title}"):
        surface.setdefault(stem(word), word)
    return [surface.get(str(vocabulary[col]), str(vocabulary[col])) for _, col in pairs][:MAX_TERMS]
