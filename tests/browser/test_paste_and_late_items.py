"""In a real browser: an agenda copied from a PDF, with its page furniture, is pasted after the
items already there; once issued, a late item goes after item 2 as "2 bis" and is moved up.

The test thread reads the database only after the page shows that the server has answered:
the live server and the test share one SQLite database.
"""

import pytest
from playwright.sync_api import expect

from meetings.models import Session
from tests import factories
from tests.browser.accounts import sign_in_to
from tests.browser.test_editor_flow import numbers_and_titles

pytestmark = pytest.mark.django_db(transaction=True)

# As a PDF viewer copies it: page 1's footer and page 2's header fall inside item 2's title.
PDF_TEXT = """Provisional agenda*
1. Thematic discussion on protecting children in a digital age.
2. Integration and coordination of efforts by the United Nations Office on
V.11-80000 (E) 010211 020211
*1180000*
E/CN.15/2011/1
Drugs and Crime and by Member States in the field of crime prevention.
3. Other business."""


def log_in(page, live_server, body):
    sign_in_to(page, live_server.url, body, f"/bodies/{body.slug}/")


def test_paste_from_a_pdf_after_existing_items_then_a_late_item(live_server, page):
    session = factories.session(status=Session.Status.DRAFT)
    factories.item(session, "Election of officers")
    factories.item(session, "Adoption of the agenda")
    log_in(page, live_server, session.body)
    editor = f"{live_server.url}/bodies/{session.body.slug}/sessions/{session.number}/edit/"

    page.goto(editor)
    page.get_by_role("link", name="paste a whole agenda").click()
    page.get_by_label("Paste the agenda").fill(PDF_TEXT)
    expect(page.get_by_label("Add them after the existing items")).to_be_checked()
    page.get_by_role("button", name="Preview").click()
    preview = page.locator(".preview-list .number")
    expect(preview).to_have_text(["3.", "4.", "5."])  # the numbers they will really get
    expect(page.locator(".dropped .reason")).to_have_text(
        ["(heading)", "(job number)", "(bar code)", "(document symbol)"]
    )
    page.get_by_role("button", name="Add these 3 items").click()
    expect(page.locator("#agenda-tree .item-line")).to_have_count(5)
    assert numbers_and_titles(page)[3] == (
        "4 Integration and coordination of efforts by the United Nations Office on Drugs and "
        "Crime and by Member States in the field of crime prevention"
    )
    # No move is offered that would be refused: item 1 cannot go up or become a sub-item.
    expect(
        page.get_by_role("button", name="Make item 1 a sub-item of the item above")
    ).to_have_count(0)
    expect(page.get_by_role("button", name="Move item 1 up")).to_have_count(0)
    expect(page.get_by_role("button", name="Move item 5 down")).to_have_count(0)

    # Issued: the numbers are frozen, a late item goes after item 2 as 2 bis.
    Session.objects.filter(pk=session.pk).update(status=Session.Status.ISSUED)
    page.goto(editor)
    expect(page.locator("#agenda-tree button[name=direction]")).to_have_count(0)
    page.get_by_label("Title of the new item").fill("World crime trends")
    page.get_by_label("Where").select_option(label="after item 2")
    page.get_by_role("button", name="Add item").click()
    expect(page.locator("#agenda-tree .item-line")).to_have_count(6)
    assert numbers_and_titles(page)[:4] == [
        "1 Election of officers",
        "2 Adoption of the agenda",
        "2 bis World crime trends",
        "3 Thematic discussion on protecting children in a digital age",
    ]
    page.get_by_role("button", name="Move item 2 bis up").click()
    expect(page.locator("#agenda-tree .item-line .number").nth(1)).to_have_text("1 bis")
    expect(page.locator("#agenda-tree .item-line .number")).to_have_text(
        ["1", "1 bis", "2", "3", "4", "5"]
    )
