"""The entry form with the rich-text editor (issue 13, part 1): the textarea stays the form
field, the page loads the bundled editor from our own static files, and what is saved is
Markdown without raw HTML."""

from __future__ import annotations

from tiltak.rounds import services
from tiltak.rounds.models import StatusEntry

from .conftest import World


def test_the_form_keeps_the_textarea_and_loads_the_editor_from_static(world: World) -> None:
    world.open()
    html = world.client("lead_editor").get(f"/arbeidsflate/tiltak/{world.entry('1').pk}/")
    page = html.content.decode()
    assert 'name="narrative"' in page and "data-rich-editor" in page
    assert 'src="/static/vendor/editor/editor.js" defer' in page
    assert 'href="/static/vendor/editor/editor.css"' in page
    assert "<script>" not in page  # no inline script: the Content-Security-Policy forbids it


def test_a_posted_narrative_is_stored_without_raw_html(world: World) -> None:
    world.open()
    entry = world.entry("1")
    response = world.client("lead_editor").post(
        f"/arbeidsflate/tiltak/{entry.pk}/",
        {
            "version": entry.version,
            "status_label": "",
            "action": "save",
            "narrative": '## Status\r\n\r\nTekst <span style="color:red">rød</span>.<o:p></o:p>',
        },
    )
    assert response.status_code == 302
    assert StatusEntry.objects.get(pk=entry.pk).narrative == "## Status\n\nTekst rød."


def test_clean_markdown_is_stored_as_written(world: World) -> None:
    world.open()
    entry = world.entry("1")
    text = "# Status\n\nSe <https://www.regjeringen.no/> og 5 < 6.\n- a\n- b"
    services.save_entry(
        world.users["lead_editor"], entry.pk, expected_version=entry.version,
        status_label="", narrative=text,
    )  # fmt: skip
    assert StatusEntry.objects.get(pk=entry.pk).narrative == text
