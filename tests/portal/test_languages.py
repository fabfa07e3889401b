"""The public pages in bokmål, nynorsk and English: complete catalogues, every interface string
marked for translation, the language from Accept-Language or the switcher, `<html lang>` right,
and the page cache kept per language."""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.template.base import Lexer, TokenType
from django.test import Client
from django.utils.translation.template import templatize

from tiltak.translations import LOCALE_DIR, catalogues, compile_messages

from .conftest import HandBuilt

TILTAK = Path(__file__).resolve().parents[2] / "tiltak"
PUBLIC_TEMPLATES = sorted(
    [
        *(TILTAK / "portal" / "templates").rglob("*.html"),
        *(TILTAK / "opendata" / "templates").rglob("*.html"),
    ]
)
PUBLIC_PYTHON = sorted([*(TILTAK / "portal").rglob("*.py"), *(TILTAK / "opendata").rglob("*.py")])
TRANSLATED = ("nn", "en")
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def catalogue(language: str) -> polib.POFile:
    """The interface catalogue of one language."""
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


def msgids(po: polib.POFile) -> set[tuple[str | None, str]]:
    """(context, msgid) of every live entry."""
    return {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}


# The catalogues


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_has_a_translation_that_is_not_fuzzy(language: str) -> None:
    po = catalogue(language)
    assert len(po) > 150
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        if not all(form.strip() for form in forms):
            problems.append(f"untranslated: {entry.msgid!r}")
        wanted = set(PLACEHOLDER.findall(entry.msgid))
        for form in forms:
            # A plural's singular may leave out the count ("See the measure").
            if set(PLACEHOLDER.findall(form)) - wanted or (
                not entry.msgid_plural and set(PLACEHOLDER.findall(form)) != wanted
            ):
                problems.append(f"placeholders differ: {entry.msgid!r} → {form!r}")
    assert problems == []
    assert po.metadata["Language"] == language
    assert "fuzzy" not in po.metadata_is_fuzzy if isinstance(po.metadata_is_fuzzy, list) else True


def test_both_languages_translate_the_same_messages() -> None:
    assert msgids(catalogue("nn")) == msgids(catalogue("en"))


def test_the_catalogues_compile_to_mo_files(tmp_path: Path) -> None:
    for language in TRANSLATED:
        folder = tmp_path / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        folder.joinpath("django.po").write_bytes(
            (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").read_bytes()
        )
    written = compile_messages(tmp_path)
    assert sorted(p.parent.parent.name for p in written) == ["en", "nn"]
    assert compile_messages(tmp_path) == []  # up to date: nothing written again
    mo = polib.mofile(str(tmp_path / "en" / "LC_MESSAGES" / "django.mo"))
    assert mo.find("Siden finnes ikke").msgstr == "Page not found"
    assert [p.parent.parent.name for p in catalogues()] == ["en", "nn"]


# Every interface string is marked, and every marked string is in the catalogues

GETTEXT_CALL = re.compile(r"\b(n?p?gettext(?:_lazy)?|_)\(")
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "pgettext", "npgettext"}


def _calls(source: str) -> list[tuple[str | None, str]]:
    """(context, msgid) of the gettext calls in templatize()'s or Python's source."""
    found: list[tuple[str | None, str]] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        name = node.func.id.removesuffix("_lazy")
        if name not in GETTEXT_NAMES:
            continue
        texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
        if not texts or not all(isinstance(t, str) for t in texts):
            continue
        if name.startswith("p") or name.startswith("np"):
            found.append((str(texts[0]), str(texts[1])))
        else:
            found.append((None, str(texts[0])))
    return found


def _template_messages(path: Path) -> list[tuple[str | None, str]]:
    """The msgids makemessages would take from a template (through Django's own templatize)."""
    lines = templatize(path.read_text(encoding="utf-8"), origin=str(path)).splitlines()
    calls = []
    for line in lines:
        for match in GETTEXT_CALL.finditer(line):
            start, depth = match.end() - 1, 0
            for end in range(start, len(line)):
                depth += {"(": 1, ")": -1}.get(line[end], 0)
                if depth == 0:
                    calls.append(line[match.start() : end + 1])
                    break
    return [message for call in calls for message in _calls(call)]


def test_every_marked_string_is_in_the_catalogues() -> None:
    known = msgids(catalogue("nn"))
    marked: dict[tuple[str | None, str], str] = {}
    for path in PUBLIC_TEMPLATES:
        for message in _template_messages(path):
            marked[message] = path.name
    for path in PUBLIC_PYTHON:
        for message in _calls(path.read_text(encoding="utf-8")):
            marked[message] = path.name
    assert len(marked) > 150
    missing = {
        f"{where}: {msgid!r}" for (ctx, msgid), where in marked.items() if (ctx, msgid) not in known
    }
    assert missing == set(), "run `make update-messages` and translate the new entries"


# Text that is not the site's name, a file format or punctuation must be in a translate tag.
UNTRANSLATED_ALLOWED = {
    "Tiltak",
    "– Tiltak",
    "Tiltak – Tiltak",
    "CSV",
    "Excel (XLSX)",
    "JSON",
    "(Atom)",
}
READ_ATTRIBUTES = {"aria-label", "title", "alt", "placeholder"}


class _Text(HTMLParser):
    """The texts a reader meets in a template with its template tags replaced by «§»."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.texts += [value for name, value in attrs if name in READ_ATTRIBUTES and value]

    def handle_data(self, data: str) -> None:
        self.texts.append(data)


def _untranslated(path: Path) -> list[str]:
    """Words outside translate tags in a template."""
    skeleton, skipping = [], None
    for token in Lexer(path.read_text(encoding="utf-8")).tokenize():
        if token.token_type == TokenType.BLOCK:
            word = token.contents.split()[0] if token.contents.split() else ""
            if skipping:
                skipping = None if word == skipping else skipping
            elif word in {"blocktranslate", "blocktrans", "comment"}:
                skipping = "endcomment" if word == "comment" else f"end{word}"
            skeleton.append("§")
        elif token.token_type == TokenType.TEXT and not skipping:
            skeleton.append(token.contents)
        elif token.token_type == TokenType.VAR:
            skeleton.append("§")
    parser = _Text()
    parser.feed("".join(skeleton))
    texts = (" ".join(t.replace("§", " ").split()) for t in parser.texts)
    return [t for t in texts if re.search(r"[^\W\d_]", t) and t not in UNTRANSLATED_ALLOWED]


@pytest.mark.parametrize("path", PUBLIC_TEMPLATES, ids=lambda p: p.name)
def test_public_templates_have_no_text_outside_translate_tags(path: Path) -> None:
    assert _untranslated(path) == []


def test_the_text_check_finds_a_forgotten_tag(tmp_path: Path) -> None:
    template = tmp_path / "t.html"
    template.write_text(
        '{% load i18n %}<p aria-label="Sider">{% translate "Forside" %} Glemt tekst</p>'
        "{% blocktranslate %}Oversatt {{ x }}{% endblocktranslate %}<b>{{ x }}</b>"
    )
    assert _untranslated(template) == ["Sider", "Glemt tekst"]


# The pages in each language

PAGE_TYPES = {
    "front": "/",
    "plans": "/planer/",
    "organisations": "/organisasjoner/",
    "plan": "/planer/handlingsplan-test/",
    "measures": "/planer/handlingsplan-test/tiltak/",
    "search": "/planer/handlingsplan-test/tiltak/?q=veileder",
    "measure": "/planer/handlingsplan-test/tiltak/1/",
    "organisation": "/organisasjoner/ND/",
    "changes": "/planer/handlingsplan-test/endringer/",
    "data": "/data/",
    "accessibility": "/tilgjengelighet/",
    "missing": "/finnes-ikke/",
}
# Interface strings that must not be left in bokmål on a nynorsk or English page (the test
# plan's own text is bokmål too, so these are strings it does not contain).
BOKMAL_ONLY = (
    "Hopp til hovedinnholdet",
    "Status for regjeringens handlingsplaner",
    "Alle planer",
    "Organisasjoner",
    "Åpne data",
    "Tilgjengelighetserklæring",
    "Forside",
    "Rapporteringsrunde",
    "Ikke oppdatert",
    "Ansvarlig",
    "Gjennomføring",
    "Henvisninger",
    "Søk i tiltakene",
    "Alle statuser",
    "Vis tiltak",
    "Endringer mellom",
    "Ingen tiltak",
    "Siden finnes ikke",
    "Du er her",
    "Lisens og formater",
    "Kravene vi følger",
    "Antall tiltak",
    "Uten status",
    "Ikke startet",
    "Gjennomført",
    "Under arbeid",
)
TEXTS = {
    "nn": ("Hopp til hovudinnhaldet", "Status for handlingsplanane til regjeringa"),
    "en": ("Skip to main content", "Status of the Government"),
}


def _get(client: Client, url: str, language: str) -> tuple[int, str]:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language, HTTP_ACCEPT="text/html")
    return response.status_code, response.content.decode()


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_public_page_type_is_in_the_readers_language(
    hand_built: HandBuilt, client: Client, language: str
) -> None:
    # Words the language writes as bokmål does ("Du er her" in nynorsk) are no sign of a miss.
    po = catalogue(language)
    same = " | ".join([e.msgstr for e in po] + [f for e in po for f in e.msgstr_plural.values()])
    for name, url in PAGE_TYPES.items():
        status, html = _get(client, url, language)
        assert status == (404 if name == "missing" else 200), name
        assert re.search(rf'<html lang="{language}"', html), name
        switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
        assert switcher, name
        links = re.findall(r'<a [^>]*hreflang="(\w+)"[^>]*>', switcher.group())
        assert links == ["nb", "nn", "en"], name
        assert re.search(rf'hreflang="{language}" aria-current="true"', switcher.group()), name
        for text in TEXTS[language]:
            assert text in html, (name, text)
        left = [text for text in BOKMAL_ONLY if text in html and text not in same]
        assert left == [], (name, left)


def test_bokmal_stays_as_it_was(hand_built: HandBuilt, client: Client) -> None:
    for name, url in PAGE_TYPES.items():
        status, html = _get(client, url, "nb")
        assert status == (404 if name == "missing" else 200), name
        assert '<html lang="nb"' in html and "Hopp til hovedinnholdet" in html, name
        assert 'hreflang="nb" aria-current="true"' in html, name
    assert "Siden finnes ikke" in _get(client, "/finnes-ikke/", "nb")[1]
    # A language the site does not have falls back to bokmål.
    assert '<html lang="nb"' in _get(client, "/", "de")[1]


def test_status_labels_dates_and_numbers_follow_the_language(
    hand_built: HandBuilt, client: Client
) -> None:
    url = "/planer/handlingsplan-test/"
    nn, en, nb = (_get(client, url, language)[1] for language in ("nn", "en", "nb"))
    assert ">Byrja<" in nn and ">Ferdig<" in nn and "desember 2025" in nn
    assert ">In progress<" in en and ">Completed<" in en and "December 2025" in en
    assert "100%" in en and "100 %" in nb
    assert ">Under arbeid<" in nb and "desember 2025" in nb
    # The chart's legend and description too.
    assert "In progress" in re.search(r"<svg.*?</svg>", en, re.S).group()  # type: ignore[union-attr]
    # The plan's own text stays as written.
    assert "Handlingsplan for testing (2025–2027)" in en
    measure = _get(client, "/planer/handlingsplan-test/tiltak/1/", "en")[1]
    assert "Lage en veileder om vold" in measure and "Arbeidet med veilederen" in measure


def test_the_page_cache_keeps_a_page_per_language(
    hand_built: HandBuilt, client: Client, settings: object
) -> None:
    url = "/planer/handlingsplan-test/"
    assert '<html lang="nb"' in _get(client, url, "nb")[1]
    assert '<html lang="en"' in _get(client, url, "en")[1]
    assert '<html lang="nn"' in _get(client, url, "nn")[1]
    assert '<html lang="nb"' in _get(client, url, "nb")[1]


def test_the_data_page_etag_names_the_language(hand_built: HandBuilt, client: Client) -> None:
    nb = client.get("/data/", HTTP_ACCEPT="text/html", HTTP_ACCEPT_LANGUAGE="nb")
    en = client.get("/data/", HTTP_ACCEPT="text/html", HTTP_ACCEPT_LANGUAGE="en")
    assert nb["ETag"] != en["ETag"]
    assert {"Accept", "Accept-Language", "Cookie"} <= {v.strip() for v in en["Vary"].split(",")}
    again = client.get(
        "/data/", HTTP_ACCEPT="text/html", HTTP_ACCEPT_LANGUAGE="en", HTTP_IF_NONE_MATCH=nb["ETag"]
    )
    assert again.status_code == 200 and '<html lang="en"' in again.content.decode()


def test_the_switcher_remembers_the_choice_over_accept_language(
    hand_built: HandBuilt, client: Client
) -> None:
    response = client.get("/sprak/nn/", {"neste": "/planer/?x=1"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/planer/?x=1"
    assert response.cookies["django_language"].value == "nn"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    status, html = _get(client, "/planer/", "en")
    assert status == 200 and '<html lang="nn"' in html and "Alle planar" in html
    # The switcher's links lead back to the page the reader is on.
    assert "/sprak/en/?neste=%2Fplaner%2F" in html


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""]
)
def test_the_switcher_only_goes_back_to_this_site(client: Client, target: str) -> None:
    response = client.get("/sprak/en/", {"neste": target})
    assert response.status_code == 302 and response["Location"] == "/"


def test_an_unknown_language_is_not_found(client: Client) -> None:
    assert client.get("/sprak/de/").status_code == 404


def test_pages_outside_the_portal_stay_in_bokmal(db: None, client: Client) -> None:
    response = client.get("/konto/logg-inn/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nb"' in html and "Hopp til hovedinnholdet" in html
    assert "language-switcher" not in html
