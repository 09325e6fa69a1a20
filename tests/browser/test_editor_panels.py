"""The editor page beside its live preview, in a real browser: the preview follows an edit
without a reload, one item panel is open at a time, unsaved text is not lost silently, and the
page fits a phone."""

import re

import pytest
from playwright.sync_api import expect

from meetings.models import Session
from tests import factories
from tests.browser.accounts import sign_in_to

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editor_page(live_server, page):
    """A published session of two items, its editor page open for a member of its secretariat
    (published: what is unpublished is loaded after the page)."""
    session = factories.session(status=Session.Status.DRAFT, agenda_symbol="CTOC/COP/WG.3/2024/1")
    factories.item(session, "Opening of the session")
    factories.item(session, "Other matters")
    factories.publish(session, kind="issue")
    edit = f"/bodies/{session.body.slug}/sessions/{session.number}/edit/?lang=en"
    sign_in_to(page, live_server.url, session.body, edit)
    expect(page.get_by_role("heading", name="Edit the agenda of")).to_be_visible()
    return page


def test_the_preview_follows_an_edit_without_a_reload(editor_page):
    page = editor_page
    preview = page.frame_locator("#live-preview iframe")
    # Beside the editor on a wide screen, laid out by the PDF's template.
    expect(page.locator("#live-preview")).to_have_attribute("open", "")
    expect(preview.locator(".provisional-agenda")).to_contain_text("Other matters")
    box, tree = page.locator(".preview-frame").bounding_box(), page.locator("#agenda-tree")
    assert box["x"] > tree.bounding_box()["x"] + tree.bounding_box()["width"] - 1
    expect(page.get_by_text("No unpublished changes")).to_be_visible()  # loaded after the page

    page.evaluate("window.notReloaded = true")
    page.get_by_role("link", name="Edit item 2", exact=True).click()
    page.get_by_label("Title of item 2 (en)").fill("Any other business")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(preview.locator(".provisional-agenda")).to_contain_text("Any other business")
    expect(preview.locator(".provisional-agenda")).not_to_contain_text("Other matters")
    expect(page.locator(".publishing .pending")).to_contain_text("1 unpublished change")
    assert page.evaluate("window.notReloaded") is True  # the same page, never reloaded


def test_one_item_panel_at_a_time(editor_page):
    page = editor_page
    page.get_by_role("link", name="Edit item 1", exact=True).click()
    expect(page.get_by_label("Title of item 1 (en)")).to_be_visible()
    page.get_by_role("link", name="Edit item 2", exact=True).click()
    expect(page.get_by_label("Title of item 2 (en)")).to_be_visible()
    expect(page.locator(".item-form")).to_have_count(1)
    # Item 1 has its line back, with its buttons working.
    expect(page.locator("#agenda-tree .item-line .number").first).to_have_text("1")
    page.get_by_role("link", name="Edit item 1", exact=True).click()
    expect(page.get_by_label("Title of item 1 (en)")).to_be_visible()
    expect(page.locator(".item-form")).to_have_count(1)

    # Changed text: opening another item asks first; refusing keeps the text.
    page.get_by_label("Annotation", exact=True).fill("Typed, not saved.")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("link", name="Edit item 2", exact=True).click()
    assert asked and "not saved" in asked[0]
    expect(page.get_by_label("Annotation", exact=True)).to_have_value("Typed, not saved.")
    expect(page.locator(".item-form")).to_have_count(1)


def test_leaving_with_unsaved_text_warns_and_saving_does_not(editor_page):
    page = editor_page
    page.get_by_role("link", name="Edit item 1", exact=True).click()
    page.get_by_label("Annotation", exact=True).fill("The session will be opened.")
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # "stay on the page"

    page.on("dialog", stay)
    # the navigation the dialog cancels: nothing to wait for after the click
    page.get_by_role("link", name="History").click(no_wait_after=True)
    expect(page.get_by_label("Annotation", exact=True)).to_have_value("The session will be opened.")
    assert dialogs == ["beforeunload"]
    assert "/edit/history/" not in page.url

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("li.editor-item", has_text="Opening").locator(".badge")).to_have_text(
        "annotated"
    )
    page.get_by_role("link", name="History").click()
    expect(page).to_have_url(re.compile(r"/edit/history/$"))
    assert dialogs == ["beforeunload"]  # no second warning after the save


def test_the_preview_folds_below_the_editor_on_a_phone(editor_page):
    page = editor_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.reload()
    preview = page.locator("#live-preview")
    expect(preview).not_to_have_attribute("open", "")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    tree = page.locator("#agenda-tree").bounding_box()
    summary = page.locator("#live-preview summary").bounding_box()
    assert summary["y"] >= tree["y"] + tree["height"] - 1  # below the editor
    page.locator("#live-preview summary").click()
    frame = page.locator(".preview-frame").bounding_box()
    assert frame["x"] >= 0 and frame["x"] + frame["width"] <= 360
    expect(
        page.frame_locator("#live-preview iframe").locator(".provisional-agenda")
    ).to_contain_text("Opening of the session")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_text_pasted_and_not_previewed_is_not_lost_silently(editor_page):
    page = editor_page
    page.goto(page.url.replace("/edit/?lang=en", "/edit/paste?lang=en"))
    page.locator("textarea").first.fill("1. Opening of the session\n2. Adoption of the agenda")
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.locator("nav.breadcrumbs a").last.click()  # back to the editor
    assert dialogs == ["beforeunload"]
    expect(page.locator("textarea").first).to_have_value(
        "1. Opening of the session\n2. Adoption of the agenda"
    )
