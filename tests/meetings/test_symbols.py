import pytest
from django.core.exceptions import ValidationError

from meetings.symbols import clean_symbol


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("A/58/499", "A/58/499"),
        ("E/CN.15/2017/5", "E/CN.15/2017/5"),
        ("CTOC/COP/WG.3/2024/1", "CTOC/COP/WG.3/2024/1"),
        (
            "CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4",
            "CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4",
        ),
        ("A/RES/58/140", "A/RES/58/140"),
        ("E/2012/30/Corr.1", "E/2012/30/Corr.1"),
        ("A/C.3/72/L.5/Rev.1", "A/C.3/72/L.5/Rev.1"),
        ("A/58/PV.77", "A/58/PV.77"),
        ("S/RES/1373(2001)", "S/RES/1373 (2001)"),
        # full-width characters and spaces as found in Chinese texts
        ("Ａ／５８／４９９", "A/58/499"),
        (" CTOC/COP/WG.3/2023/4 ", "CTOC/COP/WG.3/2023/4"),
        ("A / 58 / 222", "A/58/222"),
    ],
)
def test_valid_symbols_are_normalised(raw, expected):
    assert clean_symbol(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "A document symbol is required."),
        ("A", "“A” is not a document symbol: it needs at least two parts separated by “/”"),
        ("A//58", "“A//58” has an empty part: remove the doubled or trailing “/”."),
        ("A/58/", "“A/58/” has an empty part"),
        ("a/58/1", "“a/58/1” must start with a series in capital letters"),
        ("A/58/#1", "“A/58/#1” contains characters that cannot appear in a symbol: #."),
        ("A/58/foo", "“foo” in “A/58/foo” is not a valid symbol part"),
        ("A/58/499-", "“” is not a document symbol"),
    ],
)
def test_malformed_symbols_say_what_is_wrong(raw, message):
    with pytest.raises(ValidationError) as exc:
        clean_symbol(raw)
    assert exc.value.messages[0].startswith(message)
