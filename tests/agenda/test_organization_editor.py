"""The organization-of-work editor's second pass: several items at once, a proposed
organization, the next free slot, 24-hour times, errors next to their field, permissions."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test.html import Element, parse_html

from agenda.models import ScheduledItem
from agenda.services import organization_plan
from agenda.services import sittings as schedule
from meetings.models import Sitting
from tests import factories
from tests.agenda.conftest import edit_url as url

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(draft):
    return draft


@pytest.fixture
def items(four_items, session):
    return four_items | {"3": factories.item(session, "Other matters")}


def elements(node, tag=None, **attributes):
    """Every element under ``node`` named ``tag`` with these attribute values."""
    found = []
    for child in getattr(node, "children", []):
        if not isinstance(child, Element):
            continue
        attrs = dict(child.attributes)
        if (tag is None or child.name == tag) and all(
            attrs.get(key.rstrip("_")) == value for key, value in attributes.items()
        ):
            found.append(child)
        found += elements(child, tag, **attributes)
    return found


def text(node) -> str:
    return " ".join(
        (child if isinstance(child, str) else text(child)) for child in node.children
    ).strip()


def taken_up(session) -> dict[int, list[str]]:
    return {
        sitting.number: [
            str(line.item) for line in sitting.scheduled_items.order_by("position", "pk")
        ]
        for sitting in session.sittings.order_by("number")
    }


def post(client, name, session, data, *args, **headers):
    return client.post(url(name, session, *args), data, **headers)


def test_several_items_go_to_a_meeting_in_one_request(client, session, items, editor):
    first, second = (
        factories.sitting(session),
        factories.sitting(session, start="15:00", end="18:00"),
    )
    ticked = [items["2"].pk, items["1(a)"].pk, items["3"].pk]
    response = post(
        client,
        "organization-assign",
        session,
        {"sitting": first.pk, "items": ticked},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert [str(line.item) for line in first.scheduled_items.order_by("position")] == [
        "Technology",
        "Opening",
        "Other matters",
    ]
    # Those already taken up stay where they are; the others go after them.
    post(
        client,
        "organization-assign",
        session,
        {"sitting": first.pk, "items": [items["3"].pk, items["1(b)"].pk]},
    )
    assert taken_up(session) == {1: ["Technology", "Opening", "Other matters", "Adoption"], 2: []}
    response = post(
        client,
        "organization-assign",
        session,
        {"sitting": first.pk, "items": [items["3"].pk]},
        HTTP_HX_REQUEST="true",
    )
    assert "Meeting 1 already takes up that item." in response.text
    response = post(
        client, "organization-assign", session, {"sitting": second.pk}, HTTP_HX_REQUEST="true"
    )
    (error,) = elements(parse_html(response.text), "span", id="assign-error")
    assert text(error) == "Tick at least one item to assign."


def test_items_or_meetings_of_another_session_are_refused(client, session, items, editor):
    sitting = factories.sitting(session)
    same_body = factories.session(body=session.body, status=session.status)
    elsewhere = factories.item(same_body, "Of the other session")
    their_meeting = factories.sitting(same_body)
    for data in (
        {"sitting": sitting.pk, "items": [items["2"].pk, elsewhere.pk]},
        {"sitting": their_meeting.pk, "items": [items["2"].pk]},
    ):
        response = post(client, "organization-assign", session, data, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert elements(parse_html(response.text), "span", id="assign-error")
    assert not ScheduledItem.objects.exists()
    with pytest.raises(ValidationError, match="not on this agenda"):
        schedule.assign_many(sitting, [items["2"].pk, elsewhere.pk])


def test_another_bodys_secretariat_cannot_assign_propose_or_add(client, session, items):
    sitting = factories.sitting(session)
    factories.schedule(sitting, items["2"])
    line = sitting.scheduled_items.get()
    factories.signed_in(client, factories.body(), "stranger")
    for name, data in [
        ("organization-assign", {"sitting": sitting.pk, "items": [items["3"].pk]}),
        ("organization-propose", {"replace": "on"}),
        ("organization-lines", {"op": f"remove {line.pk}"}),
        ("sitting-add", {"date": "2024-06-05", "start_time": "15:00", "end_time": "18:00"}),
    ]:
        assert post(client, name, session, data).status_code == 403, name
    assert taken_up(session) == {1: ["Technology"]}


def test_line_buttons_of_one_form_per_meeting(client, session, items, editor):
    sitting = factories.sitting(session)
    factories.schedule(sitting, items["2"], items["3"])
    two, three = sitting.scheduled_items.order_by("position")
    post(client, "organization-lines", session, {"op": f"down {two.pk}"})
    assert taken_up(session) == {1: ["Other matters", "Technology"]}
    post(client, "organization-lines", session, {"op": f"remove {three.pk}"})
    assert taken_up(session) == {1: ["Technology"]}
    # A line of another session is not reached through this one.
    other = factories.session(body=session.body)
    theirs = factories.sitting(other)
    factories.schedule(theirs, factories.item(other, "Theirs"))
    response = post(
        client,
        "organization-lines",
        session,
        {"op": f"remove {theirs.scheduled_items.get().pk}"},
        HTTP_HX_REQUEST="true",
    )
    assert "no longer exists" in response.text
    assert theirs.scheduled_items.exists()


def test_propose_spreads_the_leaf_items_over_the_meetings_in_order(session, items):
    for start, end in (("10:00", "13:00"), ("15:00", "18:00")):
        factories.sitting(session, start=start, end=end)
    factories.sitting(session, date=session.end_date, cancelled=True)
    assert organization_plan.propose(session) == 4
    # 1 is taken up through its sub-items; the cancelled meeting 3 gets nothing.
    assert taken_up(session) == {
        1: ["Opening", "Adoption"],
        2: ["Technology", "Other matters"],
        3: [],
    }
    schedule.unassign(ScheduledItem.objects.get(item=items["3"]))
    with pytest.raises(ValidationError, match="Replace what is there"):
        organization_plan.propose(session)
    assert organization_plan.propose(session, replace=True) == 4
    assert taken_up(session)[2] == ["Technology", "Other matters"]


def test_propose_needs_meetings(session, items):
    with pytest.raises(ValidationError, match="Add the meetings first"):
        organization_plan.propose(session)


def test_spread_is_even_and_in_order():
    assert organization_plan.spread(list("abcdefg"), [1, 2, 3]) == {
        1: ["a", "b", "c"],
        2: ["d", "e"],
        3: ["f", "g"],
    }
    assert organization_plan.spread(["a"], [1, 2]) == {1: ["a"], 2: []}


def test_propose_from_the_page_asks_before_replacing(client, session, items, editor):
    factories.sitting(session)
    response = post(client, "organization-propose", session, {}, HTTP_HX_REQUEST="true")
    assert taken_up(session) == {1: ["Opening", "Adoption", "Technology", "Other matters"]}
    page = parse_html(response.text)
    (replace,) = elements(page, "input", name="replace")
    assert "required" in dict(replace.attributes)
    response = post(client, "organization-propose", session, {}, HTTP_HX_REQUEST="true")
    assert "Tick “Replace what is there”" in response.text


def proposed(response) -> dict:
    (form,) = [
        f
        for f in elements(parse_html(response.text), "form")
        if "add-sitting" in dict(f.attributes).get("class", "")
    ]
    return {
        dict(i.attributes)["name"]: dict(i.attributes).get("value")
        for i in elements(form, "input")
        if dict(i.attributes).get("name") in ("date", "start_time", "end_time")
    }


def test_add_a_meeting_proposes_the_next_free_slot(client, session, editor):
    page = client.get(url("session-organization", session))
    slots = []
    for _ in range(4):
        data = proposed(page)
        slots.append(tuple(data.values()))
        page = post(
            client, "sitting-add", session, {**data, "interpretation": "on"}, HTTP_HX_REQUEST="true"
        )
    assert slots == [
        ("2024-06-05", "10:00", "13:00"),
        ("2024-06-05", "15:00", "18:00"),
        ("2024-06-06", "10:00", "13:00"),
        ("2024-06-06", "15:00", "18:00"),
    ]
    assert session.sittings.count() == 4
    # Beyond the last day: the day after, which the form then refuses next to the date.
    assert proposed(page) == {"date": "2024-06-07", "start_time": "10:00", "end_time": "13:00"}
    page = post(client, "sitting-add", session, proposed(page), HTTP_HX_REQUEST="true")
    assert session.sittings.count() == 4
    (error,) = elements(parse_html(page.text), "span", id="new-date-error")
    assert "outside the session's dates" in text(error)


def test_times_are_on_the_24_hour_clock(client, session, editor):
    page = client.get(url("session-organization", session)).text
    assert 'type="time"' not in page
    for typed in ("15.00", "１５：００", "15h00"):
        post(
            client,
            "sitting-add",
            session,
            {"date": "2024-06-05", "start_time": typed, "end_time": "18:00"},
        )
    assert list(session.sittings.values_list("start_time", flat=True)) == [dt.time(15)]
    response = post(
        client,
        "sitting-add",
        session,
        {"date": "2024-06-05", "start_time": "3:00 PM", "end_time": "18:00", "room": "Board Room"},
        HTTP_HX_REQUEST="true",
    )
    (error,) = elements(parse_html(response.text), "span", id="new-start-error")
    assert text(error) == "Give the time on the 24-hour clock as hh:mm, e.g. 15:00."


def test_an_error_is_next_to_its_field_translated_with_the_input_kept(client, session, editor):
    sitting = factories.sitting(session)
    client.cookies["django_language"] = "zh"
    response = post(
        client,
        "sitting-edit",
        session,
        {
            "date": "2024-06-05",
            "start_time": "13:00",
            "end_time": "12:00",
            "room": "Salle XVI",
            "version": sitting.version,
        },
        sitting.pk,
        HTTP_HX_REQUEST="true",
    )
    page = parse_html(response.text)
    (error,) = elements(page, "span", id=f"{sitting.pk}-end-error")
    assert "13:00" in text(error) and "meeting must end" not in text(error)
    form = next(
        f
        for f in elements(page, "form")
        if dict(f.attributes).get("action", "").endswith(f"/meetings/{sitting.pk}/")
    )
    values = {
        dict(i.attributes).get("name"): dict(i.attributes).get("value")
        for i in elements(form, "input")
    }
    assert (values["start_time"], values["end_time"], values["room"]) == (
        "13:00",
        "12:00",
        "Salle XVI",
    )
    assert len(elements(page, "div", class_="meeting-change")) == 1  # that meeting's form, open
    assert not [e for e in elements(page, "p", class_="error")]  # not at the top of the page
    sitting.refresh_from_db()
    assert sitting.end_time == dt.time(13)


def test_one_number_per_line_and_day_names_translated(client, session, items, editor):
    sitting = factories.sitting(session)
    factories.schedule(sitting, items["1(a)"], items["2"])
    client.cookies["django_language"] = "zh"
    page = parse_html(client.get(url("session-organization", session)).text)
    (lines,) = elements(page, "ul", class_="lines")
    assert [
        text(n) for li in elements(lines, "li") for n in elements(li, "span", class_="number")
    ] == ["1(a)", "2"]
    assert not elements(page, "ol", class_="lines")  # no list numbers beside the item numbers
    (day,) = elements(page, "th", scope="row")
    assert text(day) == "6月5日，星期三"


@pytest.mark.parametrize("count", [2, 20])
def test_organization_page_query_count_does_not_grow(
    client, session, editor, count, django_assert_num_queries
):
    sittings = Sitting.objects.bulk_create(
        Sitting(
            session=session,
            number=n + 1,
            date=session.start_date + dt.timedelta(days=n % 2),
            start_time=dt.time(8 + n // 2 % 12),
            end_time=dt.time(8 + n // 2 % 12, 50),
        )
        for n in range(count)
    )
    for n, sitting in enumerate(sittings):
        factories.schedule(sitting, factories.item(session, f"Item {n}"))
    with django_assert_num_queries(7):
        response = client.get(url("session-organization", session))
    page = parse_html(response.text)
    # one shared list of items, not one select per meeting
    assert len(elements(page, "select", name="sitting")) == 1
    assert len(elements(page, "input", name="items", type="checkbox")) == count


def test_the_page_in_chinese(client, session, items, editor):
    factories.sitting(session)
    client.cookies["django_language"] = "zh"
    page = client.get(url("session-organization", session)).text
    for text in ("议程项目", "将勾选的项目分配给", "分配", "拟定工作安排", "第1次会议", "时:分"):
        assert text in page, text
    for english in ("Assign the ticked items", "Propose an organization", "Drop items here"):
        assert english not in page, english
