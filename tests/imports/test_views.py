"""The import pages: permissions, messages instead of errors, review, save, plans by hand."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tiltak.audit.models import AuditEvent
from tiltak.imports.models import ImportDraft
from tiltak.plans.models import Measure, Plan

from .conftest import World, plan_docx

UPLOAD = "/koordinator/import/"


class _Inputs(HTMLParser):
    """The form controls of a page, and the ids that labels point to."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str]] = []
        self.labelled: set[str] = set()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "label" and values.get("for"):
            self.labelled.add(values["for"])
        if tag in ("input", "select", "textarea") and values.get("type") != "hidden":
            self.controls.append(values)


def _page(html: str) -> _Inputs:
    parser = _Inputs()
    parser.feed(html)
    return parser


def _upload(client: Client, data: bytes, name: str = "plan.docx") -> Any:
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})


def _form_values(html: str) -> dict[str, str]:
    """The review form as the browser would send it unchanged."""
    values: dict[str, str] = {}
    for tag in re.findall(r"<(?:input|select|textarea)[^>]*>(?:[^<]*</textarea>)?", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name:
            continue
        if tag.startswith("<textarea"):
            values[name[1]] = re.sub(r"^<textarea[^>]*>\n?|</textarea>$", "", tag)
        elif 'type="radio"' in tag or 'type="checkbox"' in tag:
            if " checked" in tag:
                values[name[1]] = re.search(r'value="([^"]*)"', tag)[1]  # type: ignore[index]
        elif tag.startswith("<select"):
            continue
        else:
            value = re.search(r'value="([^"]*)"', tag)
            values[name[1]] = value[1] if value else ""
    for select, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        values[select] = chosen[1] if chosen else ""
    return {
        k: v.replace("&amp;", "&").replace("&#x27;", "'").replace("&quot;", '"')
        for k, v in values.items()
    }


def test_only_coordinators_and_admins_may_import(world: World) -> None:
    assert world.client("anonymous").get(UPLOAD).status_code == 302
    for role in ("lead_editor", "reader"):
        assert world.client(role).get(UPLOAD).status_code == 403
        assert _upload(world.client(role), plan_docx()).status_code == 403
        assert world.client(role).get("/koordinator/import/ny-plan/").status_code == 403
    assert world.client("lead_editor").get("/koordinator/import/plan/testplan/").status_code == 403
    for role in ("coordinator", "admin"):
        page = world.client(role).get(UPLOAD)
        assert page.status_code == 200
        assert "Les dokumentet" in page.content.decode()
    assert not ImportDraft.objects.exists()


def test_coordinator_home_links_to_the_import(world: World) -> None:
    page = world.client("coordinator").get("/koordinator/").content.decode()
    assert 'href="/koordinator/import/"' in page


def test_upload_page_script_is_a_file_and_the_button_says_it_reads(world: World) -> None:
    html = world.client("coordinator").get(UPLOAD).content.decode()
    assert re.search(r'<script src="/static/imports/imports\.js" defer></script>', html)
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # nothing inline: CSP
    assert 'data-busy-text="Leser dokumentet …"' in html


def test_a_document_tiltak_cannot_read_is_shown_as_a_message(world: World) -> None:
    response = _upload(world.client("coordinator"), b"%PDF-1.7 broken", "rapport.pdf")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tiltak kunne ikke lese «rapport.pdf»" in html
    assert 'role="alert"' in html
    assert not ImportDraft.objects.exists()


def test_review_shows_an_accessible_table_with_findings(world: World) -> None:
    client = world.client("coordinator")
    response = _upload(client, plan_docx())
    draft = ImportDraft.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{UPLOAD}{draft.pk}/"
    html = client.get(response["Location"]).content.decode()
    assert "Tiltak leste <strong>4 tiltak</strong>" in html
    assert "Ingenting er lagret ennå" in html
    page = _page(html)
    visible = [c for c in page.controls]
    assert len(visible) > 4 * 7
    for control in visible:
        assert control["id"] in page.labelled, control
        for described in control.get("aria-describedby", "").split():
            assert described in page.ids, (control, described)
    # Each row's inputs are described by its findings and source text.
    assert 'aria-describedby="funn-0"' in html
    assert "Tiltak 1 skal gjøre testingen bedre" in html
    assert (
        'value="testing-2025-2028"' in html or 'value="handlingsplan-mot-testing-2025-2028"' in html
    )


def test_another_users_draft_is_not_found(world: World) -> None:
    _upload(world.client("coordinator"), plan_docx())
    draft = ImportDraft.objects.get()
    assert world.client("admin").get(f"{UPLOAD}{draft.pk}/").status_code == 404
    assert (
        world.client("admin").post(f"{UPLOAD}{draft.pk}/", {"action": "discard"}).status_code == 404
    )
    assert ImportDraft.objects.filter(pk=draft.pk).exists()


def test_a_corrected_cell_is_saved_on_confirm_only(world: World) -> None:
    client = world.client("coordinator")
    location = _upload(client, plan_docx())["Location"]
    html = client.get(location).content.decode()
    plans, measures = Plan.objects.count(), Measure.objects.count()
    values = _form_values(html)
    assert values["m-TOTAL_FORMS"] == "4"
    values.update({"m-1-responsible": "JD, BFD", "new_slug": "testing-2025-2028", "target": "new"})
    # A form with a mistake saves nothing and says what to fix.
    broken = {**values, "m-2-number": ""}
    response = client.post(location, broken)
    assert response.status_code == 400
    assert "Noe i skjemaet må rettes" in response.content.decode()
    assert (Plan.objects.count(), Measure.objects.count()) == (plans, measures)
    # A forged row count is refused too.
    assert client.post(location, {**values, "m-TOTAL_FORMS": "3"}).status_code == 400
    assert Plan.objects.count() == plans
    response = client.post(location, {**values, "action": "save"})
    assert response.status_code == 302
    assert response["Location"] == "/koordinator/import/plan/testing-2025-2028/"
    plan = Plan.objects.get(slug="testing-2025-2028")
    assert plan.measures.get(number="2").responsible_acronyms() == ["JD", "BFD"]
    assert AuditEvent.objects.filter(action="import_document", plan_id=plan.pk).count() == 1
    assert not ImportDraft.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "er lagret som ny plan" in page
    assert "Etablere et nasjonalt testsenter" in page
    assert client.get("/planer/testing-2025-2028/").status_code == 200


def test_discard_saves_nothing(world: World) -> None:
    client = world.client("coordinator")
    location = _upload(client, plan_docx())["Location"]
    plans = Plan.objects.count()
    response = client.post(location, {"action": "discard"})
    assert response.status_code == 302 and response["Location"] == UPLOAD
    assert not ImportDraft.objects.exists()
    assert Plan.objects.count() == plans
    assert client.get(location).status_code == 404


def test_a_plan_by_hand_through_the_pages(world: World) -> None:
    client = world.client("coordinator")
    response = client.post("/koordinator/import/ny-plan/", {"title": "Strategi for håndarbeid"})
    assert response.status_code == 302
    location = response["Location"]
    assert location == "/koordinator/import/plan/strategi-for-handarbeid/"
    html = client.get(location).content.decode()
    page = _page(html)
    assert all(c["id"] in page.labelled for c in page.controls)
    form = {
        "m-TOTAL_FORMS": "5",
        "m-INITIAL_FORMS": "0",
        "m-MIN_NUM_FORMS": "0",
        "m-MAX_NUM_FORMS": "100",
    }
    missing_title = {**form, "m-0-number": "1"}
    assert client.post(location, missing_title).status_code == 400
    form.update({"m-0-number": "1", "m-0-title": "Lage en veileder", "m-0-responsible": "KD"})
    response = client.post(location, form)
    assert response.status_code == 302
    plan = Plan.objects.get(slug="strategi-for-handarbeid")
    assert list(plan.measures.values_list("number", "title")) == [("1", "Lage en veileder")]
    page = client.get(location).content.decode()
    assert "1 tiltak er lagt til" in page
    assert "Planen vises i portalen når en runde er publisert" in page  # not there before
    assert client.get(f"{location}?rader=20").content.decode().count('name="m-') > 20 * 5


def test_an_exchange_workbook_of_a_plan_i_coordinate_suggests_a_new_round(world: World) -> None:
    from dataclasses import replace

    from tiltak.rounds.exchange import export_rounds, write_xlsx

    rows = [replace(r, round="Status høsten 2026") for r in export_rounds(world.plan)]
    client = world.client("coordinator")
    response = _upload(client, write_xlsx(rows), "testplan.xlsx")
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    values = _form_values(html)
    assert (values["target"], values["plan"], values["round_title"]) == (
        "round",
        "testplan",
        "Status høsten 2026",
    )
    response = client.post(response["Location"], {**values, "action": "save"})
    assert response.status_code == 302
    assert world.plan.rounds.filter(slug="status-hosten-2026", state="published").exists()


def test_the_review_suggests_the_documents_language_and_the_coordinator_decides(
    world: World,
) -> None:
    client = world.client("coordinator")
    nynorsk = Path(__file__).parents[1] / "documents" / "fixtures" / "nynorsk-statustabell.txt"
    location = _upload(client, nynorsk.read_bytes(), "nynorsk.txt")["Location"]
    html = client.get(location).content.decode()
    assert re.search(r'<option value="nn" selected>Nynorsk</option>', html)
    values = _form_values(html)
    values.update({"new_slug": "trygge-skular", "target": "new", "language": "nb"})
    response = client.post(location, {**values, "action": "save"})
    assert response.status_code == 302
    assert Plan.objects.get(slug="trygge-skular").language == "nb"
