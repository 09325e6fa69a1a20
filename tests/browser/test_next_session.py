"""From the seeded WG.3 session 15, the secretariat prepares session 16 in a real browser: a
draft with the standing items, the meetings a year on, nothing published.

The test thread reads the database only after the page shows that the server has answered:
the live server and the test share one SQLite database.
"""

import datetime as dt

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from agenda.models import AgendaItem, PublishedVersion
from agenda.rules.numbering import number_items
from meetings.models import Body, Session
from tests.browser.accounts import sign_in_to
from tests.browser.editor_page import numbers_and_titles

pytestmark = pytest.mark.django_db(transaction=True)

EDITOR = "/bodies/ctoc-cop-wg3/sessions/15/edit/"
TITLE = "Sixteenth meeting of the Working Group on International Cooperation"


def ticked_numbers(page) -> list[str]:
    rows = page.locator(".carry-items li")
    return [
        rows.nth(i).locator(".item-number").inner_text()
        for i in range(rows.count())
        if rows.nth(i).locator("input").is_checked()
    ]


def test_prepare_session_16_from_the_seeded_session_15(live_server, page):
    call_command("load_seeds", verbosity=0)
    user = sign_in_to(page, live_server.url, Body.objects.get(slug="ctoc-cop-wg3"), EDITOR)
    page.get_by_role("link", name="Provisional agenda for the next session").click()
    expect(
        page.get_by_role("heading", name="Provisional agenda for the next session")
    ).to_be_visible()
    # The standing items come ticked, each with its number; the two topics do not.
    assert ticked_numbers(page) == ["1", "1(a)", "1(b)", "4", "5"]

    # A start within this session is refused, and what was typed stays.
    page.get_by_label("First day of the next session").fill("2024-06-06")
    page.get_by_label("Title of the next session (English)").fill(TITLE)
    page.get_by_role("button", name="Prepare session 16").click()
    expect(page.locator("#id_start-error")).to_have_text(
        "The next session must start after this one ends (6 June 2024)."
    )
    expect(page.get_by_label("Title of the next session (English)")).to_have_value(TITLE)
    assert not Session.objects.filter(body__slug="ctoc-cop-wg3", number=16).exists()

    page.get_by_label("First day of the next session").fill("2025-06-04")
    page.get_by_role("button", name="Prepare session 16").click()
    expect(page.get_by_role("heading", name="Edit the agenda of WG.3 16")).to_be_visible()
    expect(
        page.get_by_text("Session 16 has been prepared as a draft; nothing is published.")
    ).to_be_visible()
    assert numbers_and_titles(page) == [
        "1 Organizational matters",
        "1(a) Opening of the meeting",
        "1(b) Adoption of the agenda and organization of work",
        "2 Other matters",
        "3 Adoption of the report",
    ]

    new = Session.objects.get(body__slug="ctoc-cop-wg3", number=16)
    assert (new.status, new.start_date, new.end_date) == (
        Session.Status.DRAFT,
        dt.date(2025, 6, 4),
        dt.date(2025, 6, 5),
    )
    assert new.agenda_symbol == "CTOC/COP/WG.3/2025/1"
    items = list(AgendaItem.objects.filter(session=new))
    numbers = number_items(items)
    assert sorted((numbers[i.pk], i.title["en"]) for i in items) == [
        ("1", "Organizational matters"),
        ("1(a)", "Opening of the meeting"),
        ("1(b)", "Adoption of the agenda and organization of work"),
        ("2", "Other matters"),
        ("3", "Adoption of the report"),
    ]
    assert new.sittings.count() == 4
    assert not PublishedVersion.objects.filter(session=new).exists()
    assert new.history.get().history_user == user
    # Delegates do not see it: nothing is published.
    visitor = page.context.browser.new_context()
    response = visitor.new_page().goto(f"{live_server.url}/bodies/ctoc-cop-wg3/sessions/16/")
    assert response.status == 404
    visitor.close()
