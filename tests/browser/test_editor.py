"""The narrative editor (frontend/editor, bundled by `make assets`) in headless Chromium: the
2026 report's narratives go through it unchanged; writing with the toolbar, pasting from Word
and keyboard-only use store clean Markdown; no axe-core violations; no sideways scroll at 390 px."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client

from tests.support.api import PLAN_FILE
from tests.support.world import World, build_world, round_settings
from tiltak.rounds.models import StatusEntry

from .conftest import ROOT, axe_violations, screenshot

BUNDLE = ROOT / "build" / "assets" / "editor" / "editor.js"
REGJERINGEN = "https://www.regjeringen.no/"
# What Word puts on the clipboard (trimmed): Office namespaces, a style sheet, MsoNormal
# paragraphs, spans with fonts and colours, <o:p>, and a list as paragraphs with typed bullets.
WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta name=Generator content="Microsoft Word 15"><style>
p.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}
</style></head><body lang=NO-BOK style='tab-interval:35.4pt'><!--StartFragment-->
<h2 style='mso-margin-top-alt:auto'><span style='font-family:"Calibri Light";color:#2F5496'>
Tiltak fra Word</span><o:p></o:p></h2>
<p class=MsoNormal><span style='font-size:12.0pt;color:#C00000;mso-ansi-language:NO-BOK'>
Tekst med <b style='mso-bidi-font-weight:normal'>fet</b> skrift i rødt.</span><o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>
<![if !supportLists]><span style='font-family:Symbol;mso-fareast-font-family:Symbol'>
<span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;
</span></span></span><![endif]>Punkt én fra Word<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>
<![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·
<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;</span></span></span><![endif]>
Punkt to fra Word<o:p></o:p></p>
<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'>
<![if !supportLists]><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>
&nbsp;&nbsp;</span></span><![endif]>Nummerert fra Word<o:p></o:p></p>
<table class=MsoTableGrid border=1 cellspacing=0
style='border-collapse:collapse;mso-yfti-tbllook:1184'>
<tr><td width=302 valign=top style='border:solid windowtext 1.0pt'><p class=MsoNormal>
<b>Tiltak</b><o:p></o:p></p></td><td width=302 style='border:solid windowtext 1.0pt'>
<p class=MsoNormal><b>Status</b><o:p></o:p></p></td></tr>
<tr><td style='border:solid windowtext 1.0pt'><p class=MsoNormal>Politiet<o:p></o:p></p></td>
<td style='border:solid windowtext 1.0pt'><p class=MsoNormal>Gjennomført<o:p></o:p></p></td></tr>
</table>
<!--EndFragment--></body></html>"""
STYLING = ("mso", "style", "font", "Calibri", "color", "o:p", "<", "Symbol", "·")


def load_bundle(page: Any) -> None:
    if not BUNDLE.exists():
        pytest.skip("the editor is not built (make assets bundles it)")
    page.set_content("<!DOCTYPE html><html lang='nb'><body></body></html>")
    page.add_script_tag(path=str(BUNDLE))


def write_with_toolbar(page: Any, paragraph: str, items: tuple[str, str], link_text: str) -> None:
    """Replace the narrative with a heading «Status i 2026», `paragraph`, a bullet list of
    `items` and a link, all written with the toolbar; the cursor ends after the link."""
    toolbar = page.get_by_role("toolbar", name="Formatering av omtalen")
    page.get_by_role("textbox", name="Omtale").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    toolbar.get_by_role("button", name="Overskrift", exact=True).click()
    page.keyboard.type("Status i 2026")
    page.keyboard.press("Enter")
    page.keyboard.type(paragraph)
    page.keyboard.press("Enter")
    toolbar.get_by_role("button", name="Punktliste").click()
    page.keyboard.type(items[0])
    page.keyboard.press("Enter")
    page.keyboard.type(items[1])
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # an empty item ends the list
    page.keyboard.type(link_text)
    page.keyboard.press("Shift+Home")
    toolbar.get_by_role("button", name="Lenke").click()
    page.get_by_label("Lenkeadresse").fill(REGJERINGEN)
    page.keyboard.press("Enter")  # applies the link, does not send the form


def test_the_2026_narratives_go_through_the_editor_unchanged(
    page: Any, corpus_documents: dict[str, Any]
) -> None:
    narratives = [measure.narrative for measure in corpus_documents[PLAN_FILE].measures]
    assert len(narratives) == 131
    load_bundle(page)
    out = page.evaluate("texts => TiltakEditor.roundTrip(texts)", narratives)
    changed = [
        "\n".join(difflib.unified_diff(before.split("\n"), after.split("\n"), lineterm=""))
        for before, after in zip(narratives, out, strict=True)
        if before != after
    ]
    assert changed == []
    assert sum(1 for before, after in zip(narratives, out, strict=True) if before == after) == 131


@pytest.mark.parametrize(
    "markdown",
    [
        "# Overskrift\n\nTekst med **fet**, *kursiv* og `kode`.\n\n## Under\n\n1. en\n2. to",
        "| Tiltak | Status |\n| --- | --- |\n| Politiet \\| PST | *Gjennomført* |\n| Helse |  |",
        "- en\n  - under\n  - under to\n- to\n\n3) tre\n4) fire",
        "Linje\\\nneste, 5 * 3 og a_b_c, se <https://www.regjeringen.no/> og "
        '[her](https://a.no/ "T").',
        "Avsnitt:\n- rett under\n\n> sitat\n\n---\n\n```\nkode <b>\n```",
        "\\* ikke punkt\n\n\\# ikke overskrift\n\n1\\) ikke liste\n\nTekst \\<b> ikke HTML",
    ],
)
def test_other_markdown_goes_through_unchanged(page: Any, markdown: str) -> None:
    load_bundle(page)
    assert page.evaluate("texts => TiltakEditor.roundTrip(texts)", [markdown]) == [markdown]


@pytest.fixture
def live(live_server: Any, transactional_db: None, settings: Any) -> Iterator[tuple[str, World]]:
    """A live server with the hand-built plan and its round open."""
    if not BUNDLE.exists():
        pytest.skip("the editor is not built (make assets bundles it)")
    round_settings(settings)
    world = build_world()
    world.open(date.today() + timedelta(days=10))
    yield str(live_server.url), world


def open_editor(page: Any, site: str, world: World, number: str) -> StatusEntry:
    """Sign in as the lead editor and open the entry's edit page with the editor mounted."""
    client = Client()
    client.force_login(world.users["lead_editor"])
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}]
    )
    entry = world.entry(number)
    page.add_init_script(
        "window.cspViolations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " event => window.cspViolations.push(event.violatedDirective));"
    )
    assert page.goto(f"{site}/arbeidsflate/tiltak/{entry.pk}/").status == 200
    page.wait_for_selector(".rich-editor__content[contenteditable=true]")
    assert page.evaluate("document.querySelectorAll('style').length") == 0
    return entry


def paste_html(page: Any, html: str) -> None:
    """A paste event with text/html, as the browser sends one after Ctrl+V from Word."""
    page.evaluate(
        """html => {
            const data = new DataTransfer();
            data.setData('text/html', html);
            data.setData('text/plain', 'Tiltak fra Word');
            const target = document.querySelector('.rich-editor__content');
            target.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data,
                bubbles: true, cancelable: true}));
        }""",
        html,
    )


def stored(entry: StatusEntry) -> str:
    return StatusEntry.objects.get(pk=entry.pk).narrative


def no_sideways_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_toolbar_and_word_paste_store_clean_markdown(
    live: tuple[str, World], page: Any, axe_source: str
) -> None:
    site, world = live
    entry = open_editor(page, site, world, "2")
    assert page.locator("#f-narrative").is_hidden()
    assert page.locator("#f-narrative-editor-help").is_visible()
    toolbar = page.get_by_role("toolbar", name="Formatering av omtalen")
    editor = page.get_by_role("textbox", name="Omtale")
    assert toolbar.get_by_role("button", name="Fet").get_attribute("aria-pressed") == "false"
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    toolbar.get_by_role("button", name="Overskrift", exact=True).click()
    page.keyboard.type("Status i 2026")
    assert (
        toolbar.get_by_role("button", name="Overskrift", exact=True).get_attribute("aria-pressed")
        == "true"
    )
    page.keyboard.press("Enter")
    page.keyboard.type("Arbeidet går etter planen.")
    page.keyboard.press("Enter")
    toolbar.get_by_role("button", name="Punktliste").click()
    page.keyboard.type("Første punkt")
    page.keyboard.press("Enter")
    page.keyboard.type("Andre punkt")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # an empty item ends the list
    page.keyboard.type("Les mer")
    page.keyboard.press("Shift+Home")
    toolbar.get_by_role("button", name="Lenke").click()
    page.get_by_label("Lenkeadresse").fill(REGJERINGEN)
    page.keyboard.press("Enter")  # applies the link, does not send the form
    assert editor.locator(f"a[href='{REGJERINGEN}']").inner_text() == "Les mer"
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    paste_html(page, WORD_HTML)
    assert editor.locator("h4", has_text="Tiltak fra Word").count() == 1  # "##" under the h2
    assert editor.locator("[style*=mso], [style*=color], [style*=font], [class^=Mso]").count() == 0
    screenshot(page, "editor-desktop")
    assert axe_violations(page, axe_source) == []
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "editor-390")
    assert no_sideways_scroll(page)
    with page.expect_navigation():
        page.click("button[value=save]")
    assert "Utkastet er lagret" in page.content()
    text = stored(entry)
    assert text.startswith("# Status i 2026\n\nArbeidet går etter planen.\n\n")
    assert "- Første punkt\n- Andre punkt" in text
    assert f"[Les mer]({REGJERINGEN})" in text
    assert "## Tiltak fra Word" in text
    assert "Tekst med **fet** skrift i rødt." in text
    assert "- Punkt én fra Word\n- Punkt to fra Word\n\n1. Nummerert fra Word" in text
    assert "| **Tiltak** | **Status** |\n| --- | --- |\n| Politiet | Gjennomført |" in text
    assert not [word for word in STYLING if word in text], text
    # The page shows the saved text in the editor again, and changes nothing by itself.
    page.wait_for_selector(".rich-editor__content h3")
    assert page.locator("#f-narrative").input_value() == text
    assert axe_violations(page, axe_source) == []
    assert no_sideways_scroll(page)
    assert page.evaluate("window.cspViolations") == []


def test_keyboard_only(live: tuple[str, World], page: Any, axe_source: str) -> None:
    site, world = live
    entry = open_editor(page, site, world, "2")
    toolbar = page.get_by_role("toolbar", name="Formatering av omtalen")
    focused = "document.activeElement.textContent"
    page.focus("#f-status")
    page.keyboard.press("Tab")  # one tab stop for the whole toolbar
    assert page.evaluate(focused) == "Overskrift"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.evaluate(focused) == "Fet"
    page.keyboard.press("End")
    assert page.evaluate(focused) == "Tabell"
    page.keyboard.press("Home")
    page.keyboard.press("Tab")  # out of the toolbar, into the text
    assert page.evaluate("document.activeElement.getAttribute('role')") == "textbox"
    page.keyboard.press("Control+A")
    page.keyboard.type("Ny omtale ")
    page.keyboard.press("Control+B")
    page.keyboard.type("viktig")
    page.keyboard.press("Control+B")
    page.keyboard.type(" og ")
    page.keyboard.press("Control+I")
    page.keyboard.type("kursiv")
    assert toolbar.get_by_role("button", name="Kursiv").get_attribute("aria-pressed") == "true"
    page.keyboard.press("Control+I")
    page.keyboard.type(". Se ")
    page.keyboard.press("Control+K")  # the link panel, its address field focused
    assert page.evaluate("document.activeElement.id") == "f-narrative-link"
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "editor-link-390")
    assert no_sideways_scroll(page)
    assert axe_violations(page, axe_source) == []
    page.keyboard.type(REGJERINGEN)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "textbox"
    page.keyboard.press("Enter")
    page.keyboard.press("Alt+F10")  # to the toolbar, then a list with the keyboard
    assert page.evaluate("document.activeElement.closest('[role=toolbar]') !== null")
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    assert page.evaluate(focused) == "Punktliste"
    page.keyboard.press("Enter")
    page.keyboard.type("Et punkt")
    page.keyboard.press("Escape")  # out of the text, to the form's next control
    assert page.evaluate(focused) == "Forhåndsvis"
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == "Lagre utkast"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert stored(entry) == (f"Ny omtale **viktig** og *kursiv*. Se <{REGJERINGEN}>\n\n- Et punkt")
    assert axe_violations(page, axe_source) == []


def test_a_table_from_the_toolbar(live: tuple[str, World], page: Any) -> None:
    site, world = live
    entry = open_editor(page, site, world, "2")
    toolbar = page.get_by_role("toolbar", name="Formatering av omtalen")
    page.get_by_role("textbox", name="Omtale").click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    toolbar.get_by_role("button", name="Tabell", exact=True).click()
    assert toolbar.get_by_role("button", name="Ny rad").is_visible()
    assert toolbar.get_by_role(
        "button", name="Tabell", exact=True
    ).is_hidden()  # no table in a table
    for cell in ("Tiltak", "Status", "Politiet", "Gjennomført | delvis"):
        page.keyboard.type(cell)
        page.keyboard.press("Tab")  # the next cell
    with page.expect_navigation():
        page.click("button[value=save]")
    assert stored(entry) == (
        "Omtale av tiltak 2 i 2025.\n\n| Tiltak | Status |\n| --- | --- |\n"
        "| Politiet | Gjennomført \\| delvis |\n|  |  |"
    )


def word_item(text: str, level: int, marker: str = "·", list_id: str = "l0") -> str:
    """One list paragraph as Word writes it."""
    return (
        f"<p class=MsoListParagraphCxSpMiddle style='mso-list:{list_id} level{level} lfo1'>"
        f"<![if !supportLists]><span style='mso-list:Ignore'>{marker}"
        "<span style='font:7.0pt \"Times New Roman\"'>&nbsp; </span></span><![endif]>"
        f"{text}<o:p></o:p></p>"
    )


def test_word_lists_keep_their_levels(live: tuple[str, World], page: Any) -> None:
    site, world = live
    entry = open_editor(page, site, world, "2")
    page.get_by_role("textbox", name="Omtale").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    items = [
        word_item("Øverst", 1),
        word_item("Under", 2, "o"),
        word_item("Under to", 2, "o"),
        word_item("Neste", 1),
        "<p class=MsoNormal>Mellom<o:p></o:p></p>",
        word_item("Første", 1, "1.", "l1"),
        word_item("Andre", 1, "2.", "l1"),
    ]
    paste_html(page, '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>'
               + "".join(items) + "</body></html>")  # fmt: skip
    with page.expect_navigation():
        page.click("button[value=save]")
    assert stored(entry) == (
        "- Øverst\n  - Under\n  - Under to\n- Neste\n\nMellom\n\n1. Første\n2. Andre"
    )
