from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from meetings.symbols import (
    DOT_MARKERS,
    SLASH_MARKERS,
    SUFFIXES,
    ResolutionNumber,
    Symbol,
    clean_symbol,
    next_session_symbol,
    parse_resolution,
    parse_symbol,
)

# Real symbols of the UN document system, each already canonical.
REAL_SYMBOLS = [
    "A/58/499",
    "A/58/222",
    "A/RES/58/140",
    "A/RES/57/173",
    "A/RES/55/25",
    "A/RES/70/291",
    "A/RES/53/243B",
    "A/RES/S-26/2",
    "A/RES/ES-10/15",
    "A/ES-10/L.22",
    "A/58/PV.77",
    "A/58/L.5",
    "A/58/L.5/Add.1",
    "A/C.3/72/L.5",
    "A/C.3/72/L.5/Rev.1",
    "A/C.3/72/L.5/Rev.1/Corr.1",
    "A/C.3/58/SR.20",
    "A/C.5/72/L.12",
    "A/INF/72/1",
    "A/72/1",
    "A/72/100/Add.2",
    "A/HRC/RES/35/1",
    "A/HRC/35/L.1",
    "A/CONF.234/L.1",
    "A/AC.105/C.1/L.400",
    "A/CN.9/1015",
    "A/73/10",
    "E/2012/30",
    "E/2012/30/Corr.1",
    "E/2012/30/Corr.2",
    "E/RES/2012/14",
    "E/RES/2003/24",
    "E/DEC/2012/232",
    "E/2012/SR.46",
    "E/2003/INF/2/Add.1",
    "E/CN.15/2017/5",
    "E/CN.15/2017/L.3/Rev.1",
    "E/CN.15/2017/INF/1",
    "E/CN.15/2017/CRP.1",
    "E/CN.7/2024/15",
    "E/C.12/GC/24",
    "E/ICEF/2024/1",
    "S/RES/1373 (2001)",
    "S/RES/2178 (2014)",
    "S/RES/2349 (2017)",
    "S/2001/1234",
    "S/PRST/2001/5",
    "S/PV.4385",
    "CTOC/COP/WG.3/2024/1",
    "CTOC/COP/WG.3/2024/2",
    "CTOC/COP/WG.3/2024/3",
    "CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4",
    "CTOC/COP/2020/CRP.1",
    "CTOC/COP/2020/L.1/Rev.1",
    "CTOC/COP/WG.3/2023/4",
    "CAC/COSP/2023/1",
    "CAC/COSP/IRG/2024/2/Add.1",
    "CAC/COSP/WG.4/2024/L.1",
    "ECE/TRANS/WP.29/1150",
    "ST/SGB/2003/13",
    "ST/AI/2010/3/Amend.1",
    "UNEP/EA.5/INF/1",
    "TD/B/70/1",
    "DP/2024/1/Add.1/Rev.1",
    "FCCC/CP/2015/10/Add.1",
]


@pytest.mark.parametrize("symbol", REAL_SYMBOLS)
def test_real_symbols_parse_and_format_back_unchanged(symbol):
    assert str(parse_symbol(symbol)) == symbol


def test_there_are_sixty_real_symbols_at_least():
    assert len(set(REAL_SYMBOLS)) >= 60


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("A/58/499", Symbol(series="A", session="58", number="499")),
        (
            "A/RES/58/140",
            Symbol(series="A", marker="RES", marker_first=True, session="58", number="140"),
        ),
        (
            "E/CN.15/2017/INF/1",
            Symbol(series="E", bodies=("CN.15",), session="2017", marker="INF", number="1"),
        ),
        (
            "A/C.3/72/L.5/Rev.1/Corr.1",
            Symbol(
                series="A",
                bodies=("C.3",),
                session="72",
                marker="L",
                number="5",
                suffixes=(("Rev", 1), ("Corr", 1)),
            ),
        ),
        (
            "S/RES/1373 (2001)",
            Symbol(series="S", marker="RES", marker_first=True, number="1373", year="2001"),
        ),
        (
            "CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4",
            Symbol(
                series="CTOC",
                bodies=("COP", "WG.2"),
                session="2024",
                number="4",
                joint=(Symbol(series="CTOC", bodies=("COP", "WG.3"), session="2024", number="4"),),
            ),
        ),
        ("A/58/PV.77", Symbol(series="A", session="58", marker="PV", number="77")),
        ("A/ES-10/L.22", Symbol(series="A", session="ES-10", marker="L", number="22")),
        ("ECE/TRANS/WP.29/1150", Symbol(series="ECE", bodies=("TRANS", "WP.29"), number="1150")),
    ],
)
def test_parts(raw, expected):
    assert parse_symbol(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # full-width characters and spaces as found in Chinese texts
        ("Ａ／５８／４９９", "A/58/499"),
        (" CTOC/COP/WG.3/2023/4 ", "CTOC/COP/WG.3/2023/4"),
        ("A / 58 / 222", "A/58/222"),
        ("Ｅ／ＣＮ．１５／２０１７／５", "E/CN.15/2017/5"),
        ("E/2012/30/ Corr. 1", "E/2012/30/Corr.1"),
        ("S/RES/1373(2001)", "S/RES/1373 (2001)"),
        ("S/RES/1373 （2001）", "S/RES/1373 (2001)"),
        ("E/2012/30/CORR.1", "E/2012/30/Corr.1"),
        ("A/C.3/72/L.5/rev.1", "A/C.3/72/L.5/Rev.1"),
        (
            "CTOC/COP/WG.2/2024/4 - CTOC/COP/WG.3/2024/4",
            "CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4",
        ),
    ],
)
def test_symbols_are_normalised(raw, expected):
    assert clean_symbol(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "A document symbol is required."),
        ("   ", "A document symbol is required."),
        ("A" * 201 + "/1", "A document symbol has at most 200 characters."),
        ("A", "“A” is not a document symbol: it needs at least two parts separated by “/”"),
        ("A//58", "“A//58” has an empty part: remove the doubled or trailing “/”."),
        ("A/58/", "“A/58/” has an empty part"),
        ("/A/58", "“/A/58” has an empty part"),
        ("a/58/1", "“a/58/1” must start with a series in capital letters"),
        ("58/140", "“58/140” must start with a series in capital letters"),
        ("A/58/#1", "“A/58/#1” contains characters that cannot appear in a symbol: #."),
        ("A/58/第1", "“A/58/第1” contains characters that cannot appear in a symbol: 第."),
        ("A/58/foo", "“foo” in “A/58/foo” is not a valid symbol part"),
        ("A/58/499-", "“A/58/499-” has a hyphen with no symbol on one side"),
        ("-A/58/499", "“-A/58/499” has a hyphen with no symbol on one side"),
        ("A/58/499/Rev1", "“Rev1” in “A/58/499/Rev1” needs a dot before its number: Rev.1."),
        ("A/58/L5", "“L5” in “A/58/L5” needs a dot before its number: L.5."),
        ("A/58/Rev.1/499", "“Rev.1” in “A/58/Rev.1/499” must come after the running number."),
        ("A/Rev.1", "“A/Rev.1” has no running number before its suffixes."),
        ("A/58/499/Rev.0", "“Rev.0” in “A/58/499/Rev.0”: suffixes are numbered from 1"),
        ("A/58/499/Rev.01", "“Rev.01” in “A/58/499/Rev.01”: suffixes are numbered from 1"),
        ("A/58/2003/1", "“A/58/2003/1” has two session or year parts (58 and 2003)."),
        ("A/RES/58/INF/3", "“A/RES/58/INF/3” has two type markers (RES and INF)."),
        ("A/72/C.3/1", "“C.3” in “A/72/C.3/1” comes too late"),
        ("A/CONF.234", "“CONF.234” in “A/CONF.234” is a body, not a running number"),
        ("A/58/499/Rev.1-", "“A/58/499/Rev.1-” has a hyphen with no symbol on one side"),
        ("A/58/499-B/1/x", "“x” in “B/1/x” is not a valid symbol part"),
    ],
)
def test_malformed_symbols_say_what_is_wrong(raw, message):
    with pytest.raises(ValidationError) as exc:
        clean_symbol(raw)
    assert exc.value.messages[0].startswith(message)


@pytest.mark.parametrize(
    ("symbol", "parent", "base", "kind"),
    [
        ("E/2012/30/Corr.1", "E/2012/30", "E/2012/30", "Corr"),
        ("A/C.3/72/L.5/Rev.1/Corr.1", "A/C.3/72/L.5/Rev.1", "A/C.3/72/L.5", "Corr"),
        ("A/58/L.5/Add.1", "A/58/L.5", "A/58/L.5", "Add"),
        ("A/58/499", None, "A/58/499", ""),
    ],
)
def test_chain(symbol, parent, base, kind):
    parsed = parse_symbol(symbol)
    assert (str(parsed.parent) if parsed.parent else None) == parent
    assert str(parsed.base) == base
    assert parsed.suffix_kind == kind


def test_limited_distribution_follows_the_l_marker():
    assert parse_symbol("A/C.3/72/L.5/Rev.1").is_limited
    assert not parse_symbol("A/58/499").is_limited


@pytest.mark.parametrize(
    ("raw", "expected", "text", "document"),
    [
        ("58/140", ResolutionNumber(session="58", number="140"), "58/140", "A/RES/58/140"),
        ("2012/14", ResolutionNumber(session="2012", number="14"), "2012/14", "E/RES/2012/14"),
        ("8/1", ResolutionNumber(session="8", number="1"), "8/1", "A/RES/8/1"),
        (
            "53/243 A",
            ResolutionNumber(session="53", number="243", part="A"),
            "53/243 A",
            "A/RES/53/243A",
        ),
        (
            "1373(2001)",
            ResolutionNumber(number="1373", year="2001"),
            "1373 (2001)",
            "S/RES/1373 (2001)",
        ),
        ("S-26/2", ResolutionNumber(session="S-26", number="2"), "S-26/2", "A/RES/S-26/2"),
        ("５８／１４０", ResolutionNumber(session="58", number="140"), "58/140", "A/RES/58/140"),
    ],
)
def test_resolution_numbers(raw, expected, text, document):
    parsed = parse_resolution(raw)
    assert parsed == expected
    assert str(parsed) == text
    assert parsed.document_symbol() == document
    assert str(parse_symbol(document)) == document


def test_decision_numbers_give_dec_symbols():
    assert parse_resolution("2012/232").document_symbol(decision=True) == "E/DEC/2012/232"


@pytest.mark.parametrize("raw", ["", "58", "58/", "A/58/140", "58/140/2", "1373 (01)"])
def test_malformed_resolution_numbers(raw):
    with pytest.raises(ValidationError) as exc:
        parse_resolution(raw)
    assert exc.value.messages == [
        f"“{raw}” is not a resolution or decision number (expected 58/140, 2012/14, "
        "53/243 A or 1373 (2001))."
    ]


# Round trip on generated symbols: whatever parts we build, parse(str(symbol)) == symbol.
_letters = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=5)
_num = st.integers(min_value=1, max_value=99999).map(str)
_body = st.one_of(_letters, st.builds(lambda a, n: f"{a}.{n}", _letters, _num)).filter(
    lambda part: part not in SLASH_MARKERS and part.split(".")[0].capitalize() not in SUFFIXES
)
_series = _letters.filter(lambda part: part not in SLASH_MARKERS)


@st.composite
def symbols(draw, joint=True):
    marker = draw(st.sampled_from(("", *SLASH_MARKERS, *DOT_MARKERS)))
    session = draw(st.one_of(st.just(""), _num, _num.map(lambda n: f"S-{n}")))
    year = draw(st.one_of(st.just(""), st.integers(1946, 2099).map(str)))
    symbol = Symbol(
        series=draw(_series),
        bodies=tuple(draw(st.lists(_body, max_size=3))),
        session=session,
        marker=marker,
        marker_first=marker in SLASH_MARKERS and (not session or draw(st.booleans())),
        number=draw(_num),
        year="" if marker in DOT_MARKERS else year,
        suffixes=tuple(
            draw(st.lists(st.tuples(st.sampled_from(SUFFIXES), st.integers(1, 99)), max_size=3))
        ),
    )
    if joint:
        return replace(symbol, joint=tuple(draw(st.lists(symbols(joint=False), max_size=2))))
    return symbol


@given(symbols())
def test_round_trip_parse_format(symbol):
    assert parse_symbol(str(symbol)) == symbol
    assert clean_symbol(str(symbol)) == str(symbol)


@given(st.text(max_size=40))
def test_any_text_parses_or_says_why(text):
    try:
        parsed = parse_symbol(text)
    except ValidationError as exc:
        assert exc.messages[0]
    else:
        assert str(parse_symbol(str(parsed))) == str(parsed)


@given(
    st.builds(
        ResolutionNumber,
        session=st.one_of(_num.filter(lambda n: len(n) <= 4), st.just("S-26")),
        number=st.integers(1, 9999).map(str),
        part=st.sampled_from(("", "A", "B")),
    )
)
def test_resolution_round_trip(number):
    assert parse_resolution(str(number)) == number


@pytest.mark.parametrize(
    ("symbol", "number", "year", "expected"),
    [
        ("CTOC/COP/WG.3/2024/1", 15, 2025, "CTOC/COP/WG.3/2025/1"),
        ("CTOC/COP/WG.3/2025/1", 16, 2026, "CTOC/COP/WG.3/2026/1"),
        ("E/CN.15/2025/1", 34, 2026, "E/CN.15/2026/1"),
        ("E/CN.7/2024/1/Rev.1", 67, 2025, "E/CN.7/2025/1"),
        (
            "CTOC/COP/WG.2/2024/1-CTOC/COP/WG.3/2024/1",
            15,
            2025,
            "CTOC/COP/WG.2/2025/1-CTOC/COP/WG.3/2025/1",
        ),
        ("A/HRC/58/1", 58, 2025, "A/HRC/59/1"),
        ("A/AC.198/2024/1", 46, 2025, "A/AC.198/2025/1"),
        # Not told by the convention: left for the secretariat to fill in.
        ("A/AC.105/L.331", 67, 2025, ""),
        ("A/AC.105/C.1/L.411", 61, 2025, ""),
        ("CTOC/COP/WG.3/2024/1", 15, 2024, ""),
        ("A/C.3/72/1", 15, 2025, ""),
        ("", 15, 2025, ""),
        ("not a symbol", 15, 2025, ""),
    ],
)
def test_next_session_symbol(symbol, number, year, expected):
    assert next_session_symbol(symbol, number=number, year=year) == expected
