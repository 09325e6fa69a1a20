"""What a resolution or note cites: document symbols, resolution and decision numbers,
sessions, agenda items and plenary meetings, found in its text (Chinese or English).

``extract_references(text)`` is pure: it returns each citation with its place in the text,
in reading order. Chinese texts write full-width characters, put spaces anywhere
("第 57/173 号决议", seed 002 is even segmented word by word) and list several numbers under
one "第 … 号决议"; texts converted from Word to Markdown escape parentheses and wrap numbers in
links ("[2133\\(2014\\)](#)"). Offsets are those of the text as given.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from meetings.symbols import parse_resolution, parse_symbol


class Kind:
    DOCUMENT = "document"
    RESOLUTION = "resolution"
    DECISION = "decision"
    SESSION = "session"
    AGENDA_ITEM = "agenda_item"
    MEETING = "meeting"


@dataclass(frozen=True)
class Found:
    kind: str
    text: str  # as it stands in the text
    target: str  # normalised: A/58/499, 57/173, 1373 (2001), 58, 108, 1(a), 77
    start: int
    end: int


# Full-width ASCII and the ideographic space, folded one character for one, so offsets hold.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

_SYMBOL = re.compile(
    r"(?<![A-Za-z0-9/.\-])[A-Z]{1,8}(?:[ ]?/[ ]?[A-Za-z0-9.\-]+(?:[ ]?\\?\(\d{4}\\?\))?)+"
)
# "E/2012/30 和 Corr.1 和 2": more documents of the chain named after the symbol.
_AND = r"\s*(?:、|和|及|与|,\s*and|,|，|and)\s*"
_MORE_SUFFIX = re.compile(_AND + r"(?P<kind>Rev|Corr|Add)\.\s?(?P<number>\d+)(?![\d/])")
_MORE_NUMBER = re.compile(_AND + r"(?P<number>\d+)(?![\d/.])")

_NUMBER = (
    r"(?<![A-Za-z0-9/.])(?P<number>(?:E?S-)?\d{1,4}\s?/\s?\d{1,4}(?:\s?[A-Z](?![A-Za-z]))?"
    r"|\d{1,4}\s?\\?\(\d{4}\\?\))(?![\d/])"
)
_CHINESE_START = re.compile(r"第\s*\[?" + _NUMBER)
_ENGLISH_START = re.compile(r"\b(?P<word>[Rr]esolutions?|[Dd]ecisions?)\s+" + _NUMBER)
_CHAIN = re.compile(r"(?:\]\(#\))?\s*(?:号\s*)?" + _AND + r"(?:第\s*)?\[?" + _NUMBER)
_PART_CHAIN = re.compile(_AND + r"(?P<part>[A-Z])(?![A-Za-z])")
# The list's kind: the first 决议 (resolution) or 决定 (decision) before the clause ends.
_CHINESE_KIND = re.compile(r"[^。；;，,]*?(?P<word>决议|决定)")

_CHINESE_NUMERAL = "〇零一二三四五六七八九十百"
_ORDINAL = rf"(?P<n>\d+|[{_CHINESE_NUMERAL}]+)"
_SESSION = re.compile(
    rf"第\s*{_ORDINAL}\s*届\s*会议|\b(?P<en>\d+)(?:st|nd|rd|th)\s+session\b", re.IGNORECASE
)
_MEETING = re.compile(
    rf"第\s*{_ORDINAL}\s*次\s*全体\s*会议|\b(?P<en>\d+)(?:st|nd|rd|th)\s+plenary\s+meeting\b",
    re.IGNORECASE,
)
_ITEM = re.compile(
    r"(?:议程\s*项目|\bagenda\s+item)\s*(?P<n>\d+)(?:\s?\((?P<sub>[a-z])\))?", re.IGNORECASE
)


def chinese_number(text: str) -> int:
    """五十八 → 58, 十三 → 13, 一百零八 → 108, 七十 → 70; digits as they are."""
    if text.isdigit():
        return int(text)
    digits = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0}
    total = current = 0
    for ch in text:
        if ch in digits:
            current = digits[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


def _documents(text: str) -> list[Found]:
    found = []
    for match in _SYMBOL.finditer(text):
        raw = match.group().rstrip(".-")
        symbol = _read_symbol(raw)
        if symbol is None:
            continue
        start = match.start()
        end = start + len(symbol[1])
        found.append(Found(Kind.DOCUMENT, text[start:end], symbol[0], start, end))
        found.extend(_chain_after(text, end, symbol[0]))
    return found


def _read_symbol(raw: str) -> tuple[str, str] | None:
    """The canonical symbol and the text it was read from, if ``raw`` is a valid symbol."""
    candidate = raw.rstrip(" ")
    try:
        return str(parse_symbol(candidate.replace("\\", ""))), candidate
    except ValidationError:
        return None


def _chain_after(text: str, end: int, symbol: str) -> list[Found]:
    found = []
    while match := _MORE_SUFFIX.match(text, end):
        kind, start, end = match["kind"], match.start("kind"), match.end()
        found.append(
            Found(Kind.DOCUMENT, text[start:end], f"{symbol}/{kind}.{match[2]}", start, end)
        )
        while more := _MORE_NUMBER.match(text, end):
            start, end = more.span("number")
            target = f"{symbol}/{kind}.{more['number']}"
            found.append(Found(Kind.DOCUMENT, text[start:end], target, start, end))
    return found


def _numbered(text: str, kind: str, first) -> list[Found]:
    """The list of numbers starting at ``first`` (a regex match with a ``number`` group)."""
    found, match = [], first
    while match:
        raw = match["number"].replace("\\", "")
        number = parse_resolution(raw)
        start, end = match.span("number")
        found.append(Found(kind, text[start:end], str(number), start, end))
        part = _PART_CHAIN.match(text, end)
        while number.part and part:
            other = parse_resolution(f"{number.session}/{number.number} {part['part']}")
            found.append(Found(kind, part["part"], str(other), *part.span("part")))
            part = _PART_CHAIN.match(text, part.end())
        match = _CHAIN.match(text, found[-1].end)
    return found


def _resolutions(text: str) -> list[Found]:
    found: list[Found] = []
    for first in _ENGLISH_START.finditer(text):
        word = first["word"].lower()
        kind = Kind.DECISION if word.startswith("decision") else Kind.RESOLUTION
        found.extend(_numbered(text, kind, first))
    for first in _CHINESE_START.finditer(text):
        listed = _numbered(text, "", first)
        closing = _CHINESE_KIND.match(text, listed[-1].end)
        if closing is None:
            continue
        kind = Kind.RESOLUTION if closing["word"] == "决议" else Kind.DECISION
        found.extend(Found(kind, f.text, f.target, f.start, f.end) for f in listed)
    return found


def _ordinals(text: str, pattern, kind: str) -> list[Found]:
    found = []
    for match in pattern.finditer(text):
        number = match["en"] or match["n"]
        found.append(
            Found(kind, match.group(), str(chinese_number(number)), match.start(), match.end())
        )
    return found


def _items(text: str) -> list[Found]:
    return [
        Found(
            Kind.AGENDA_ITEM,
            match.group(),
            match["n"] + (f"({match['sub']})" if match["sub"] else ""),
            match.start(),
            match.end(),
        )
        for match in _ITEM.finditer(text)
    ]


def document_references(text: str) -> list[Found]:
    """The document symbols cited in ``text`` (what extract_references finds of that kind)."""
    if "/" not in text and "／" not in text:
        return []
    return [
        Found(f.kind, text[f.start : f.end], f.target, f.start, f.end)
        for f in _documents(text.translate(_FOLD))
    ]


def extract_references(text: str) -> list[Found]:
    """Every citation in ``text``, in reading order (each occurrence once)."""
    folded = text.translate(_FOLD)
    found = [
        *_documents(folded),
        *_resolutions(folded),
        *_ordinals(folded, _SESSION, Kind.SESSION),
        *_ordinals(folded, _MEETING, Kind.MEETING),
        *_items(folded),
    ]
    unique = {(f.start, f.end, f.kind): f for f in found}
    return [
        Found(f.kind, text[f.start : f.end], f.target, f.start, f.end)
        for f in sorted(unique.values(), key=lambda f: (f.start, f.end))
    ]
