"""A secretariat officer prepares a session from scratch in a real browser.

The test thread reads the database only after the page shows that the server has answered:
the live server and the test share one SQLite database.
"""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from agenda.models import AgendaItem, Footnote, ScheduledItem
from meetings.models import Session
from tests import factories
from tests.browser.accounts import sign_in_to
from tests.browser.editor_page import numbers_and_titles

pytestmark = pytest.mark.django_db(transaction=True)

AGENDA = """1. Organizational matters:
(a) Opening of the meeting;
(b) Adoption of the agenda and organization of work.
2. Role and impact of technology in international cooperation in criminal matters.
3. Other matters.
4. Adoption of the report."""


def tick(page, number: str) -> None:
    """Tick agenda item ``number`` ("1(a)") in the organization editor's list of items."""
    number_span = page.locator(".number", has_text=re.compile(f"^{re.escape(number)}$"))
    page.locator("#item-pool li").filter(has=number_span).locator("input").check()


def choose_meeting(page, number: int) -> None:
    """Choose meeting ``number`` ("Meeting 2 · 2024-06-05 15:00") to assign ticked items to."""
    select = page.get_by_label("Assign the ticked items to")
    value = select.evaluate(
        "(s, n) => [...s.options].find(o => o.text.startsWith(`Meeting ${n} `)).value", number
    )
    select.select_option(value=value)


def test_prepare_a_session_from_scratch(live_server, page):
    body = factories.body(slug="ctoc-cop-wg3", symbol_prefix="CTOC/COP/WG.3")
    user = User.objects.create_user("officer", password="a-long-password-1")
    body.secretariat.add(user)

    # Log in from the body page.
    page.goto(f"{live_server.url}/bodies/ctoc-cop-wg3/")
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("User name").fill("officer")
    page.get_by_label("Password").fill("a-long-password-1")
    page.get_by_role("button", name="Log in").click()

    # Create the session.
    page.get_by_role("link", name="New session").click()
    page.get_by_label("Title (en)").fill("Fifteenth meeting")
    page.get_by_role("spinbutton", name="Number").fill("15")
    page.get_by_label("Start date").fill("2024-06-05")
    page.get_by_label("End date").fill("2024-06-06")
    page.get_by_label("Agenda symbol").fill("CTOC/COP/WG.3/2024/1")
    page.get_by_role("button", name="Create the session").click()
    expect(page.get_by_role("heading", name="Edit the agenda of")).to_be_visible()

    # Paste the agenda, preview it, add it.
    page.get_by_role("link", name="paste a whole agenda").click()
    page.get_by_label("Paste the agenda").fill(AGENDA)
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("button", name="Add these 6 items").click()
    assert numbers_and_titles(page)[:4] == [
        "1 Organizational matters",
        "1(a) Opening of the meeting",
        "1(b) Adoption of the agenda and organization of work",
        "2 Role and impact of technology in international cooperation in criminal matters",
    ]

    # Drag "Other matters" (3) above item 2: the numbers change at once.
    handle = page.locator("li.editor-item", has_text="Other matters").locator(".drag-handle")
    target = page.locator("li.editor-item", has_text="Role and impact").locator(".item-line")
    box_from, box_to = handle.bounding_box(), target.bounding_box()
    page.mouse.move(box_from["x"] + 4, box_from["y"] + 4)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(
            box_to["x"] + 10, box_from["y"] + (box_to["y"] + 3 - box_from["y"]) * step / 10
        )
    page.mouse.up()
    expect(
        page.locator("li.editor-item", has_text="Other matters").locator(".number").first
    ).to_have_text("2")
    expect(
        page.locator("li.editor-item", has_text="Role and impact").locator(".number").first
    ).to_have_text("3")

    # The keyboard-accessible buttons do the same: move it back down.
    page.get_by_role("button", name="Move item 2 down").click()
    expect(
        page.locator("li.editor-item", has_text="Other matters").locator(".number").first
    ).to_have_text("3")

    # Annotate item 2 with a reference to a footnote it does not have yet: refused, next to
    # the annotation, with the text kept.
    page.get_by_role("link", name="Edit item 2", exact=True).click()
    annotation = page.get_by_label("Annotation", exact=True)
    annotation.fill("Agenda item 2 takes up three subtopics.[^1]")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".item-form .error")).to_contain_text("There is no footnote [^1]")
    expect(annotation).to_have_value("Agenda item 2 takes up three subtopics.[^1]")
    # Add the footnote (its section changes alone: the typed annotation stays), then save.
    footnotes = page.locator(".footnotes-editor")
    footnotes.get_by_label("Text (en)").last.fill("See CTOC/COP/WG.3/2023/4, para. 44.")
    footnotes.get_by_role("button", name="Add footnote").click()
    # The section comes back with the saved footnote in it (and an empty form to add another).
    expect(footnotes.get_by_role("button", name="Save footnote")).to_be_visible()
    expect(page.locator(".footnotes-editor input[name=text]").first).to_have_value(
        "See CTOC/COP/WG.3/2023/4, para. 44."
    )
    assert Footnote.objects.get().label == "1"
    expect(annotation).to_have_value("Agenda item 2 takes up three subtopics.[^1]")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(
        page.locator("li.editor-item", has_text="Role and impact").locator(".badge")
    ).to_have_text("annotated")

    # Organization of work: "Add meeting" twice takes the next free slots; items are ticked
    # and assigned to a meeting at once.
    page.goto(f"{live_server.url}/bodies/ctoc-cop-wg3/sessions/15/edit/organization/")
    page.locator("form.add-sitting").get_by_role("button", name="Add meeting").click()
    expect(page.locator("#meeting-1")).to_be_visible()
    expect(page.locator("form.add-sitting").get_by_label("From")).to_have_value("15:00")
    page.locator("form.add-sitting").get_by_role("button", name="Add meeting").click()
    expect(page.locator("#meeting-2")).to_be_visible()
    for meeting, labels in ((1, ["1(a)", "1(b)", "2"]), (2, ["2", "3", "4"])):
        for label in labels:
            tick(page, label)
        choose_meeting(page, meeting)
        page.get_by_role("button", name="Assign", exact=True).click()
        expect(page.locator(f"#meeting-{meeting} .lines li")).to_have_count(3)
    expect(page.locator("#meeting-2 .lines li").first).to_contain_text("(continued)")
    expect(page.locator(".warnings")).to_have_count(0)
    assert ScheduledItem.objects.count() == 6

    # Issue the agenda (a confirmation page first), then read the public page.
    page.goto(f"{live_server.url}/bodies/ctoc-cop-wg3/sessions/15/edit/")
    expect(
        page.get_by_text("Not published: delegates do not see this session yet.")
    ).to_be_visible()
    page.get_by_role("link", name="Issue the provisional agenda…").click()
    page.get_by_role("button", name="Issue the provisional agenda").click()
    expect(page.get_by_text("Version 1 is published as CTOC/COP/WG.3/2024/1")).to_be_visible()
    assert Session.objects.get(number=15).status == "issued"
    expect(page.get_by_role("button", name="Move item 2 down")).to_have_count(0)  # frozen

    # Edit after the issue: the editor says what is unpublished, delegates see nothing yet.
    page.get_by_role("link", name="Edit item 3", exact=True).click()
    page.get_by_label("Title of item 3 (en)").fill("Any other business")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".publishing .pending")).to_contain_text("unpublished change")
    public = page.context.browser.new_page()  # an anonymous delegate
    public.goto(f"{live_server.url}/bodies/ctoc-cop-wg3/sessions/15/?lang=en")
    expect(public.get_by_text("Any other business")).to_have_count(0)

    # Preview, then publish as a corrigendum after looking at the differences.
    page.get_by_role("link", name="session page").click()
    expect(page.get_by_text("Preview of the working copy")).to_be_visible()
    expect(page.get_by_text("Any other business").first).to_be_visible()
    page.get_by_role("link", name="Back to the editor").click()
    page.get_by_role("link", name="Review and publish…").click()
    expect(page.locator("del", has_text="Other matters").first).to_be_visible()
    expect(page.locator("ins", has_text="Any other business").first).to_be_visible()
    page.get_by_label("a corrigendum").check()
    page.get_by_role("button", name="Publish these changes").click()
    expect(
        page.get_by_text("Version 2 is published as CTOC/COP/WG.3/2024/1/Corr.1")
    ).to_be_visible()
    expect(page.get_by_text("No unpublished changes")).to_be_visible()

    public.reload()
    expect(public.get_by_text("Any other business").first).to_be_visible()
    expect(public.get_by_text("CTOC/COP/WG.3/2024/1/Corr.1").first).to_be_visible()
    public.close()
    page.get_by_role("button", name="Log out").click()
    assert AgendaItem.objects.count() == 6


def test_the_editor_works_without_javascript(live_server, browser):
    session = factories.session(status=Session.Status.DRAFT)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    path = f"/bodies/{session.body.slug}/sessions/{session.number}/edit/"
    sign_in_to(page, live_server.url, session.body, path)
    for title in ("Opening", "Closing"):
        page.get_by_label("Title of the new item (English)").fill(title)
        page.get_by_role("button", name="Add item").click()
    page.get_by_role("button", name="Move item 2 up").click()
    assert numbers_and_titles(page) == ["1 Closing", "2 Opening"]
    page.get_by_role("link", name="Edit item 2", exact=True).click()
    page.get_by_label("Title of item 2 (en)").fill("Opening of the session")
    page.get_by_role("button", name="Save", exact=True).click()
    assert numbers_and_titles(page) == ["1 Closing", "2 Opening of the session"]
    context.close()
