"""The iCalendar line writer: escaping and folding that both parsers read back exactly."""

import pytest
from icalendar.parser import Contentline

from agenda import ical


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
    assert "DTSTART:20240331T030000\r\nTZNAME:CEST\r\n" in text
    assert "DTSTART:20241027T030000\r\nTZNAME:CET\r\n" in text
    assert "2025" not in text
