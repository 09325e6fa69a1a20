"""The organization of work in a real browser: ticking several items into a meeting at once,
dragging one onto a meeting, the next free slot, 24-hour times, errors next to their field.

The test thread reads the database only after the page shows that the server has answered.
"""

import pytest
from playwright.sync_api import expect

from agenda.models import ScheduledItem
from meetings.models import Session
from tests import factories
from tests.browser.accounts import sign_in_to
from tests.browser.test_editor_flow import choose_meeting, tick

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def organization(live_server, page):
    """A draft session of 12 items and 3 meetings, its organization page open."""
    session = factories.session(status=Session.Status.DRAFT)
    for n in range(1, 13):
        factories.item(session, f"Topic {n}")
    for start, end, day in (("10:00", "13:00", 0), ("15:00", "18:00", 0), ("10:00", "13:00", 1)):
        factories.sitting(
            session, date=session.start_date.replace(day=5 + day), start=start, end=end
        )
    path = f"/bodies/{session.body.slug}/sessions/{session.number}/edit/organization/"
    sign_in_to(page, live_server.url, session.body, path)
    expect(page.get_by_role("heading", name="Agenda items")).to_be_visible()
    return session


def assign(page, numbers, meeting: int) -> None:
    for number in numbers:
        tick(page, number)
    choose_meeting(page, meeting)
    page.get_by_role("button", name="Assign", exact=True).click()


def test_ten_items_go_to_three_meetings_in_three_requests(page, organization):
    sent = []
    page.on("request", lambda request: sent.append(request.url))
    for numbers, meeting in (
        (["1", "2", "3", "4"], 1),
        (["5", "6", "7"], 2),
        (["8", "9", "10"], 3),
    ):
        assign(page, numbers, meeting)
        expect(page.locator(f"#meeting-{meeting} .lines li")).to_have_count(len(numbers))
    assert len(sent) <= 5, sent
    assert len(sent) == 3
    lines = page.locator("#meeting-1 .lines li .number")
    expect(lines).to_have_text(["1", "2", "3", "4"])  # one number per line, in agenda order
    # the ticks are cleared, and the list says where each item went
    expect(page.locator("#item-pool input:checked")).to_have_count(0)
    expect(page.locator("#item-pool li", has_text="Topic 5").locator(".taken")).to_have_text(
        "→ meeting 2"
    )
    assert ScheduledItem.objects.count() == 10


def test_drag_an_item_onto_a_meeting(page, organization):
    item = page.locator("#item-pool li", has_text="Topic 11").locator(".number")
    target = page.locator("#meeting-3 ul.lines")
    box_from, box_to = item.bounding_box(), target.bounding_box()
    page.mouse.move(box_from["x"] + 3, box_from["y"] + 3)
    page.mouse.down()
    for step in range(1, 16):
        page.mouse.move(
            box_from["x"] + (box_to["x"] + 20 - box_from["x"]) * step / 15,
            box_from["y"] + (box_to["y"] + 8 - box_from["y"]) * step / 15,
        )
    page.mouse.up()
    expect(page.locator("#meeting-3 .lines li")).to_have_count(1)
    expect(page.locator("#meeting-3 .lines li")).to_contain_text("Topic 11")
    assert list(ScheduledItem.objects.values_list("item__title", flat=True)) == [{"en": "Topic 11"}]


def test_propose_then_adjust(page, organization):
    page.get_by_role("button", name="Propose an organization of work").click()
    expect(page.locator("#meeting-1 .lines li")).to_have_count(4)
    expect(page.locator("#meeting-3 .lines li .number")).to_have_text(["9", "10", "11", "12"])
    page.get_by_role("button", name="Remove item 12 from meeting 3").click()
    expect(page.locator("#meeting-3 .lines li")).to_have_count(3)
    # A second proposal replaces what is there only once that is ticked.
    page.get_by_label("Replace what is there").check()
    page.get_by_role("button", name="Propose an organization of work").click()
    expect(page.locator("#meeting-3 .lines li")).to_have_count(4)


def test_next_slot_24_hour_times_and_errors_next_to_the_field(page, organization):
    form = page.locator("form.add-sitting")
    start = form.get_by_label("From")
    # 24-hour text, whatever the browser's locale: not a time picker showing "3:00 PM"
    expect(start).to_have_attribute("type", "text")
    expect(form.get_by_label("Date")).to_have_value("2024-06-06")
    expect(start).to_have_value("15:00")
    form.get_by_role("button", name="Add meeting").click()
    expect(page.locator("#meeting-4")).to_be_visible()
    form = page.locator("form.add-sitting")
    # The session's last day is full: the day after, which is refused next to the date.
    expect(form.get_by_label("Date")).to_have_value("2024-06-07")
    form.get_by_label("Date").fill("2024-06-06")
    form.get_by_label("From").fill("19:00")
    form.get_by_label("to").fill("18:30")
    form.get_by_label("Room").fill("Conference Room 3")
    form.get_by_role("button", name="Add meeting").click()
    form = page.locator("form.add-sitting")
    error = form.locator("#new-end-error")
    expect(error).to_have_text("The meeting must end after it starts (19:00); 18:30 is not later.")
    expect(form.get_by_label("to")).to_have_attribute("aria-describedby", "new-end-error")
    expect(form.get_by_label("From")).to_have_value("19:00")
    expect(form.get_by_label("Room")).to_have_value("Conference Room 3")
    expect(page.locator("#organization > p.error")).to_have_count(0)
    assert organization.sittings.count() == 4


def test_change_a_meeting(page, organization):
    page.get_by_role("link", name="Change meeting 2").click()
    form = page.locator(".meeting-change form.sitting-form")
    form.get_by_label("From").fill("14:30")
    form.get_by_label("to").fill("17.30")
    form.get_by_role("button", name="Save meeting 2").click()
    expect(page.locator(".meeting-change")).to_have_count(0)
    expect(page.locator("thead")).to_contain_text("14:30–17:30")


def test_tick_and_assign_works_without_javascript(live_server, browser):
    session = factories.session(status=Session.Status.DRAFT)
    for title in ("Opening", "Elections", "Closing"):
        factories.item(session, title)
    factories.sitting(session)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    path = f"/bodies/{session.body.slug}/sessions/{session.number}/edit/organization/"
    sign_in_to(page, live_server.url, session.body, path)
    tick(page, "1")
    tick(page, "3")
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.locator("#meeting-1 .lines li .number")).to_have_text(["1", "3"])
    # an error comes back on the page, next to the form, with nothing lost
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.locator("#assign-error")).to_have_text("Tick at least one item to assign.")
    page.get_by_role("link", name="Change meeting 1").click()
    form = page.locator(".meeting-change form.sitting-form")
    form.get_by_label("to", exact=True).fill("9:00")
    form.get_by_role("button", name="Save meeting 1").click()
    form = page.locator(".meeting-change form.sitting-form")
    expect(form.locator(".error")).to_contain_text("must end after it starts")
    expect(form.get_by_label("to", exact=True)).to_have_value("9:00")
    context.close()
    assert ScheduledItem.objects.count() == 2
