"""Norwegian wording that says work is still ahead or unfinished.

Reading the 33 completed measures of the 2026 status report shows what does and does not signal
unfinished work. Signals: a future or modal verb before a verb of producing or finishing
("vil bli etablert", "skal gjennomføres", "BFD vil vurdere", "vil utarbeides"), planning and
expectation ("planlegges", "forventes levert", "tas sikte på"), ongoing work ("arbeidet pågår",
"det jobbes med", "er under utarbeidelse") and negated completion ("er ikke ferdigstilt",
"er det ikke gjennomført"). Not signals: "skal" with an active verb, which in these reports
describes a mandate or a law ("NIM skal bidra til", "Kommunen skal iverksette"), text in «quotes»,
indirect questions ("hvordan arbeidet skal innrettes") and sentences about another measure.
Verbs are matched by stem, so every inflection counts ("ferdigstilles", "ferdigstilt").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..parser.references import numbers_mentioned, sentences
from ..parser.units import TEXT_CACHE_SIZE, strip_markup

# Verbs of producing, delivering or finishing something, as stems.
WORK_STEMS = (
    "utarbeid", "ferdigstil", "fullfør", "sluttfør", "gjennomfør", "etabler", "opprett",
    "lanser", "lever", "publiser", "revider", "evaluer", "utred", "utvikl", "oppdater",
    "iverksett", "igangsett", "implementer", "innfør", "vurder", "vedta", "fremm", "start",
    "påbegyn", "avslutt", "motta", "send", "åpn", "følg", "videreutvikl", "lag", "forelig",
)  # fmt: skip
_FINISHING_STEMS = ("ferdigstil", "sluttfør", "fullfør", "avslutt")
_COMPLETION_STEMS = (
    "gjennomfør", "ferdigstil", "fullfør", "sluttfør", "avslutt", "iverksett", "igangsett",
    "start", "påbegyn", "etabler", "lever", "vedta", "lanser", "implementer", "ferdig", "lykk",
)  # fmt: skip
_SUFFIXES = frozenset(
    ("e", "es", "er", "et", "ete", "t", "te", "de", "d", "s", "ing", "inga", "ingen", "inger",
     "else", "elsen", "le", "les", "ler", "lt", "lte", "ne", "nes", "net", "nt", "r", "st", "tt")
)  # fmt: skip
_GAP = frozenset(
    ("også", "videre", "nå", "deretter", "derfor", "dermed", "først", "snart", "trolig",
     "sannsynligvis", "i", "tillegg", "løpet", "av", "etter", "planen", "ikke", "heller",
     "høsten", "våren")
)  # fmt: skip
_MODALS = frozenset({"vil", "skal"})
_QUESTION = frozenset({"hvordan", "hvilke", "hvilket", "hvilken", "hva"})
_QUOTED = re.compile(r"«[^«»]*»|“[^”]*”")
_TOKEN = re.compile(r"[a-zæøåé]+(?:-[a-zæøåé]+)*")
_PHRASES = re.compile(
    r"\b(?:arbeidet(?:\s+\w+){0,4}\s+pågår|pågår\s+(?:fortsatt|arbeidet|fremdeles)"
    r"|\bpågår\b|(?:jobber|arbeider)\s+(?:nå|fortsatt|fremdeles)\s+med"
    r"|det\s+(?:jobbes|arbeides)(?:\s+(?:nå|videre|fortsatt|fremdeles))*\s+(?:med|for)"
    r"|er\s+(?:fortsatt\s+|nå\s+)?i\s+gang\s+med|er\s+(?:fortsatt\s+|nå\s+)?under\s+"
    r"(?:arbeid|utarbeidelse|utvikling|utredning|ferdigstillelse)"
    r"|tas\s+sikte\s+på|tar\s+sikte\s+på|planlegges|forventes|ennå\s+ikke|enda\s+ikke"
    r"|ikke\s+(?:er\s+)?(?:blitt\s+)?ferdig\b)",
    re.I,
)


def _is_inflected(token: str, stems: tuple[str, ...]) -> bool:
    """True when `token` is one of `stems` with a verb or noun ending (a light stemmer)."""
    for stem in stems:
        if token.startswith(stem):
            rest = token[len(stem) :]
            if rest == "" or rest in _SUFFIXES:
                return True
    return False


def _is_passive_or_participle(token: str) -> bool:
    return token.endswith(("es", "t", "et", "d"))


@dataclass(frozen=True, slots=True)
class Signal:
    """One phrase that says the work is still ahead, and the sentence it is in."""

    phrase: str
    sentence: str


def _modal_signal(tokens: list[str]) -> str | None:
    """Modal and work verb, "vil/skal (bli) <verb>", with a few adverbs in between."""
    for index, token in enumerate(tokens):
        if token not in _MODALS or _QUESTION & set(tokens[:index]):
            continue
        position = index + 1
        while position < len(tokens) and tokens[position] in _GAP and position - index <= 3:
            position += 1
        passive_aux = position < len(tokens) and tokens[position] == "bli"
        if passive_aux:
            position += 1
        if position >= len(tokens):
            continue
        verb = tokens[position]
        phrase = " ".join(tokens[index : position + 1])
        if token == "vil" and passive_aux and _is_passive_or_participle(verb):
            return phrase
        if not _is_inflected(verb, WORK_STEMS):
            continue
        if token == "vil" or passive_aux or verb.endswith("es"):
            return phrase  # "skal" counts only with a passive: "skal gjennomføres"
    return None


def _planned(tokens: list[str]) -> str | None:
    """A plan for finishing, not yet done: "planlagt ferdigstilt", "planlagt lansering"."""
    for index, token in enumerate(tokens[:-1]):
        if token == "planlagt":
            for verb in tokens[index + 1 : index + 3]:
                if _is_inflected(verb, WORK_STEMS):
                    return f"{token} {verb}"
    return None


def _finishing_present(tokens: list[str]) -> str | None:
    """The present passive of finishing speaks of the future: "ferdigstilles i juni 2026"."""
    for token in tokens:
        if token.endswith("es") and _is_inflected(token, _FINISHING_STEMS):
            return token
    return None


def _long_intent(tokens: list[str]) -> str | None:
    """Intent over a short phrase: "Bufdir vil i samarbeid med BFD vurdere"."""
    for index, token in enumerate(tokens):
        if token != "vil" or _QUESTION & set(tokens[:index]):
            continue
        for position in range(index + 1, min(index + 6, len(tokens))):
            verb = tokens[position]
            if verb in ("være", "ha", "kunne", "bli"):
                break
            if verb.endswith("e") and _is_inflected(verb, WORK_STEMS):
                return " ".join(tokens[index : position + 1])
    return None


def _negated_completion(tokens: list[str]) -> str | None:
    """Negated completion: "ikke (er/blitt) gjennomført", "ikke lyktes"."""
    for index, token in enumerate(tokens):
        if token != "ikke":
            continue
        position = index + 1
        while position < len(tokens) and tokens[position] in ("er", "blitt", "vært", "helt"):
            position += 1
        if position < len(tokens):
            verb = tokens[position]
            if _is_inflected(verb, _COMPLETION_STEMS) and _is_passive_or_participle(verb):
                return " ".join(tokens[index : position + 1])
            if verb in ("lyktes", "startet", "ferdig"):
                return " ".join(tokens[index : position + 1])
    return None


def _about_other_measure(sentence: str, own_number: str | None) -> bool:
    folded = sentence.casefold()
    if "tiltak" not in folded and "vedtak" not in folded:
        return False
    return any(number != own_number for number in numbers_mentioned(sentence))


def unfinished_signals(narrative: str, own_number: str | None = None) -> list[Signal]:
    """Every sentence of a narrative that says the measure's work is still ahead."""
    return list(_unfinished_signals(narrative, own_number))


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _unfinished_signals(narrative: str, own_number: str | None) -> tuple[Signal, ...]:
    found: list[Signal] = []
    for sentence in sentences(strip_markup(narrative)):
        if _about_other_measure(sentence, own_number):
            continue
        text = _QUOTED.sub(" ", sentence)
        phrase_match = _PHRASES.search(text)
        tokens = _TOKEN.findall(text.casefold())
        phrase = (
            (phrase_match.group(0) if phrase_match else None)
            or _modal_signal(tokens)
            or _negated_completion(tokens)
            or _planned(tokens)
            or _finishing_present(tokens)
            or _long_intent(tokens)
        )
        if phrase:
            found.append(Signal(" ".join(phrase.split()), sentence))
    return tuple(found)
