"""Late items: after issue an item goes where it belongs and takes a number that renumbers
nothing (3 bis, 3 ter, the next letter among sub-items), in every output; the editor offers
no move that would be refused."""

import subprocess
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from icalendar import Calendar

from agenda.models import AgendaItem, ScheduledItem
from agenda.outputs import exchange
from agenda.reads.changes import compare
from agenda.rules.late_items import allowed_moves, late_move, late_place
from agenda.rules.numbering import number_in, number_items, numbering_problems, ordered_tree
from agenda.services import editing, publishing
from meetings.models import Session
from tests import factories
from tests.agenda.conftest import edit_url
from tests.parsed import find, find_all, parse

pytestmark = pytest.mark.django_db


def node(pk, bis=0):
    return SimpleNamespace(pk=pk, bis=bis, parent_id=None, position=pk, fixed_number=None)


def shown(session) -> list[tuple[str, str]]:
    """(number, title) of the session's items in agenda order."""
    items = list(AgendaItem.objects.filter(session=session))
    numbers = number_items(items)
    return [
        (numbers[i.pk], i.title["en"]) for top, subs in ordered_tree(items) for i in (top, *subs)
    ]


@pytest.fixture
def issued():
    """An issued agenda of four items, item 2 with two sub-items."""
    session = factories.session(status=Session.Status.DRAFT)
    for title in ("Opening", "Elections", "Technology", "Report"):
        item = editing.add_item(session, title=title, language="en")
        if title == "Elections":
            editing.add_item(session, title="Chair", language="en", parent=item)
            editing.add_item(session, title="Bureau", language="en", parent=item)
    Session.objects.filter(pk=session.pk).update(status=Session.Status.ISSUED)
    return Session.objects.get(pk=session.pk)


def top(session, title):
    return AgendaItem.objects.get(session=session, title__en=title)


# --- the rules, pure ---------------------------------------------------------------------


def test_numbering_gives_a_bis_item_the_number_before_it():
    items = [node(1), node(2), node(3, bis=1), node(4, bis=2), node(5)]
    assert list(number_items(items).values()) == ["1", "2", "2 bis", "2 ter", "3"]
    assert numbering_problems(items) == []
    assert number_in("2 ter", "ar") == "2 ثالثا"
    assert number_in("2 bis(b)", "ar") == "2 مكررا(ب)"
    assert number_in("2 bis(b)", "fr") == "2 bis(b)"


def test_late_place_goes_to_the_end_of_the_items_run():
    tops = [node(1), node(2), node(3, bis=1), node(4)]
    assert late_place(tops, 0) == (1, 1)  # after 1: 1 bis
    assert late_place(tops, 1) == (3, 2)  # after 2 (which has 2 bis): 2 ter, after 2 bis
    assert late_place(tops, 2) == (3, 2)  # after 2 bis: 2 ter
    assert late_place(tops, 3) == (4, 0)  # after the last: the next number


def test_only_the_last_late_item_of_a_run_moves_and_never_past_the_ends():
    tops = [node(1), node(2), node(3, bis=1), node(4, bis=2), node(5)]
    assert late_move(tops, 3, "up") == (1, 1)  # 2 ter -> 1 bis
    assert late_move(tops, 3, "down") == (4, 1)  # 2 ter -> 3 bis
    assert late_move(tops, 2, "up") is None  # 2 bis: 2 ter would become 2 bis
    assert late_move(tops, 1, "up") is None  # an issued item keeps its place
    assert late_move([node(1), node(2, bis=1)], 1, "up") is None
    assert late_move([node(1), node(2, bis=1)], 1, "down") is None


def test_the_editor_offers_only_the_moves_that_would_be_accepted():
    a, b, c = node(1), node(2), node(3)
    sub1, sub2 = node(4), node(5)
    moves = allowed_moves([(a, []), (b, [sub1, sub2]), (c, [])], frozen=False)
    assert moves[a.pk] == {"down"}  # no indent on item 1, no up
    assert moves[b.pk] == {"up", "down"}  # it has sub-items: no indent
    assert moves[c.pk] == {"up", "indent"}
    assert moves[sub1.pk] == {"down", "outdent"}
    assert moves[sub2.pk] == {"up", "outdent"}
    late = node(6, bis=1)
    frozen = allowed_moves([(a, []), (b, [sub1]), (late, []), (c, [])], frozen=True)
    assert frozen == {1: set(), 2: set(), 4: set(), 6: {"up", "down"}, 3: set()}


# --- the domain --------------------------------------------------------------------------


def test_after_issue_a_late_item_is_bis_and_renumbers_nothing(issued):
    before = shown(issued)
    editing.add_item(issued, title="Late one", language="en", after=top(issued, "Elections"))
    editing.add_item(issued, title="Later one", language="en", after=top(issued, "Elections"))
    editing.add_item(issued, title="At the end", language="en", after=top(issued, "Report"))
    editing.add_item(issued, title="Vice-chair", language="en", parent=top(issued, "Elections"))
    assert shown(issued) == [
        ("1", "Opening"),
        ("2", "Elections"),
        ("2(a)", "Chair"),
        ("2(b)", "Bureau"),
        ("2(c)", "Vice-chair"),
        ("2 bis", "Late one"),
        ("2 ter", "Later one"),
        ("3", "Technology"),
        ("4", "Report"),
        ("5", "At the end"),
    ]
    assert set(before) <= set(shown(issued))  # every issued number is kept


def test_before_issue_an_item_added_after_another_renumbers_the_rest(issued):
    Session.objects.filter(pk=issued.pk).update(status=Session.Status.DRAFT)
    draft = Session.objects.get(pk=issued.pk)
    editing.add_item(draft, title="Inserted", language="en", after=top(draft, "Opening"))
    assert [t for n, t in shown(draft) if "(" not in n] == [
        "Opening",
        "Inserted",
        "Elections",
        "Technology",
        "Report",
    ]
    assert shown(draft)[1] == ("2", "Inserted")


def test_a_late_item_moves_into_another_run_and_issued_items_stay(issued):
    late = editing.add_item(issued, title="Late", language="en", after=top(issued, "Technology"))
    editing.move_item(late, "up")
    assert ("2 bis", "Late") in shown(issued)
    editing.move_item(late, "down")
    editing.move_item(late, "down")
    assert shown(issued)[-1] == ("4 bis", "Late")
    with pytest.raises(ValidationError, match="renumbers nothing"):
        editing.move_item(late, "down")  # nothing after it
    with pytest.raises(ValidationError, match="frozen"):
        editing.move_item(top(issued, "Technology"), "up")
    with pytest.raises(ValidationError, match="frozen"):
        editing.move_item(top(issued, "Elections"), "indent")


def test_a_full_run_is_refused_with_a_message(issued):
    for n in range(9):
        editing.add_item(issued, title=f"Late {n}", language="en", after=top(issued, "Opening"))
    with pytest.raises(ValidationError, match="as many late items"):
        editing.add_item(issued, title="One more", language="en", after=top(issued, "Opening"))
    assert shown(issued)[9] == ("1 decies", "Late 8")


def test_item_numbers_in_the_exchange_format_and_back(issued):
    editing.add_item(issued, title="Late", language="en", after=top(issued, "Opening"))
    data = exchange.export_session(issued)
    agenda = data["session"]["agenda"]
    assert agenda[1] == {"bis": 1, "title": {"en": "Late"}}
    copy = exchange.import_session(data, replace=True)  # the schema accepts it
    assert exchange.export_session(copy) == data
    assert shown(copy)[1] == ("1 bis", "Late")
    data["session"]["agenda"][1]["bis"] = 10
    with pytest.raises(exchange.ImportFailed, match="bis"):
        exchange.import_session(data, replace=True)


# --- the editor ----------------------------------------------------------------------------


def test_the_editor_adds_a_late_item_where_asked_and_shows_only_possible_moves(client, issued):
    client.force_login(factories.secretariat_member(issued.body))
    page = edit_url("session-edit", issued)
    html = parse(client.get(page).content)
    assert "after item 2" in html.visible_text and "numbered 3 bis" in html.visible_text
    # issued: nothing moves
    assert html.find(value="indent") is None and html.find(value="up") is None
    response = client.post(
        edit_url("item-add", issued),
        {"title": "Late", "after": top(issued, "Opening").pk, "lang": "en"},
    )
    assert response.status_code == 302
    assert shown(issued)[1] == ("1 bis", "Late")
    html = client.get(page).content
    assert len(find_all(html, value="up")) == 0 and len(find_all(html, value="down")) == 1  # 1 bis


def test_a_draft_editor_offers_no_indent_on_item_1(client, issued):
    Session.objects.filter(pk=issued.pk).update(status=Session.Status.DRAFT)
    client.force_login(factories.secretariat_member(issued.body))
    html = client.get(edit_url("session-edit", issued)).content
    labels = " | ".join(e["aria-label"] for e in find_all(html, "button", aria_label=True))
    assert "Make item 1 a sub-item" not in labels and "Move item 1 up" not in labels
    assert "Make item 3 a sub-item" in labels and "Move item 4 down" not in labels
    assert "Make item 2 a sub-item" not in labels  # it has sub-items


def test_a_sub_item_and_a_place_at_once_is_refused_with_a_message(client, issued):
    client.force_login(factories.secretariat_member(issued.body))
    elections = top(issued, "Elections")
    response = client.post(
        edit_url("item-add", issued),
        {"title": "X", "after": elections.pk, "parent": elections.pk, "lang": "en"},
        follow=True,
    )
    assert "leave “Where” at the end" in response.content.decode()
    assert not AgendaItem.objects.filter(title__en="X").exists()


def test_another_bodys_item_cannot_be_named_as_the_place(client, issued):
    client.force_login(factories.secretariat_member(issued.body))
    other = factories.item(factories.session(), "Elsewhere")
    client.post(edit_url("item-add", issued), {"title": "X", "after": other.pk, "lang": "en"})
    assert not AgendaItem.objects.filter(title__en="X").exists()


# --- every output ----------------------------------------------------------------------------


def test_a_published_late_item_is_3_bis_in_every_output(client, seeded):
    wg3 = Session.objects.get(body__slug="ctoc-cop-wg3", number=15)
    first = publishing.current_version(wg3)
    third = wg3.agenda_items.get(parent=None, position=2)
    late = editing.add_item(wg3, title="World crime trends", language="en", after=third)
    sitting = wg3.sittings.get(number=4)
    ScheduledItem.objects.create(sitting=sitting, item=late, position=99)
    version = factories.publish(wg3, kind="revision")
    args = [wg3.body.slug, wg3.number]

    page = client.get(reverse("session-detail", args=args) + "?lang=en").content
    late_entry = find(page, "li", id="agenda-3-bis").visible_text
    assert "3 bis" in late_entry and "World crime trends" in late_entry
    arabic = client.get(reverse("session-detail", args=args) + "?lang=ar").content.decode()
    assert "3 مكررا" in arabic and "3 bis" not in arabic
    exported = client.get(reverse("session-export", args=args)).json()
    assert exported["session"]["agenda"][3]["bis"] == 1
    feed = client.get(reverse("sitting-calendar", args=[*args, 4]) + "?lang=en").content
    descriptions = "".join(str(e.get("DESCRIPTION", "")) for e in Calendar.from_ical(feed).walk())
    assert "3 bis" in descriptions
    pdf = client.get(reverse("session-pdf", args=[*args, "en"])).content
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    assert "3 bis" in " ".join(text.stdout.decode().split())
    changes = compare(first.content, version.content, "en")
    added = [c for c in changes[0].changes if c.action == "added"]
    assert [c.key for c in added] == ["3 bis"]
    assert all(c.action != "moved" for c in changes[0].changes)  # nothing renumbered
