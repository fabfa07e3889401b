"""Text processing for search: tokens, Norwegian stems, queries, highlights, snippets.

Everything here is plain Python and the same on every database: the SQLite index stores the
stems made here, and the highlights and snippets of both backends are made here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import Stemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from tiltak.documents.plaintext import markdown_to_text

# Bump when tokenising, stemming or Markdown stripping changes: every document is then redone.
INDEX_VERSION = "4"
SNIPPET_WORDS = 30
MIN_PREFIX = 3
MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 32
ELLIPSIS = "…"
# Stands in for a stop word in the SQLite index, so phrases keep their word positions as
# PostgreSQL's tsvector does. A private-use character: a token to FTS5, never a query word.
STOP_PLACEHOLDER = "\ue000"

# PostgreSQL's norwegian.stop (Snowball's list, bokmål and nynorsk), which to_tsvector drops.
_STOP_LIST = """
    og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men ett
    har om vi min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor
    eller hva skal selv sjøl her alle vil bli ble blei blitt kunne inn når være kom noen noe
    ville dere deres kun ja etter ned skulle denne for deg si sine sitt mot å meget hvorfor
    dette disse uten hvordan ingen din ditt blir samme hvilken hvilke sånn inni mellom vår hver
    hvem vors hvis både bare enn fordi før mange også slik vært båe begge siden dykk dykkar dei
    deira deires deim di då eg ein eit eitt elles honom hjå ho hoe henne hennar hennes hoss
    hossen ingi inkje korleis korso kva kvar kvarhelst kven kvi kvifor me medan mi mine mykje no
    nokon noka nokor noko nokre sia sidan so somt somme um upp vere vore verte vort varte vart
"""
STOP_WORDS = frozenset(_STOP_LIST.split())

WORD = re.compile(r"[^\W_]+")
_stemmer = Stemmer.Stemmer("norwegian")


_stems: dict[str, str | None] = {}
_STEM_CACHE_SIZE = 200_000


def stem(word: str) -> str | None:
    """The Snowball stem of a word (lower-cased), or None for a stop word.

    Words with digits are only lower-cased, as PostgreSQL's parser sends them to `simple`.
    """
    try:
        return _stems[word]
    except KeyError:
        pass
    lower = word.lower()
    if lower in STOP_WORDS:
        result = None
    elif any(ch.isdigit() for ch in lower):
        result = lower
    else:
        result = str(_stemmer.stemWord(lower))
    if len(_stems) >= _STEM_CACHE_SIZE:
        _stems.clear()
    _stems[word] = result
    return result


def words(text: str) -> list[str]:
    """The words (runs of letters and digits) of a text."""
    return WORD.findall(text)


def index_text(text: str) -> str:
    """The stemmed, lower-cased words of a text separated by spaces, stop words as placeholders."""
    return " ".join(stem(w) or STOP_PLACEHOLDER for w in WORD.findall(text))


def scope_token(round_id: int) -> str:
    """The SQLite index's token for a round, in a column of its own that queries never reach."""
    return f"r{round_id}"


# Queries.


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase of a query: its words as typed (lower-cased) and their stems."""

    words: tuple[str, ...]
    stems: tuple[str | None, ...]
    prefix: bool = False
    # A compound not in the index, searched as its parts (all must match): "nettovergrep".
    parts: tuple[Term, ...] = ()

    @property
    def phrase(self) -> bool:
        """More than one word: the words must come in this order."""
        return len(self.words) > 1


@dataclass(slots=True)
class Query:
    """A parsed query: groups that must all match (each a word or phrase or an OR of them),
    and terms that must not.
    """

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.groups)

    def terms(self) -> Iterator[Term]:
        """The positive terms."""
        for group in self.groups:
            yield from group

    def leaves(self) -> Iterator[Term]:
        """The positive terms, a split compound's parts in its place."""
        for term in self.terms():
            yield from term.parts or (term,)

    def stems(self) -> set[str]:
        """The stems of the positive terms that match whole words."""
        return {s for t in self.leaves() if not t.prefix for s in t.stems if s}

    def prefixes(self) -> set[str]:
        """The stems that match as the start of a word's stem."""
        return {s for t in self.leaves() if t.prefix for s in t.stems if s}

    def with_parts(self, splits: dict[str, tuple[str, ...]]) -> Query:
        """This query with each one-word term in `splits` searched as those parts instead."""

        def split(term: Term) -> Term:
            parts = splits.get(term.words[0]) if not term.phrase and not term.parts else None
            if not parts:
                return term
            last = len(parts) - 1
            return Term(
                term.words,
                term.stems,
                term.prefix,
                tuple(
                    Term((p,), (stem(p),), prefix=term.prefix and i == last)
                    for i, p in enumerate(parts)
                ),
            )

        return Query(
            groups=[[split(t) for t in group] for group in self.groups],
            excluded=[split(t) for t in self.excluded],
        )

    def tsquery(self) -> str:
        """The query in to_tsquery syntax, every word quoted (PostgreSQL stems them).

        Words are letters and digits only, so nothing in them can be read as syntax.
        """
        groups = []
        for group in self.groups:
            alternatives = [_tsquery_term(t) for t in group]
            groups.append(
                alternatives[0] if len(alternatives) == 1 else f"({' | '.join(alternatives)})"
            )
        groups += [f"!{_tsquery_term(t)}" for t in self.excluded]
        return " & ".join(groups)

    def fts5(self, round_ids: list[int]) -> str:
        """The query in SQLite FTS5 syntax, every token a quoted stem, in these rounds."""
        groups = []
        for group in self.groups:
            alternatives = [_fts5_term(t) for t in group]
            groups.append(
                alternatives[0] if len(alternatives) == 1 else f"({' OR '.join(alternatives)})"
            )
        match = " AND ".join(groups)
        if self.excluded:
            match = f"({match}) NOT ({' OR '.join(_fts5_term(t) for t in self.excluded)})"
        scope = " OR ".join(f'"{scope_token(r)}"' for r in round_ids)
        return f"{{title narrative}} : ({match}) AND scope : ({scope})"


def _tsquery_term(term: Term) -> str:
    if term.parts:
        return f"({' & '.join(_tsquery_term(p) for p in term.parts)})"
    text = " <-> ".join(f"'{w}'" for w in term.words) + (":*" if term.prefix else "")
    return f"({text})" if term.phrase else text


def _fts5_term(term: Term) -> str:
    if term.parts:
        return f"({' AND '.join(_fts5_term(p) for p in term.parts)})"
    tokens = " ".join(s or STOP_PLACEHOLDER for s in term.stems).replace('"', '""')
    return f'"{tokens}"' + ("*" if term.prefix else "")


_QUERY_PIECE = re.compile(r'(?P<neg>-?)"(?P<phrase>[^"]*)"?|(?P<bare>[^\s"]+)')


def parse_query(text: str) -> Query:
    """Parse a web-search style query: words (all must match), "phrases", OR between
    alternatives (binding tighter than the spaces between words) and -word to exclude.
    The last word, when typing goes on after it (no space after it), also matches as a prefix,
    and so does a word ending in *: both as the start of a stem, so "vold*" finds all "vold" does.
    """
    text = (text or "")[:MAX_QUERY_CHARS]
    items: list[tuple[bool, bool, Term] | None] = []  # (negated, bare, term); None is an OR
    for piece in _QUERY_PIECE.finditer(text):
        bare = piece.group("bare")
        if bare is not None and bare.lower() == "or":
            items.append(None)
            continue
        negated = bare.startswith("-") if bare is not None else bool(piece.group("neg"))
        found = [w.lower() for w in words(bare if bare is not None else piece.group("phrase"))]
        stems = [stem(w) for w in found]
        while stems and stems[0] is None:  # PostgreSQL drops stop words at a phrase's ends
            del found[0], stems[0]
        while stems and stems[-1] is None:
            del found[-1], stems[-1]
        if found:
            # "vold*": the start of a stem, as for a word being typed, so it finds all "vold" does.
            starred = bare is not None and bare.endswith("*") and len(found) == 1
            prefix = starred and stems[0] is not None and len(stems[0]) >= MIN_PREFIX
            items.append((negated, bare is not None, Term(tuple(found), tuple(stems), prefix)))
    if _typing_last_word(text, items):
        negated, bare, last = items[-1]  # type: ignore[misc]
        items[-1] = (negated, bare, Term(last.words, last.stems, prefix=True))
    query = Query()
    joined = False
    for item in items:
        if item is None:
            joined = bool(query.groups)
            continue
        negated, _, term = item
        if negated:
            query.excluded.append(term)
            joined = False
        elif joined:
            query.groups[-1].append(term)
            joined = False
        else:
            query.groups.append([term])
    # Bound the work of a pasted essay.
    query.groups = query.groups[:MAX_QUERY_TERMS]
    query.excluded = query.excluded[:MAX_QUERY_TERMS]
    return query


def _typing_last_word(text: str, items: list[tuple[bool, bool, Term] | None]) -> bool:
    """Whether the query ends in a plain word still being typed, long enough for a prefix."""
    if not items or items[-1] is None or not text or not WORD.match(text[-1]):
        return False
    if len(items) > 1 and items[-2] is None:
        return False  # an alternative of an OR
    negated, bare, last = items[-1]
    stem_ = last.stems[0]
    return (
        bare and not negated and not last.phrase and stem_ is not None and len(stem_) >= MIN_PREFIX
    )


# The index's vocabulary: "Mente du …" and compounds.

MAX_VOCABULARY_WORD = 60
MIN_PART = 3  # the shortest part a compound splits into
MAX_PARTS = 3
LINKS = ("", "s", "e")  # the linking letters of Norwegian compounds: barnevern-s-tjeneste


def vocabulary(texts: Iterable[str]) -> Counter[str]:
    """How often each word (lower-cased, no stop words, no digits) occurs in these plain texts."""
    counts: Counter[str] = Counter()
    for text in texts:
        for word in WORD.findall(text):
            lower = word.lower()
            if (
                1 < len(lower) <= MAX_VOCABULARY_WORD
                and lower not in STOP_WORDS
                and not any(ch.isdigit() for ch in lower)
            ):
                counts[lower] += 1
    return counts


def compound_pieces(word: str) -> set[str]:
    """The stems of every piece a compound of this word could be made of (to look up at once)."""
    if len(word) < 2 * MIN_PART or len(word) > MAX_VOCABULARY_WORD:
        return set()
    pieces = {
        word[i:j]
        for i in range(len(word) - MIN_PART + 1)
        for j in range(i + MIN_PART, len(word) + 1)
        if (i, j) != (0, len(word))
    }
    return {s for p in pieces if (s := stem(p))}


def split_compound(word: str, known: Collection[str]) -> tuple[str, ...]:
    """The parts of a compound whose stems are all `known`, with an optional linking s or e
    between them: the fewest parts, then the fewest linking letters, then the longest shortest
    part ("barnehus" + "vold", not "barnehu" + s + "vold"); () when it does not split.
    """
    best: tuple[str, ...] = ()
    best_key: tuple[int, int, int] | None = None
    for parts, links in _splits(word, known, MAX_PARTS):
        key = (-len(parts), -links, min(len(p) for p in parts))
        if len(parts) > 1 and (best_key is None or key > best_key):
            best, best_key = parts, key
    return best


def _splits(word: str, known: Collection[str], most: int) -> Iterator[tuple[tuple[str, ...], int]]:
    """Every way to cut `word` into at most `most` known pieces, and the linking letters dropped."""
    if len(word) >= MIN_PART and stem(word) in known:
        yield (word,), 0
    if most < 2:
        return
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head = word[:cut]
        if stem(head) not in known:
            continue
        for link in LINKS:
            rest = word[cut:]
            if not rest.startswith(link) or len(rest) - len(link) < MIN_PART:
                continue
            for tail, links in _splits(rest[len(link) :], known, most - 1):
                yield (head, *tail), links + len(link)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (optimal string alignment: a swap of neighbours is one
    edit), or limit + 1 once it is sure to exceed `limit`.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def max_edits(word: str) -> int:
    """How far a correction may be from a word: one edit for short words, else two."""
    return 1 if len(word) <= 4 else 2


def best_correction(word: str, counts: Mapping[str, int]) -> str | None:
    """The vocabulary word nearest to `word` (fewest edits), the most frequent among equals."""
    limit = max_edits(word)
    best: tuple[int, int, str] | None = None
    for candidate, count in counts.items():
        distance = edit_distance(word, candidate, limit)
        if 0 < distance <= limit:
            key = (distance, -count, candidate)
            if best is None or key < best:
                best = key
    return best[2] if best else None


def replace_words(text: str, replacements: Mapping[str, str]) -> str:
    """The query text with these words (lower-cased keys) replaced, everything else kept."""
    return WORD.sub(lambda m: replacements.get(m.group().lower(), m.group()), text)


# Highlights and snippets.


def _matcher(query: Query) -> tuple[set[str], tuple[str, ...]]:
    return query.stems(), tuple(sorted(query.prefixes()))


def _is_match(word: str, stems: set[str], prefixes: tuple[str, ...]) -> bool:
    s = stem(word)
    return s is not None and (s in stems or (bool(prefixes) and s.startswith(prefixes)))


def highlight(text: str, query: Query) -> SafeString:
    """The text HTML-escaped, with the words that match the query in <mark>."""
    stems, prefixes = _matcher(query)
    out: list[str] = []
    position = 0
    for match in WORD.finditer(text):
        if _is_match(match.group(), stems, prefixes):
            out.append(escape(text[position : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))


def snippet(narrative: str, query: Query, size: int = SNIPPET_WORDS) -> SafeString:
    """About `size` words of the narrative (Markdown stripped) around its best match to the
    query, highlighted; "…" where the text is cut. The start of the text if nothing matches.
    """
    text = markdown_to_text(narrative)
    tokens = list(WORD.finditer(text))
    if not tokens:
        return mark_safe(escape(" ".join(text.split())))
    stems, prefixes = _matcher(query)
    keys = [_match_key(m.group(), stems, prefixes) for m in tokens]
    start = _best_window(keys, size)
    end = min(len(tokens), start + size)
    begin = 0 if start == 0 else tokens[start].start()
    finish = len(text) if end == len(tokens) else tokens[end - 1].end()
    html = highlight(" ".join(text[begin:finish].split()), query)
    return mark_safe(
        (ELLIPSIS if start > 0 else "") + html + (ELLIPSIS if end < len(tokens) else "")
    )


def _match_key(word: str, stems: set[str], prefixes: tuple[str, ...]) -> str | None:
    """The query stem a word matches, or None."""
    s = stem(word)
    if s is None:
        return None
    if s in stems:
        return s
    return next((p for p in prefixes if s.startswith(p)), None)


def _best_window(keys: list[str | None], size: int) -> int:
    """The start of the window of `size` words with the most distinct matches, then the most
    matches, with its first match a few words in; 0 if nothing matches.

    One pass over the matches with a sliding window, so a narrative of one word repeated
    costs no more than its length.
    """
    hits = [i for i, k in enumerate(keys) if k is not None]
    if not hits or len(keys) <= size:
        return 0
    lead = size // 5
    reach = size - lead
    best: tuple[int, int] | None = None
    best_start = 0
    in_window: Counter[str | None] = Counter()
    end = 0  # hits[first:end] lie in the window that starts at hits[first]
    for first, start in enumerate(hits):
        while end < len(hits) and hits[end] < start + reach:
            in_window[keys[hits[end]]] += 1
            end += 1
        score = (len(in_window), end - first)
        if best is None or score > best:
            best, best_start = score, start
        key = keys[start]
        in_window[key] -= 1
        if not in_window[key]:
            del in_window[key]
    return max(0, min(best_start - lead, len(keys) - size))
