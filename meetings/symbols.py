"""UN document symbols: parsing, normalisation and validation.

A symbol is a run of parts separated by slashes: a series (``A``, ``E``, ``S``, ``CTOC``),
body parts with an optional number (``C.3``, ``CN.15``, ``COP``, ``WG.3``), a session or year
(``58``, ``2024``, ``S-26``, ``ES-10``), a type marker (``RES``, ``INF`` as parts of their
own; ``L.``, ``CRP.``, ``PV.``, ``SR.``, ``WP.`` joined to the running number), the running
number (``499``; ``1373 (2001)`` for the Security Council), and stacked suffixes (``Rev.1``,
``Corr.1``, ``Add.2``: ``…/Rev.1/Corr.1`` corrects revision 1). Two symbols of a document
issued jointly are joined with a hyphen: ``CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4``.

``parse_symbol`` reads one into a ``Symbol``; ``str()`` gives the canonical form back.
"""

import re
import unicodedata
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from meetings.validators import printable

MAX_LENGTH = 200

# Markers that are parts of their own (A/RES/58/140, E/CN.15/2017/INF/1, S/PRST/2001/5) and
# markers joined to the running number by a dot (A/58/L.5, A/58/PV.77, …/CRP.1).
SLASH_MARKERS = ("RES", "DEC", "INF", "PRST")
DOT_MARKERS = ("L", "CRP", "PV", "SR", "WP")
SUFFIXES = ("Rev", "Corr", "Add", "Amend", "Suppl")

_BODY = re.compile(r"[A-Z]+(?:\.\d+[A-Z]?)?")  # C.3, CN.15, COP, WG.3, AC.105
_SESSION = re.compile(r"(?:E?S-)?\d+")  # 58, 2024, S-26, ES-10
_NUMBER = re.compile(r"(?P<number>\d+[A-Z]?)(?: \((?P<year>\d{4})\))?")  # 499, 4A, 1373 (2001)
_DOTTED = re.compile(r"(?P<marker>[A-Z]+)\.(?P<number>\d+[A-Z]?)")  # L.5, PV.77
_SUFFIX = re.compile(r"(?P<kind>[A-Za-z]+)\.(?P<number>\d+)")
# A hyphen joins two symbols only where a series follows it: A/ES-10/L.22 is one symbol.
_JOINT = re.compile(r"-(?=[A-Z]+/)")


def normalize_symbol(raw: str) -> str:
    """Half-width characters, no stray spaces around separators (as found in Chinese texts)."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s*([/\-.])\s*", r"\1", text)
    text = re.sub(r"(\d)\s*\(\s*(\d{4})\s*\)", r"\1 (\2)", text)  # 1373(2001) -> 1373 (2001)
    return text


@dataclass(frozen=True)
class Symbol:
    """One document symbol in its parts. ``marker_first`` says a part-of-its-own marker comes
    before the session (A/RES/58/140) rather than after it (E/CN.15/2017/INF/1). ``joint``
    holds the other symbols of a document issued under two or more."""

    series: str
    bodies: tuple[str, ...] = ()
    session: str = ""
    marker: str = ""
    marker_first: bool = False
    number: str = ""
    year: str = ""
    suffixes: tuple[tuple[str, int], ...] = ()
    joint: tuple["Symbol", ...] = ()

    def __str__(self) -> str:
        return "-".join(part._single() for part in self.parts)

    def _single(self) -> str:
        parts = [self.series, *self.bodies]
        slash_marker = self.marker in SLASH_MARKERS
        if slash_marker and self.marker_first:
            parts.append(self.marker)
        if self.session:
            parts.append(self.session)
        if slash_marker and not self.marker_first:
            parts.append(self.marker)
        number = f"{self.marker}.{self.number}" if self.marker in DOT_MARKERS else self.number
        parts.append(f"{number} ({self.year})" if self.year else number)
        parts.extend(f"{kind}.{n}" for kind, n in self.suffixes)
        return "/".join(parts)

    @property
    def parts(self) -> tuple["Symbol", ...]:
        """The symbols of a joint document, in order (just this one for most documents)."""
        return (replace(self, joint=()), *self.joint)

    @property
    def is_joint(self) -> bool:
        return bool(self.joint)

    @property
    def parent(self) -> "Symbol | None":
        """The document this one revises, corrects or adds to: ``…/Rev.1/Corr.1`` → ``…/Rev.1``."""
        if self.joint or not self.suffixes:
            return None
        return replace(self, suffixes=self.suffixes[:-1])

    @property
    def ancestors(self) -> tuple["Symbol", ...]:
        """Parent, grandparent … up to the base: nearest first."""
        found, current = [], self.parent
        while current is not None:
            found.append(current)
            current = current.parent
        return tuple(found)

    @property
    def base(self) -> "Symbol":
        return self.ancestors[-1] if self.ancestors else self

    @property
    def suffix_kind(self) -> str:
        """``Rev``, ``Corr``, ``Add`` … of the last suffix; empty for a base document."""
        return self.suffixes[-1][0] if self.suffixes else ""

    @property
    def is_limited(self) -> bool:
        """L. documents (draft proposals) have limited distribution."""
        return any(part.marker == "L" for part in self.parts)


def _error(message: str, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params)


def _suffix(part: str, symbol: str) -> tuple[str, int] | None:
    match = _SUFFIX.fullmatch(part)
    if not match:
        return None
    kind = match["kind"].capitalize()
    if kind not in SUFFIXES:
        return None
    if match["number"].startswith("0"):
        raise _error(
            _("“%(part)s” in “%(symbol)s”: suffixes are numbered from 1, without leading zeros."),
            "suffix_number",
            part=part,
            symbol=symbol,
        )
    return kind, int(match["number"])


def _check_shape(symbol: str, parts: list[str]) -> None:
    if len(parts) < 2:
        raise _error(
            _(
                "“%(symbol)s” is not a document symbol: it needs at least two parts separated "
                "by “/”, such as A/58/499."
            ),
            "too_short",
            symbol=symbol,
        )
    if "" in parts:
        raise _error(
            _("“%(symbol)s” has an empty part: remove the doubled or trailing “/”."),
            "empty_part",
            symbol=symbol,
        )
    if not re.fullmatch(r"[A-Z]+", parts[0]):
        raise _error(
            _("“%(symbol)s” must start with a series in capital letters, such as A, E, S or CTOC."),
            "series",
            symbol=symbol,
        )


def _bad_part(part: str, symbol: str) -> ValidationError:
    if undotted := re.fullmatch(r"([A-Za-z]+)(\d+)", part):
        kind = undotted[1].capitalize()
        if kind in SUFFIXES or kind.upper() in DOT_MARKERS:
            written = kind if kind in SUFFIXES else kind.upper()
            return _error(
                _("“%(part)s” in “%(symbol)s” needs a dot before its number: %(fixed)s."),
                "dot",
                part=part,
                symbol=symbol,
                fixed=f"{written}.{undotted[2]}",
            )
    return _error(
        _(
            "“%(part)s” in “%(symbol)s” is not a valid symbol part (expected letters such as "
            "WG.3, a number such as 2024, or a suffix such as Rev.1)."
        ),
        "bad_part",
        part=part,
        symbol=symbol,
    )


def _parse_single(symbol: str) -> Symbol:
    parts = symbol.split("/")
    _check_shape(symbol, parts)
    series, rest = parts[0], parts[1:]
    suffixes: list[tuple[str, int]] = []
    while rest and (suffix := _suffix(rest[-1], symbol)):
        suffixes.insert(0, suffix)
        rest.pop()
    for part in rest:
        if _suffix(part, symbol):
            raise _error(
                _("“%(part)s” in “%(symbol)s” must come after the running number."),
                "suffix_place",
                part=part,
                symbol=symbol,
            )
    if not rest:
        raise _error(
            _("“%(symbol)s” has no running number before its suffixes."), "no_number", symbol=symbol
        )
    last = rest.pop()
    marker, number, year = "", "", ""
    if dotted := _DOTTED.fullmatch(last):
        if dotted["marker"] not in DOT_MARKERS:
            raise _error(
                _(
                    "“%(part)s” in “%(symbol)s” is a body, not a running number: a symbol ends "
                    "with a number such as 4, L.5 or PV.77 (and any Rev./Corr./Add.)."
                ),
                "no_number",
                part=last,
                symbol=symbol,
            )
        marker, number = dotted["marker"], dotted["number"]
    elif plain := _NUMBER.fullmatch(last):
        number, year = plain["number"], plain["year"] or ""
    else:
        raise _bad_part(last, symbol)
    bodies: list[str] = []
    session = ""
    marker_first = False
    for part in rest:
        if part in SLASH_MARKERS and not marker:
            marker, marker_first = part, not session
            continue
        if part in SLASH_MARKERS:
            raise _error(
                _("“%(symbol)s” has two type markers (%(first)s and %(second)s)."),
                "two_markers",
                symbol=symbol,
                first=marker,
                second=part,
            )
        if _SESSION.fullmatch(part):
            if session:
                raise _error(
                    _("“%(symbol)s” has two session or year parts (%(first)s and %(second)s)."),
                    "two_sessions",
                    symbol=symbol,
                    first=session,
                    second=part,
                )
            session = part
        elif _BODY.fullmatch(part) and not session and marker not in SLASH_MARKERS:
            bodies.append(part)
        elif _BODY.fullmatch(part):
            raise _error(
                _(
                    "“%(part)s” in “%(symbol)s” comes too late: body parts come right after the "
                    "series, before the session or year."
                ),
                "part_order",
                part=part,
                symbol=symbol,
            )
        else:
            raise _bad_part(part, symbol)
    return Symbol(
        series=series,
        bodies=tuple(bodies),
        session=session,
        marker=marker,
        marker_first=marker_first,
        number=number,
        year=year,
        suffixes=tuple(suffixes),
    )


def parse_symbol(raw: str) -> Symbol:
    """Read a symbol (normalised first); raise ValidationError saying what is wrong."""
    value = normalize_symbol(raw)
    if not value:
        raise ValidationError(_("A document symbol is required."), code="required")
    if len(value) > MAX_LENGTH:
        raise _error(
            _("A document symbol has at most %(max)d characters."), "too_long", max=MAX_LENGTH
        )
    bad = sorted({ch for ch in value if not (ch.isascii() and (ch.isalnum() or ch in "/.-() "))})
    if bad:
        raise _error(
            _("“%(symbol)s” contains characters that cannot appear in a symbol: %(chars)s."),
            "characters",
            symbol=printable(value),
            chars=" ".join(printable(ch) for ch in bad),
        )
    if value.endswith("-") or value.startswith("-"):
        raise _error(
            _(
                "“%(symbol)s” has a hyphen with no symbol on one side: a joint symbol is two "
                "symbols joined by “-”."
            ),
            "joint",
            symbol=value,
        )
    first, *others = (_parse_single(single) for single in _JOINT.split(value))
    return replace(first, joint=tuple(others))


def validate_symbol(value: str) -> None:
    """Raise ValidationError saying what is wrong."""
    parse_symbol(value)


def clean_symbol(raw: str) -> str:
    """The canonical form of a symbol, or ValidationError."""
    return str(parse_symbol(raw))


# Resolution and decision numbers as cited in texts: 58/140 (General Assembly: session/number),
# 2012/14 (ECOSOC: year/number), 8/1 (a Conference of the Parties: session/number),
# 53/243 A (one of a group adopted together), S-26/2 (special session), 1373 (2001) (Security
# Council: number and year).
_RESOLUTION = re.compile(
    r"(?P<session>(?:E?S-)?\d{1,4})/(?P<number>\d{1,4})(?: (?P<part>[A-Z]))?"
    r"|(?P<sc>\d{1,4}) \((?P<year>\d{4})\)"
)


@dataclass(frozen=True)
class ResolutionNumber:
    session: str = ""  # or year: 58, 2012, S-26
    number: str = ""
    part: str = ""  # 53/243 A
    year: str = ""  # Security Council: 1373 (2001)

    def __str__(self) -> str:
        if self.year:
            return f"{self.number} ({self.year})"
        return f"{self.session}/{self.number}" + (f" {self.part}" if self.part else "")

    @property
    def is_security_council(self) -> bool:
        return bool(self.year)

    @property
    def is_year_numbered(self) -> bool:
        """ECOSOC numbers its resolutions and decisions by year: 2012/14."""
        return self.session.isdigit() and int(self.session) >= 1946

    def document_symbol(self, *, decision: bool = False) -> str:
        """The symbol such a number is usually issued under, by the numbering's convention:
        S/RES/1373 (2001), E/RES/2012/14, A/RES/58/140 (A/DEC/… for decisions)."""
        marker = "DEC" if decision else "RES"
        if self.is_security_council:
            return f"S/{marker}/{self}"
        series = "E" if self.is_year_numbered else "A"
        return f"{series}/{marker}/{self.session}/{self.number}{self.part}"


def parse_resolution(raw: str) -> ResolutionNumber:
    value = normalize_symbol(raw)
    match = _RESOLUTION.fullmatch(value)
    if not match:
        raise _error(
            _(
                "“%(value)s” is not a resolution or decision number (expected 58/140, 2012/14, "
                "53/243 A or 1373 (2001))."
            ),
            "resolution",
            value=value,
        )
    if match["sc"]:
        return ResolutionNumber(number=match["sc"], year=match["year"])
    return ResolutionNumber(
        session=match["session"], number=match["number"], part=match["part"] or ""
    )


def symbol_sort_key(symbol: str) -> tuple:
    """Natural order: A/58/9 before A/58/10, a base right before its Rev./Corr./Add."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in re.split(r"[/.\- ()]+", symbol)
        if part
    )


def _next_part(symbol: Symbol, number: int, year: int) -> str:
    if symbol.session == str(number):
        # Numbered by the session (A/HRC/58/1 is the agenda of the 58th session).
        return str(replace(symbol, session=str(number + 1), suffixes=()))
    current = int(symbol.session) if symbol.session.isdigit() else 0
    if current >= 1946 and year > current:
        # Numbered by year (E/CN.15/2025/1): the same running number in next year's series.
        return str(replace(symbol, session=str(year), suffixes=()))
    return ""


def next_session_symbol(symbol: str, *, number: int, year: int) -> str:
    """The agenda symbol of session ``number + 1``, to be held in ``year``, from that of
    session ``number`` by its series' convention: CTOC/COP/WG.3/2024/1 → …/2025/1 (a year's
    series), A/HRC/58/1 → A/HRC/59/1 (a session's); a Rev./Corr. is not carried, and each
    symbol of a joint one moves alike. Empty when the convention does not tell: a running
    number across sessions (A/AC.105/L.331), a second session in the same year (the series'
    next number is the documents', not known here), no symbol."""
    try:
        parsed = parse_symbol(symbol)
    except ValidationError:
        return ""
    parts = [_next_part(part, number, year) for part in parsed.parts]
    return "-".join(parts) if all(parts) else ""
