"""A translator's round trip in a real browser: the XLIFF of what French is missing is
downloaded from the translations page, translated, uploaded, and the percentages follow; an
edit in the editor brings its line up to date without a reload."""

import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import expect

from agenda.outputs.xliff import NS
from meetings.models import Session
from tests import factories
from tests.browser.accounts import sign_in_to

pytestmark = pytest.mark.django_db(transaction=True)
X = f"{{{NS}}}"


@pytest.fixture
def session():
    session = factories.session(status=Session.Status.DRAFT, agenda_symbol="CTOC/COP/WG.3/2024/1")
    opening = factories.item(session, "Opening", annotation={"en": "Opened at 10 a.m.[^1]"})
    factories.footnote(opening, "1", "Vienna time.")
    factories.item(session, "Other matters")
    return session


def translated(path) -> bytes:
    root = ET.parse(path).getroot()
    for unit in root.iter(f"{X}unit"):
        segment = unit.find(f"{X}segment")
        source = segment.find(f"{X}source")
        target = ET.SubElement(segment, f"{X}target")
        target.text = f"FR {source.text}"
        for code in source:  # the placeholders, where the translator leaves them
            ET.SubElement(target, code.tag, dict(code.attrib)).tail = code.tail
    ET.register_namespace("", NS)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def test_download_translate_upload_and_the_percentages_follow(live_server, page, session, tmp_path):
    edit = f"/bodies/{session.body.slug}/sessions/{session.number}/edit/?lang=en"
    sign_in_to(page, live_server.url, session.body, edit)
    line = page.locator("#editor-translations [data-language=fr] .percent")
    expect(line).to_have_text("0%")
    page.get_by_role("link", name="Translations: texts, XLIFF export and import").click()
    page.get_by_role("link", name="Français").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="XLIFF of the texts not yet in French").click()
    assert download.value.suggested_filename.endswith("-fr-missing.xlf")
    saved = tmp_path / "fr.xlf"
    download.value.save_as(saved)
    (tmp_path / "fr-done.xlf").write_bytes(translated(saved))

    page.get_by_label("Language of the translation").select_option("fr")
    upload = page.get_by_label("XLIFF file").and_(page.locator("input"))
    upload.set_input_files(tmp_path / "fr-done.xlf")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text("texts imported into French")).to_be_visible()
    expect(page.locator(".translation-status [data-language=fr] .percent")).to_have_text("100%")

    page.goto(live_server.url + edit.replace("lang=en", "lang=fr"))
    expect(line).to_have_text("100%")
    page.evaluate("window.notReloaded = true")
    page.get_by_role("link", name="Edit item 2", exact=True).click()
    page.get_by_label("Title of item 2 (fr)").fill("")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(line).not_to_have_text("100%")  # one text fewer in French, without a reload
    assert page.evaluate("window.notReloaded") is True


def test_the_translations_page_fits_a_phone_in_arabic(live_server, page, wg3):
    """The seeded WG.3 session's 24 texts, long titles and ids among them."""
    translations = f"/bodies/{wg3.body.slug}/sessions/{wg3.number}/edit/translations/"
    sign_in_to(page, live_server.url, wg3.body, translations + "?lang=zh")
    page.set_viewport_size({"width": 360, "height": 800})
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page.reload()
    assert page.locator("html").get_attribute("dir") == "rtl"
    expect(page.locator("table.translation-segments")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
