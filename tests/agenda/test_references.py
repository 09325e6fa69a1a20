"""Reference extraction on the three resolution seeds (read by hand: every citation, in order)
and on smaller texts for each form."""

import pytest
from django.conf import settings

from agenda.rules.references import Found, chinese_number, extract_references

SOURCE = settings.BASE_DIR / "seeds" / "source"

R, D, S, ITEM, M = "resolution", "document", "session", "agenda_item", "meeting"

# Seed 001, General Assembly resolution 58/140 (its own number in the heading is not a citation).
SEED_001 = [
    (S, "58"),
    (ITEM, "108"),
    (D, "A/58/499"),
    (R, "46/152"),
    (R, "57/173"),
    (R, "58/135"),
    (R, "58/136"),
    (R, "2003/24"),
    (R, "2003/28"),
    (R, "2003/30"),
    (R, "55/25"),
    (R, "55/255"),
    (R, "58/4"),
    (R, "55/59"),  # footnote 2
    (R, "2003/25"),
    (R, "57/173"),  # operative paragraph 1
    (R, "1373 (2001)"),
    (R, "56/261"),  # footnote 3
    (D, "A/58/222"),  # footnote 4
    (R, "2003/31"),
    (S, "13"),  # the Commission's thirteenth session
    (S, "59"),
    (M, "77"),
]

# Seed 002, ECOSOC resolution 2012/14, word-segmented.
SEED_002 = [
    (D, "E/2012/30"),
    (D, "E/2012/30/Corr.1"),
    (D, "E/2012/30/Corr.2"),  # "E/2012/30 和 Corr.1 和 2"
    (R, "66/102"),
    (R, "2004/25"),
    (R, "2005/21"),
    (R, "2006/25"),
    (R, "2009/23"),
    (R, "2010/20"),
    (R, "66/181"),
    (S, "68"),
    (M, "46"),
]

# Seed 004, note by the Secretariat with ECOSOC's draft resolution (Markdown links).
SEED_004 = [
    (S, "72"),
    (ITEM, "107"),
    (R, "2017/17"),
    (R, "70/291"),
    (R, "70/148"),  # footnote 1: five General Assembly resolutions …
    (R, "70/177"),
    (R, "70/291"),
    (R, "71/151"),
    (R, "71/209"),
    (R, "2133 (2014)"),  # … and ten of the Security Council
    (R, "2178 (2014)"),
    (R, "2195 (2014)"),
    (R, "2199 (2015)"),
    (R, "2253 (2015)"),
    (R, "2309 (2016)"),
    (R, "2322 (2016)"),
    (R, "2341 (2017)"),
    (R, "2347 (2017)"),
    (R, "2349 (2017)"),
    (R, "70/177"),
    (R, "70/291"),
    (R, "53/243 A"),  # "第 53/243 A 和 B 号决议"
    (R, "53/243 B"),
    (R, "56/6"),
    (R, "60/288"),
    (D, "E/CN.15/2017/5"),
    (S, "73"),
]


@pytest.mark.parametrize(
    ("seed", "expected"),
    [("001_*.txt", SEED_001), ("002_*.txt", SEED_002), ("004_*.txt", SEED_004)],
)
def test_seed_references(seed, expected):
    (path,) = SOURCE.glob(seed)
    text = path.read_text(encoding="utf-8")
    found = extract_references(text)
    assert [(f.kind, f.target) for f in found] == expected
    assert all(text[f.start : f.end] == f.text for f in found)
    assert [f.start for f in found] == sorted(f.start for f in found)


def test_positions_and_text_as_found():
    text = "（根据第三委员会的报告（Ａ／５８／４９９）通过）第 1373 (2001) 号决议"
    assert extract_references(text) == [
        Found("document", "Ａ／５８／４９９", "A/58/499", 12, 20),
        Found("resolution", "1373 (2001)", "1373 (2001)", 26, 37),
    ]


def test_markdown_escapes_are_read_through():
    assert extract_references("安全理事会第 [2133\\(2014\\)](#) 号决议") == [
        Found("resolution", "2133\\(2014\\)", "2133 (2014)", 8, 20)
    ]


def test_decisions():
    found = extract_references("回顾其第 2012/232 号决定和 decisions 70/540 and 71/1。")
    assert [(f.kind, f.target) for f in found] == [
        ("decision", "2012/232"),
        ("decision", "70/540"),
        ("decision", "71/1"),
    ]


def test_english_text():
    text = (
        "Recalling its resolution 57/173 and resolutions 58/135, 58/136 and 2003/24, the report "
        "(A/58/499 and Corr.1), agenda item 1(a), 58th session, 77th plenary meeting, "
        "CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4."
    )
    assert [(f.kind, f.target) for f in extract_references(text)] == [
        (R, "57/173"),
        (R, "58/135"),
        (R, "58/136"),
        (R, "2003/24"),
        (D, "A/58/499"),
        (D, "A/58/499/Corr.1"),
        (ITEM, "1(a)"),
        (S, "58"),
        (M, "77"),
        (D, "CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "2003 年 12 月 22 日",  # a date
        "第 57/173 号，",  # no 决议 or 决定 before the clause ends
        "《条约汇编》，第1577卷，第27531号。",  # a treaty, not a resolution
        "58/140. 加强联合国预防犯罪",  # the resolution's own number
        "第十届联合国预防犯罪和罪犯待遇大会",  # a congress, not a session
        "A/58/foo",  # not a symbol
    ],
)
def test_not_references(text):
    assert extract_references(text) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [("五十八", 58), ("十三", 13), ("十", 10), ("七十", 70), ("一百零八", 108), ("77", 77)],
)
def test_chinese_numbers(text, number):
    assert chinese_number(text) == number
