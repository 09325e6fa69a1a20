"""The calendar builders, read back with icalendar and with Mozilla's ical.js."""

import datetime as dt
import json
import zoneinfo

import pytest
from icalendar import Calendar
from icalendar.parser import Contentline

from agenda.management.commands.load_seeds import SEEDS_DIR
from agenda.models import DocumentLink
from agenda.outputs.calendar.feeds import (
    build_body_calendar,
    build_session_calendar,
    build_sitting_calendar,
)
from agenda.outputs.exchange import export_session, import_session
from agenda.reads.content import body_contents
from meetings.models import RemovedSitting, Session, Sitting
from tests import factories

pytestmark = pytest.mark.django_db

BASE = "https://meetings.example.org/"
VIENNA = zoneinfo.ZoneInfo("Europe/Vienna")
SEED_UIDS = [
    f"{s['uid']}@sittings.un-meetings-planner.invalid"
    for s in json.loads((SEEDS_DIR / "ctoc-cop-wg3-15.json").read_text())["session"]["sittings"]
]


def session_ics(session, language=None) -> bytes:
    return build_session_calendar(factories.content(session), language, BASE)


def body_ics(body, language=None) -> bytes:
    removed = list(RemovedSitting.objects.filter(body=body))
    return build_body_calendar(body, body_contents(body), removed, language, BASE)


def events(content: bytes) -> list:
    return Calendar.from_ical(content).walk("VEVENT")


def by_uid(content: bytes) -> dict:
    return {str(event["UID"]): event for event in events(content)}


def test_wg3_sittings_are_at_their_vienna_times_for_both_parsers(wg3, ical_js):
    content = session_ics(wg3)
    slots = [
        (dt.datetime(2024, 6, 5, 10, tzinfo=VIENNA), dt.datetime(2024, 6, 5, 13, tzinfo=VIENNA)),
        (dt.datetime(2024, 6, 5, 15, tzinfo=VIENNA), dt.datetime(2024, 6, 5, 18, tzinfo=VIENNA)),
        (dt.datetime(2024, 6, 6, 10, tzinfo=VIENNA), dt.datetime(2024, 6, 6, 13, tzinfo=VIENNA)),
        (dt.datetime(2024, 6, 6, 15, tzinfo=VIENNA), dt.datetime(2024, 6, 6, 18, tzinfo=VIENNA)),
    ]
    parsed = events(content)
    assert [(e.decoded("DTSTART"), e.decoded("DTEND")) for e in parsed] == slots
    assert [e.decoded("DTSTART").tzinfo.key for e in parsed] == ["Europe/Vienna"] * 4
    assert b"DTSTART;TZID=Europe/Vienna:20240605T100000\r\n" in content

    read = ical_js(content)
    assert read["timezones"] == ["Europe/Vienna"]
    assert [e["uid"] for e in read["events"]] == SEED_UIDS
    assert [(e["start"]["utc"], e["end"]["utc"]) for e in read["events"]] == [
        ("2024-06-05T08:00:00.000Z", "2024-06-05T11:00:00.000Z"),
        ("2024-06-05T13:00:00.000Z", "2024-06-05T16:00:00.000Z"),
        ("2024-06-06T08:00:00.000Z", "2024-06-06T11:00:00.000Z"),
        ("2024-06-06T13:00:00.000Z", "2024-06-06T16:00:00.000Z"),
    ]
    first = read["events"][0]["start"]
    assert first == {
        "local": "2024-06-05T10:00:00",
        "is_date": False,
        "tzid": "Europe/Vienna",
        "utc_offset": 7200,
        "utc": "2024-06-05T08:00:00.000Z",
    }


def test_winter_sittings_use_the_standard_offset_of_the_vtimezone(ical_js):
    session = factories.session(start_date=dt.date(2025, 1, 20), end_date=dt.date(2025, 1, 21))
    factories.sitting(session, start="09:30", end="12:30")
    read = ical_js(session_ics(session))
    assert read["events"][0]["start"]["utc_offset"] == 3600
    assert read["events"][0]["start"]["utc"] == "2025-01-20T08:30:00.000Z"


def test_the_vtimezone_spans_only_the_years_of_the_events(wg3):
    calendar = Calendar.from_ical(session_ics(wg3))
    (zone,) = calendar.walk("VTIMEZONE")
    starts = [sub.decoded("DTSTART") for sub in zone.subcomponents]
    assert {start.year for start in starts} == {2024}
    assert "COMMENT" not in zone


def test_calendar_properties(wg3, ical_js):
    content = session_ics(wg3)
    read = ical_js(content)
    name = "WG.3 Fifteenth meeting of the Working Group on International Cooperation"
    assert (read["name"], read["x_wr_calname"]) == (name, name)
    assert read["description"] == (
        "Meetings of WG.3 – Working Group on International Cooperation, with the agenda items "
        "taken up at each. Times are local (Europe/Vienna)."
    )
    assert read["method"] == "PUBLISH"
    assert (read["refresh_interval"], read["x_published_ttl"]) == ("PT1H", "PT1H")
    assert read["x_wr_timezone"] == "Europe/Vienna"
    calendar = Calendar.from_ical(content)
    assert str(calendar["PRODID"]) == "-//UN Meetings Planner//Calendar feeds//EN"
    assert (str(calendar["VERSION"]), str(calendar["CALSCALE"])) == ("2.0", "GREGORIAN")


def test_summary_and_description_of_a_sitting(wg3, ical_js):
    event = ical_js(session_ics(wg3))["events"][1]
    assert event["summary"] == (
        "WG.3 Fifteenth meeting of the Working Group on International Cooperation – 2nd meeting"
    )
    assert event["description"] == (
        "Agenda items:\n"
        "2 Role and impact of technology in international cooperation in criminal matters: "
        "opportunities, challenges and capacity-building needs (continued)\n"
        # each item's documents, with the address of their official text
        "  – Background paper prepared by the Secretariat: Role and impact of technology in "
        "international cooperation in criminal matters: opportunities, challenges and "
        "capacity-building needs (CTOC/COP/WG.3/2024/2) "
        "https://undocs.org/CTOC/COP/WG.3/2024/2\n"
        "3 Legal and practical considerations regarding tentative extradition issues in view of "
        "the anticipated work under the Mechanism for the Review of the Implementation of the "
        "United Nations Convention against Transnational Organized Crime and the Protocols "
        "thereto\n"
        "  – Background paper prepared by the Secretariat: Legal and practical considerations "
        "regarding tentative extradition issues in view of the anticipated work under the "
        "Mechanism for the Review of the Implementation of the United Nations Convention against "
        "Transnational Organized Crime and the Protocols thereto (CTOC/COP/WG.3/2024/3) "
        "https://undocs.org/CTOC/COP/WG.3/2024/3\n"
        "  – Background paper prepared by the Secretariat: Status of the functioning of the "
        "Mechanism for the Review of the Implementation of the United Nations Convention against "
        "Transnational Organized Crime and the Protocols thereto "
        "(CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4) "
        "https://undocs.org/CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4\n"
        "\n"
        "Venue: Vienna International Centre, Vienna\n"
        "\n"
        "Session page: https://meetings.example.org/bodies/ctoc-cop-wg3/sessions/15/\n"
        "Provisional agenda (PDF): "
        "https://meetings.example.org/bodies/ctoc-cop-wg3/sessions/15/agenda.en.pdf"
    )
    assert event["location"] == "Vienna International Centre"
    assert event["url"] == "https://meetings.example.org/bodies/ctoc-cop-wg3/sessions/15/"
    assert (event["status"], event["sequence"]) == ("CONFIRMED", 0)  # as first published


def test_chinese_text_with_the_document_words(wg3, ical_js):
    event = ical_js(session_ics(wg3, "zh"))["events"][2]
    assert event["summary"] == "WG.3 国际合作工作组第十五次会议 第3次会议"
    assert event["description"].startswith(
        "议程项目：\n3 鉴于在联合国打击跨国有组织犯罪公约及其各项议定书实施情况审议机制下的"
        "预期工作对于暂定的引渡问题在法律和实务方面的考虑因素（续）\n"
        "  – 秘书处编写的背景文件，内容是鉴于联合国打击跨国有组织犯罪公约及其各项议定书实施情况"
        "审议机制下的预期工作对于暂定的引渡问题在法律和实务上的考虑因素（CTOC/COP/WG.3/2024/3） "
        "https://undocs.org/zh/CTOC/COP/WG.3/2024/3\n"
        "  – 秘书处编写的背景文件，内容是联合国打击跨国有组织犯罪公约及其各项议定书实施情况审议"
        "机制的运作状况（CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4） "
        "https://undocs.org/zh/CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4\n"
        "4 其他事项\n\n"
        "地点：维也纳国际中心, 维也纳\n\n"
        "会议网页：https://meetings.example.org/bodies/ctoc-cop-wg3/sessions/15/?lang=zh\n"
        "临时议程 (PDF)：https://meetings.example.org/bodies/ctoc-cop-wg3/sessions/15/agenda.zh.pdf"
    )


def test_a_language_without_translations_falls_back_to_the_original(wg3, ical_js):
    event = ical_js(session_ics(wg3, "fr"))["events"][3]
    assert event["summary"] == (
        "WG.3 Fifteenth meeting of the Working Group on International Cooperation – 4e séance"
    )
    assert event["description"].startswith("Points de l’ordre du jour :\n5 Adoption of the report")


def test_stamps_come_from_the_published_version_so_the_bytes_are_stable(wg3):
    first = session_ics(wg3)
    assert session_ics(wg3) == first
    sitting = wg3.sittings.get(number=1)
    event = by_uid(first)[sitting.ical_uid]
    issued = dt.datetime(2024, 2, 23, tzinfo=VIENNA)  # the seed's issue date
    assert event.decoded("DTSTAMP") == issued
    assert event.decoded("LAST-MODIFIED") == issued
    sitting.room = "Board Room D"
    sitting.save()
    assert session_ics(wg3) == first  # unpublished: delegates' calendars see nothing
    version = factories.publish(wg3)
    event = by_uid(session_ics(wg3))[sitting.ical_uid]
    assert event.decoded("DTSTAMP") == version.published_at.replace(microsecond=0)
    assert event.decoded("LAST-MODIFIED") == version.published_at.replace(microsecond=0)
    untouched = by_uid(session_ics(wg3))[wg3.sittings.get(number=2).ical_uid]
    assert untouched.decoded("LAST-MODIFIED") == issued


def test_uids_survive_edits_and_export_import(wg3):
    before = sorted(by_uid(session_ics(wg3)))
    assert before == sorted(SEED_UIDS)
    sitting = wg3.sittings.get(number=2)
    sitting.room, sitting.start_time = "Board Room D", dt.time(14, 30)
    sitting.save()
    factories.publish(wg3)
    assert sorted(by_uid(session_ics(wg3))) == before
    data = export_session(wg3)
    Session.objects.all().delete()
    assert sorted(by_uid(session_ics(import_session(data)))) == before


def test_a_published_change_of_time_room_or_items_raises_only_that_sequence(wg3):
    sitting = wg3.sittings.get(number=3)

    def sequences():
        return [by_uid(session_ics(wg3))[uid]["SEQUENCE"] for uid in SEED_UIDS]

    assert sequences() == [0, 0, 0, 0]
    sitting.start_time = dt.time(9, 30)
    sitting.save()
    assert sequences() == [0, 0, 0, 0]  # not published yet
    factories.publish(wg3)
    assert sequences() == [0, 0, 1, 0]
    sitting.room = "Plenary Hall M"
    sitting.save()
    factories.publish(wg3)
    assert sequences() == [0, 0, 2, 0]
    sitting.scheduled_items.first().delete()
    factories.publish(wg3)
    assert sequences() == [0, 0, 3, 0]


def test_a_cancelled_sitting_stays_cancelled_with_a_higher_sequence(wg3, ical_js):
    sitting = wg3.sittings.get(number=4)
    before = ical_js(session_ics(wg3))["events"][3]
    sitting.cancelled = True
    sitting.save()
    factories.publish(wg3)
    after = ical_js(session_ics(wg3))["events"][3]
    assert (after["uid"], after["status"]) == (sitting.ical_uid, "CANCELLED")
    assert after["sequence"] == before["sequence"] + 1
    assert after["summary"].startswith("Cancelled: WG.3 Fifteenth meeting")


def test_a_deleted_sitting_comes_back_cancelled_in_session_and_body_feeds(wg3, ical_js):
    sitting = wg3.sittings.get(number=2)
    published = ical_js(session_ics(wg3))["events"][1]
    sitting.delete()
    factories.publish(wg3)
    for content in (session_ics(wg3), body_ics(wg3.body)):
        read = ical_js(content)
        assert [e["uid"] for e in read["events"]] == SEED_UIDS
        removed = read["events"][1]
        assert removed["status"] == "CANCELLED"
        assert removed["sequence"] == published["sequence"] + 1
        assert removed["summary"] == f"Cancelled: {published['summary']}"
        assert (removed["start"], removed["end"]) == (published["start"], published["end"])
    assert [e["status"] for e in ical_js(session_ics(wg3))["events"]] == [
        "CONFIRMED",
        "CANCELLED",
        "CONFIRMED",
        "CONFIRMED",
    ]


def test_a_deleted_session_is_cancelled_in_the_body_feed(wg3, ical_js):
    body = wg3.body
    wg3.delete()
    read = ical_js(body_ics(body))
    assert [(e["uid"], e["status"]) for e in read["events"]] == [
        (uid, "CANCELLED") for uid in SEED_UIDS
    ]
    assert read["timezones"] == ["Europe/Vienna"]


def test_draft_sessions_stay_out_of_the_body_feed(ical_js):
    body = factories.body()
    public = factories.session(body=body, number=1)
    draft = factories.session(body=body, number=2, status=Session.Status.DRAFT)
    shown = factories.sitting(public)
    factories.sitting(draft)
    factories.publish(public)
    read = ical_js(body_ics(body))
    assert [e["uid"] for e in read["events"]] == [shown.ical_uid]
    factories.sitting(draft, number=2, start="15:00", end="18:00").delete()  # never published
    assert [e["uid"] for e in ical_js(body_ics(body))["events"]] == [shown.ical_uid]


def test_sittings_without_times_are_all_day_events_not_floating(seeded, ical_js):
    ga = Session.objects.get(body__slug="ga", number=58)
    content = session_ics(ga)
    assert b"DTSTART;VALUE=DATE:20031222\r\nDTEND;VALUE=DATE:20031223\r\n" in content
    event = ical_js(content)["events"][0]
    assert event["start"] == {
        "local": "2003-12-22",
        "is_date": True,
        "tzid": None,
        "utc_offset": None,
        "utc": None,
    }
    assert ical_js(content)["timezones"] == []
    assert event["summary"] == "GA Fifty-eighth session of the General Assembly – 77th meeting"


def test_one_sitting_to_download(wg3, ical_js):
    sitting = Sitting.objects.get(session=wg3, number=2)
    read = ical_js(build_sitting_calendar(factories.content(wg3), 2, "zh", BASE))
    assert [e["uid"] for e in read["events"]] == [sitting.ical_uid]
    assert read["events"][0]["description"].startswith("议程项目：\n2 技术在刑事事项")
    assert "（续）" in read["events"][0]["description"]  # continued from the 1st meeting
    assert read["refresh_interval"] is None  # a download, not a subscription
    assert read["timezones"] == ["Europe/Vienna"]


HOSTILE = (
    "Line one\nline two, with commas; semicolons; a backslash \\ and C:\\Network\\new\r\n"
    + "x" * 300
    + "\n“quoted”, émigré, 国际合作工作组 ;,\\;"
)
ROOM = "Board Room D, wing C; \\ M-building\nfloor 2"  # a room is at most 100 characters


def test_hostile_text_is_escaped_and_folded_and_reads_back_exactly(ical_js):
    session = factories.session(title={"en": HOSTILE}, original_language="en")
    session.body.abbreviation = "WG;,\\"
    session.body.save()
    item = factories.item(session, HOSTILE)
    sitting = factories.sitting(session, room=ROOM)
    factories.schedule(sitting, item)
    content = session_ics(session)
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    assert b"\n" not in content.replace(b"\r\n", b"")
    expected = HOSTILE.replace("\r\n", "\n")
    summary = f"WG;,\\ {expected} – 1st meeting"
    description_start = f"Agenda items:\n1 {expected}\n\nRoom: {ROOM}\n"

    read = ical_js(content)
    assert read["name"] == f"WG;,\\ {expected}"
    assert read["events"][0]["summary"] == summary
    assert read["events"][0]["description"].startswith(description_start)
    assert read["events"][0]["location"] == f"{session.body.duty_station.name['en']}, {ROOM}"

    (event,) = events(content)
    assert str(event["SUMMARY"]) == summary
    assert str(event["DESCRIPTION"]).startswith(description_start)
    # icalendar keeps properties it has no type for (NAME, X-WR-CALNAME) raw: read the line
    unfolded = content.decode().replace("\r\n ", "").split("\r\n")
    (name_line,) = [line for line in unfolded if line.startswith("X-WR-CALNAME:")]
    assert Contentline(name_line).parts()[2] == f"WG;,\\ {expected}"


@pytest.mark.parametrize("sessions", [1, 20])
def test_body_feed_queries_do_not_grow_with_its_sessions(django_assert_num_queries, sessions):
    body = factories.body_with_sessions(sessions)
    # the current versions, their contents, the tombstones of deleted sessions
    with django_assert_num_queries(3):
        content = body_ics(body, "en")
    assert len(events(content)) == 3 * sessions


@pytest.mark.parametrize("sessions", [1, 20])
def test_session_feed_queries_do_not_grow(django_assert_num_queries, sessions):
    session = Session.objects.filter(body=factories.body_with_sessions(sessions)).first()
    content = factories.content(session)
    with django_assert_num_queries(0):  # a published content is built from memory
        ics = build_session_calendar(content, None, BASE)
    assert len(events(ics)) == 3


def test_the_organizer_is_the_bodys_secretariat_as_published(wg3, ical_js):
    assert "ORGANIZER" not in session_ics(wg3).decode()  # no address known: none invented
    wg3.body.organizer_email = "wg3-secretariat@example.org"
    wg3.body.save()
    assert "ORGANIZER" not in session_ics(wg3).decode()  # delegates see what was published
    assert factories.publish(wg3).kind == "schedule"  # not a change to the agenda document
    content = session_ics(wg3, "zh")
    events = ical_js(content)["events"]
    assert {(e["organizer"], e["organizer_name"]) for e in events} == {
        ("mailto:wg3-secretariat@example.org", "WG.3 – 国际合作工作组")
    }
    for event in Calendar.from_ical(content).walk("VEVENT"):  # RFC 5546: with METHOD:PUBLISH
        assert event["ORGANIZER"] == "mailto:wg3-secretariat@example.org"
        assert event["ORGANIZER"].params["CN"] == "WG.3 – 国际合作工作组"
    assert len(events) == 4


def test_a_new_document_of_an_item_taken_up_raises_the_sequence_of_its_meetings(wg3):
    before = by_uid(session_ics(wg3))
    item = wg3.agenda_items.get(parent=None, position=3)  # item 4, taken up in meeting 3
    DocumentLink.objects.create(item=item, document=factories.document("CTOC/COP/WG.3/2024/5"))
    factories.publish(wg3, kind="corrigendum")
    after = by_uid(session_ics(wg3))
    raised = {uid for uid in after if after[uid]["SEQUENCE"] != before[uid]["SEQUENCE"]}
    assert raised == {wg3.sittings.get(number=3).ical_uid}
    assert "CTOC/COP/WG.3/2024/5" in str(after[wg3.sittings.get(number=3).ical_uid]["DESCRIPTION"])


def test_feeds_say_which_languages_their_text_is_in(wg3):
    assert session_ics(wg3).languages == ("en",)
    assert session_ics(wg3, "zh").languages == ("zh",)  # all of it translated
    assert session_ics(wg3, "fr").languages == ("en", "fr")  # French words, English texts
