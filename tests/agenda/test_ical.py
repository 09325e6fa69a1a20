"""The iCalendar line writer: escaping and folding that both parsers read back exactly."""

import datetime as dt
import re
import zoneinfo

import pytest
from icalendar.parser import Contentline

from agenda.outputs.calendar import ical


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("plain", "plain"),
        ("a, b; c", "a\\, b\\; c"),
        ("C:\\Network\\new", "C:\\\\Network\\\\new"),
        ("one\ntwo\r\nthree\rfour", "one\\ntwo\\nthree\\nfour"),
        ("\\n is not a newline", "\\\\n is not a newline"),
    ],
)
def test_escape_text(value, escaped):
    assert ical.escape_text(value) == escaped


def physical_lines(folded: str) -> list[bytes]:
    assert folded.endswith("\r\n")
    return folded.encode().split(b"\r\n")[:-1]


@pytest.mark.parametrize(
    "value",
    [
        "x" * 300,
        "国际合作工作组" * 40,
        "é" * 100 + "x",
        "\\,\\;" * 60,
        "a" * 73 + "\\n" + "b" * 80,
        "Ünïcödé, with; all\\sorts\n" * 12,
    ],
)
def test_fold_keeps_lines_within_75_octets_and_unfolds_to_the_original(value):
    line = f"DESCRIPTION:{ical.escape_text(value)}"
    folded = ical.fold(line)
    lines = physical_lines(folded)
    assert all(len(physical) <= 75 for physical in lines)
    assert all(physical.startswith(b" ") for physical in lines[1:])
    for physical in lines:
        physical.decode()  # never split inside a UTF-8 sequence
        assert not physical.endswith(b"\\") or physical.endswith(b"\\\\")
    assert folded.replace("\r\n ", "").removesuffix("\r\n") == line
    assert Contentline(line).parts()[2] == value.replace("\r\n", "\n")


def test_short_lines_are_left_alone():
    assert ical.fold("STATUS:CONFIRMED") == "STATUS:CONFIRMED\r\n"
    assert ical.fold("X:" + "a" * 73) == "X:" + "a" * 73 + "\r\n"
    assert ical.fold("X:" + "a" * 74) == "X:" + "a" * 73 + "\r\n a\r\n"


def test_vtimezone_covers_the_years_given_without_a_top_level_comment():
    text = ical.vtimezone("Europe/Vienna", 2024, 2024)
    assert text.startswith("BEGIN:VTIMEZONE\r\nTZID:Europe/Vienna\r\n")
    assert "COMMENT" not in text
    assert "2025" not in text


@pytest.mark.parametrize(
    ("zone", "observances"),
    [
        # The onset of each observance in the local time before it (RFC 5545, 3.6.5), as
        # tzdata's rules say: the EU changes at 01:00 UTC, so daylight time starts at 02:00
        # local and standard time at 03:00; the United States at 02:00 local both ways.
        (
            "Europe/Vienna",
            [
                ("STANDARD", "20240101T000000", "CET", "+0100", "+0100"),
                ("DAYLIGHT", "20240331T020000", "CEST", "+0100", "+0200"),
                ("STANDARD", "20241027T030000", "CET", "+0200", "+0100"),
            ],
        ),
        (
            "America/New_York",
            [
                ("STANDARD", "20240101T000000", "EST", "-0500", "-0500"),
                ("DAYLIGHT", "20240310T020000", "EDT", "-0500", "-0400"),
                ("STANDARD", "20241103T020000", "EST", "-0400", "-0500"),
            ],
        ),
        (
            "Australia/Sydney",
            [
                ("DAYLIGHT", "20240101T000000", "AEDT", "+1100", "+1100"),
                ("STANDARD", "20240407T030000", "AEST", "+1100", "+1000"),
                ("DAYLIGHT", "20241006T020000", "AEDT", "+1000", "+1100"),
            ],
        ),
        ("Asia/Tokyo", [("STANDARD", "20240101T000000", "JST", "+0900", "+0900")]),
    ],
)
def test_vtimezone_onsets_follow_the_tz_database(zone, observances, ical_js):
    text = ical.vtimezone(zone, 2024, 2024)
    found = re.findall(
        r"BEGIN:(\w+)\r\nDTSTART:(\w+)\r\nTZNAME:(\w+)\r\nTZOFFSETFROM:([+-]\d+)\r\n"
        r"TZOFFSETTO:([+-]\d+)\r\nEND:\1\r\n",
        text,
    )
    assert found == observances
    # ical.js (Thunderbird's parser) resolves local times with it as Python's zoneinfo does
    read = ical_js(
        (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n" + text + "BEGIN:VEVENT\r\n"
            f"UID:1\r\nDTSTAMP:20240101T000000Z\r\nDTSTART;TZID={zone}:20240606T100000\r\n"
            f"DTEND;TZID={zone}:20240606T110000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        ).encode()
    )
    local = dt.datetime(2024, 6, 6, 10, tzinfo=zoneinfo.ZoneInfo(zone))
    assert read["events"][0]["start"]["utc"] == f"{local.astimezone(dt.UTC):%Y-%m-%dT%H:%M}:00.000Z"
