"""Read an agenda pasted from a document into an item tree, shown as a preview before saving.

``parse_agenda`` is pure: text in, a ``ParsedAgenda`` out. Every non-blank line ends up in an
item's title, in ``skipped`` (a heading at the top, or page furniture, each with its reason),
or in ``problems``: nothing is lost silently. ``create_items`` writes a problem-free tree after
the session's existing items, or instead of them while nothing has been published.

What it reads (numbers are matched on the NFKC form, so full-width １． and （ａ） count; titles
keep the characters as typed):

- items ``1.`` ``1)`` ``1、`` ``1 -`` (Arabic) ``一、``, and ``3 bis.`` (a late item after 3);
  sub-items ``(a)`` ``a)`` ``a.`` ``(أ)`` ``（一）``; unnumbered bullets (``-``, ``•``, Word's
  ``o`` and ``§`` …), where indentation deeper than the first item's, or another glyph at the
  same indentation (Word pastes its levels so), makes a sub-item;
- page furniture (agenda.rules.paste_furniture: job numbers, bar codes, page counters, symbols,
  masthead lines, the heading's footnote) is dropped wherever it falls, even inside a wrapped
  title, which goes on after it; the lines above "Provisional agenda" are the document's header;
- several items on one line (``1. Organizational matters: (a) Opening; (b) …. 2. Other``): a
  number starts a new item when list punctuation (and perhaps "and") comes before it and it is
  the number expected next; another number or bracketed letter there is a problem, never a
  silent part of the title;
- a line without a number continues the title above it (a title wrapped over two lines) only
  when that title is unfinished, i.e. does not end with ``;`` ``.`` ``:`` or their CJK forms
  (or ends with a colon and the line goes on in lower case); otherwise the line is a problem.
  Joined with a space, except next to CJK characters; full-width punctuation in a title
  without CJK text is written the Latin way ("：" is ": ");
- "Provisional agenda" and the other headings of ``document_terms`` are skipped before the
  first item; after it, any heading (e.g. "Annotations") is a problem: paste the agenda only.

Numbers must follow on: the first item is 1 or ``first_number`` (where the paste will go), each
next item one more, sub-items (a), (b) … in every item. A gap, a repeat, a sub-item with no
item above it and a third level ((i), 1.1, deeper indentation) are problems with line numbers.

Hostile input is bounded: over 200 KB is refused whole; reading stops, with a problem saying
so, at the 501st item, at the 201st problem, and a title may not run over more than 12 lines.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from agenda.models import AgendaItem
from agenda.outputs.document_terms import TERMS
from agenda.rules.numbering import ARABIC_LETTERS, BIS, letter, letter_number, with_bis
from agenda.rules.paste_furniture import HEADER, furniture
from agenda.services.locking import lock_session
from agenda.services.ordering import next_position
from meetings.models import Session
from meetings.translations import UN_LANGUAGES
from meetings.validators import TITLE_MAX

MAX_BYTES = 200 * 1024
MAX_ITEMS = 500  # items and sub-items together
MAX_PROBLEMS = 200  # reading stops there: a paste that bad needs another look first
MAX_TITLE_LINES = 12  # a longer "title" is more likely text without item numbers

# Punctuation that ends an entry of a list, and the "and" joining its last two entries.
LIST_PUNCTUATION = ";；:：.。,，、؛،"
COMPLETE_PUNCTUATION = ";；:：.。؛"  # a title ending so is finished: no wrapped line follows
CONNECTORS = ("and", "et", "y", "и", "以及", "及", "和", "و")
# The last two are Word's Symbol-font bullets; "o" is Word's second level, "§" its third.
BULLETS = "-*•·‣◦▪▫–—●○■□§o\uf0a7\uf0b7"
ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}
INVISIBLE = {"\ufeff": "", "\u200b": "", "\u00ad": ""}  # BOM, zero-width space, soft hyphen

_BIS = "|".join(sorted(BIS[1:], key=len, reverse=True))
_ITEM = re.compile(rf"(\d{{1,3}})(?:\s?({_BIS}))?\s?[.)、](?!\d)|(\d{{1,3}})\s?[-–]\s")
_SUB = re.compile(r"\(([a-z]{1,2}|[ivx]{1,4})\)|([a-z]|[ivx]{2,4})[.)](?![A-Za-z0-9.])")
# Chinese outline numbering: 一、 for items, （一） for sub-items; Arabic letters (أ), (ب) ….
CHINESE_DIGITS = "一二三四五六七八九"
_CHINESE_ITEM = re.compile(r"([一二三四五六七八九十]{1,3})\s?、")
_CHINESE_SUB = re.compile(r"\(([一二三四五六七八九十]{1,3})\)")
_ARABIC_SUB = re.compile(r"\((" + "|".join(sorted(ARABIC_LETTERS, key=len, reverse=True)) + r")\)")
_DECIMAL = re.compile(r"\d{1,3}\.\d{1,3}(?:\.\d{1,3})*\.?(?!\d)")
_INLINE = re.compile(
    r"(?<![0-9A-Za-z./])(\d{1,3})[.)、](?!\d)|\(([a-z]{1,2}|[ivx]{1,4})\)|(?<![A-Za-z0-9])([a-z])\)"
)
_CONNECTOR = "|".join(CONNECTORS)
_BOUNDARY = re.compile(rf"[{LIST_PUNCTUATION}](?:\s*(?:{_CONNECTOR}))?\s*$", re.IGNORECASE)
_COMPLETE = re.compile(rf"[{COMPLETE_PUNCTUATION}](?:\s*(?:{_CONNECTOR}))?\s*$", re.IGNORECASE)
_SPACE = re.compile(r"\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


@dataclass
class ParsedItem:
    title: str
    children: list["ParsedItem"] = field(default_factory=list)
    line: int = 0
    number: str = ""  # as pasted (or, for a bullet, as counted): "2", "2(b)", "3 bis"
    continued_on: list[int] = field(default_factory=list)  # lines joined to the title
    bis: int = 0  # 1 for "3 bis", 2 for "3 ter" (agenda.rules.numbering.BIS)


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based; 0 for the paste as a whole
    text: str
    message: str

    def __str__(self) -> str:
        if not self.line:
            return str(self.message)
        return _("Line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass(frozen=True)
class Skipped:
    line: int
    text: str
    reason: str
    dropped: bool = False  # page furniture, rather than a heading above the items


@dataclass
class ParsedAgenda:
    items: list[ParsedItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self) -> int:
        return sum(1 + len(item.children) for item in self.items)

    @property
    def dropped(self) -> list[Skipped]:
        """The page furniture left out of the items (headings are skipped, not dropped)."""
        return [line for line in self.skipped if line.dropped]

    def pasted_from(self) -> int | None:
        """The number the paste starts at, if it numbers its items."""
        first = self.items[0].number if self.items else ""
        return int(first) if first.isdigit() else None

    def renumber(self, first: int) -> None:
        """Number the items from ``first``, as they will be numbered where they go."""
        number = first - 1
        for item in self.items:
            number += 0 if item.bis else 1
            item.number = with_bis(str(number), item.bis)
            for k, sub in enumerate(item.children, 1):
                sub.number = f"{item.number}({letter(k)})"


def _heading_key(text: str) -> str:
    text = re.sub(r"^(?:#+\s*|[IVX]+\.\s*)", "", text.strip())
    text = text.rstrip(LIST_PUNCTUATION + " *")  # "Provisional agenda*" calls a footnote
    return " ".join(text.casefold().replace("’", "'").split())


# "Agenda" as an adopted agenda is headed, in the six languages.
AGENDA = ("Agenda", "议程", "Ordre du jour", "Programa", "Повестка дня", "جدول الأعمال")
_TOP_HEADINGS = {
    _heading_key(text)
    for text in (*AGENDA, *(t[key] for t in TERMS.values() for key in ("agenda", "title")))
}
_SECTION_HEADINGS = {
    _heading_key(t[key])
    for t in TERMS.values()
    for key in ("annotations", "annex", "organization", "documentation")
}


def clean_title(text: str) -> str:
    """Trim a title of the list punctuation and "and" that end agenda entries."""
    text = text.strip()
    while True:
        text = text.rstrip(LIST_PUNCTUATION + " \t")
        stripped = _strip_connector(text)
        if stripped == text:
            return text
        text = stripped


def _strip_connector(text: str) -> str:
    for word in CONNECTORS:
        if len(text) > len(word) and text[-len(word) :].casefold() == word:
            kept = text[: -len(word)].rstrip()
            # Only a connector after list punctuation ("…; and"), never the end of a word.
            if kept and kept[-1] in LIST_PUNCTUATION:
                return kept
    return text


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _join(title: str, more: str) -> str:
    if not title:
        return more
    if _wide(title[-1]) or _wide(more[0]) or title.endswith("-"):
        return title + more
    return f"{title} {more}"


def _quote(text: str) -> str:
    text = text.strip()
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


class _Line:
    """A pasted line, with its NFKC form for matching and a map back to the typed text."""

    def __init__(self, number: int, raw: str):
        self.number = number
        self.raw = raw
        parts, self.origin = [], []
        for i, char in enumerate(raw):
            norm = INVISIBLE.get(char)
            norm = unicodedata.normalize("NFKC", char) if norm is None else norm
            parts.append(norm)
            self.origin.extend([i] * len(norm))
        self.norm = "".join(parts)
        self.text = raw.strip()

    def typed(self, start: int, end: int) -> str:
        """The typed text of norm[start:end]."""
        begin = self.origin[start] if start < len(self.origin) else len(self.raw)
        stop = self.origin[end] if end < len(self.origin) else len(self.raw)
        # A tab inside a title is layout from Word, not text: titles have one line.
        text = "".join(INVISIBLE.get(c, c) for c in self.raw[begin:stop])
        return text.replace("\t", " ").strip()


@dataclass
class _Head:
    """How a stretch of a line starts: an item, a sub-item, or the rest of a title."""

    kind: str  # "item", "sub", "deep", "continuation"
    at: int  # where it starts in the line's NFKC form
    start: int  # where its title starts
    number: int | None = None
    token: str = ""


class _Parser:
    def __init__(self, first_number: int):
        self.result = ParsedAgenda()
        self.first_number = first_number
        self.current: ParsedItem | None = None  # the last item (not sub-item)
        self.placed: ParsedItem | None = None  # where the previous line went, if anywhere
        self.last_number: int | None = None
        self.last_bis = 0
        self.numbers_seen: dict[int, int] = {}
        self.last_letter = 0
        self.letters_seen: dict[int, int] = {}
        self.top_indent: int | None = None
        self.top_glyph = ""  # the bullet of the items, if bulleted ("" when numbered)
        self.sub_indent: int | None = None
        self.sub_glyph = ""
        self.stopped = False
        self.count = 0
        self.texts: dict[int, str] = {}  # line number -> text, of the lines items start on
        self.header: list[Problem] = []  # lines above the first item and any heading
        self.heading_mark = ""  # "*" of "Provisional agenda*": its footnote is no item

    # --- problems ----------------------------------------------------------------------------

    def problem(self, line: _Line, message: str) -> None:
        if self.stopped:
            return
        if len(self.result.problems) == MAX_PROBLEMS:
            message = _(
                "more than %(max)s problems: this line and the rest of the paste were not read"
            ) % {"max": MAX_PROBLEMS}
            self.stopped = True
        self.result.problems.append(Problem(line.number, line.text, message))

    def expected(self) -> str:
        number = self.first_number if self.last_number is None else self.last_number + 1
        if self.current is None:
            return f"'{number}.'"
        return _("'%(number)s.' or '(%(letter)s)'") % {
            "number": number,
            "letter": letter(self.last_letter + 1),
        }

    # --- reading a line ----------------------------------------------------------------------

    def feed(self, line: _Line) -> None:
        norm = line.norm
        if not norm.strip() or self.stopped:
            return
        if control := _CONTROL.search(norm):
            code = f"U+{ord(control.group()):04X}"
            self.problem(
                line,
                _("contains an invisible control character (%(code)s); remove it") % {"code": code},
            )
            self.placed = None
            return
        reason = furniture(norm.strip(), before_items=not self.result.items)
        numbered = self.result.items and not self.top_glyph  # (a "* " bullet is no footnote)
        if numbered and self.heading_mark and norm.strip().startswith(self.heading_mark + " "):
            reason = _("footnote of the heading")  # "Provisional agenda*" … "* E/CN.15/…"
        if reason:
            # Dropped, and the title above may go on after it: furniture falls mid-title.
            self.result.skipped.append(Skipped(line.number, line.text, reason, dropped=True))
            return
        pos = len(norm) - len(norm.lstrip())
        indent = len(norm[:pos].expandtabs(4))
        glyph = norm[pos]
        bullet = glyph in BULLETS and (pos + 1 == len(norm) or norm[pos + 1].isspace())
        if bullet:
            pos = _skip_space(norm, pos + 1)
        head = self.head(norm, pos)
        if head is None and not bullet and self.heading(line, pos):
            return
        if head is None:
            if bullet:
                head = self.bullet_head(indent, pos, glyph)
            else:
                head = _Head("continuation", pos, pos)
        self.read(line, head, indent)

    def heading(self, line: _Line, pos: int) -> bool:
        key = _heading_key(line.norm[pos:])
        if key in _TOP_HEADINGS and not self.result.items:
            # The lines above "Provisional agenda" are the document's header: its body,
            # session, place and dates.
            for problem in self.header:
                self.result.problems.remove(problem)
                skipped = Skipped(problem.line, problem.text, str(HEADER), dropped=True)
                self.result.skipped.append(skipped)
            self.header = []
            self.result.skipped.append(Skipped(line.number, line.text, _("heading")))
            if (mark := line.norm.rstrip()[-1]) in "*†":
                self.heading_mark = mark
        elif key in _TOP_HEADINGS or key in _SECTION_HEADINGS:
            self.problem(
                line,
                _(
                    "%(line)s is a heading of the document, not an agenda item; paste the "
                    "agenda only"
                )
                % {"line": _quote(line.text)},
            )
        else:
            return False
        self.placed = None
        return True

    def head(self, norm: str, pos: int) -> _Head | None:
        if match := _DECIMAL.match(norm, pos):
            return _Head("deep", pos, match.end(), token=match.group())
        if match := _ITEM.match(norm, pos):
            head = _Head(
                "item", pos, _skip_space(norm, match.end()), int(match.group(1) or match.group(3))
            )
            head.token = match.group(2) or ""
            return head
        if match := _CHINESE_ITEM.match(norm, pos):
            number = chinese_number(match.group(1))
            return _Head("item", pos, _skip_space(norm, match.end()), number)
        if match := _CHINESE_SUB.match(norm, pos) or _ARABIC_SUB.match(norm, pos):
            token = match.group(1)
            number = (
                ARABIC_LETTERS.index(token) + 1
                if token in ARABIC_LETTERS
                else chinese_number(token)
            )
            return _Head("sub", pos, _skip_space(norm, match.end()), number, token)
        if match := _SUB.match(norm, pos):
            token = match.group(1) or match.group(2)
            head = _Head("sub", pos, _skip_space(norm, match.end()), letter_number(token), token)
            roman = token in ROMAN and head.number != self.last_letter + 1
            if roman and self.current is not None and self.current.children:
                head.kind = "deep"
            return head
        return None

    def bullet_head(self, indent: int, pos: int, glyph: str) -> _Head:
        """A bullet's level, from its indentation or, as Word pastes its levels without
        indentation, from its glyph: •, then o, then §."""
        if self.top_indent is None:
            self.top_glyph = glyph
            return _Head("item", pos, pos)
        if indent < self.top_indent or (indent == self.top_indent and glyph == self.top_glyph):
            return _Head("item", pos, pos)
        if self.sub_indent is None:
            self.sub_indent, self.sub_glyph = indent, glyph
            return _Head("sub", pos, pos)
        if indent < self.sub_indent or (indent == self.sub_indent and glyph == self.sub_glyph):
            return _Head("sub", pos, pos)
        return _Head("deep", pos, pos)

    def read(self, line: _Line, head: _Head, indent: int) -> None:
        """Place the stretches of a line (more than one on a run-on line) in the tree."""
        while head is not None and not self.stopped:
            target = self.place(line, head, indent)
            if target is None:
                self.placed = None
                return
            end, following = self.next_head(line, head.start)
            text = line.typed(head.start, end)
            if head.kind == "continuation":
                target.title = _join(target.title, text)
                target.continued_on.append(line.number)
            else:
                target.title = text
            self.placed, head = target, following

    def next_head(self, line: _Line, start: int) -> tuple[int, _Head | None]:
        """Where the title starting at ``start`` ends: at the end of the line, or where the
        number expected next follows list punctuation (a run-on line)."""
        norm = line.norm
        for match in _INLINE.finditer(norm, start + 1):
            if self.stopped:
                break
            at = match.start()
            if not _BOUNDARY.search(norm, max(start, at - 24), at):
                continue
            title_start = _skip_space(norm, match.end())
            if match.group(1):
                number = int(match.group(1))
                if number == self.last_number + 1:
                    return at, _Head("item", at, title_start, number)
            else:
                token = match.group(2) or match.group(3)
                if letter_number(token) == self.last_letter + 1:
                    return at, _Head("sub", at, title_start, self.last_letter + 1, token)
                if match.group(3):
                    continue  # a bare "b)" is too common in running text to report
            self.problem(
                line,
                _(
                    "'%(token)s' inside a title looks like a number, but %(expected)s comes "
                    "next; put each item on a line of its own or correct the number"
                )
                % {"token": match.group(), "expected": self.expected()},
            )
        return len(norm), None

    # --- placing in the tree -----------------------------------------------------------------

    def place(self, line: _Line, head: _Head, indent: int) -> ParsedItem | None:
        label = _quote(line.typed(head.at, head.at + 50))
        if head.kind == "continuation":
            return self.continuation(line, head)
        if head.kind == "deep":
            if head.token:
                message = _(
                    "%(line)s is numbered as a third level; agendas have items (1, 2, …) and "
                    "sub-items ((a), (b), …) only"
                )
            else:
                message = _(
                    "%(line)s is indented as a third level; agendas have items (1, 2, …) and "
                    "sub-items ((a), (b), …) only"
                )
            self.problem(line, message % {"line": label})
            return None
        if self.count >= MAX_ITEMS:
            self.problem(
                line,
                _(
                    "more than %(max)s items and sub-items: this line and the rest of the "
                    "paste were not read"
                )
                % {"max": MAX_ITEMS},
            )
            self.stopped = True
            return None
        if head.kind == "item":
            return self.place_item(line, head, indent, label)
        return self.place_sub(line, head, label)

    def place_item(self, line: _Line, head: _Head, indent: int, label: str) -> ParsedItem:
        bis = BIS.index(head.token) if head.token else 0
        if bis:  # 3 bis comes after 3 (or 3 ter after 3 bis), and takes no number of its own
            expected = self.first_number if self.last_number is None else self.last_number
        else:
            expected = self.first_number if self.last_number is None else self.last_number + 1
        number = expected if head.number is None else head.number
        shown = with_bis(str(number), bis)
        if self.last_number is None and number not in (1, self.first_number):
            if self.first_number != 1:
                message = _("%(line)s starts the agenda at %(number)s — expected 1 or %(first)s")
            else:
                message = _("%(line)s starts the agenda at %(number)s — expected 1")
            self.problem(
                line, message % {"line": label, "number": number, "first": self.first_number}
            )
        elif bis and (self.last_number is None or bis != self.last_bis + 1 or number != expected):
            self.problem(
                line,
                _("%(line)s must follow item %(expected)s")
                % {"line": label, "expected": with_bis(str(number), bis - 1)},
            )
            if self.last_number is not None:  # the numbering goes on from where it was
                number, bis = self.last_number, self.last_bis
        elif self.last_number is not None and number != expected:
            self.problem(line, _out_of_order(label, number, expected, self.numbers_seen, str))
        if not bis:
            self.numbers_seen.setdefault(number, line.number)
        self.last_number, self.last_bis = number, bis
        item = ParsedItem(title="", line=line.number, number=shown, bis=BIS.index(head.token or ""))
        self.result.items.append(item)
        self.current, self.last_letter, self.letters_seen = item, 0, {}
        self.sub_indent, self.sub_glyph = None, ""
        if self.top_indent is None:
            self.top_indent = indent
        self.count += 1
        self.texts[line.number] = line.text
        return item

    def place_sub(self, line: _Line, head: _Head, label: str) -> ParsedItem | None:
        item = self.current
        if item is None:
            self.problem(
                line,
                _(
                    "%(line)s is a sub-item, but no item comes before it — expected an item "
                    "such as '%(first)s.' first"
                )
                % {"line": label, "first": self.first_number},
            )
            return None
        expected = self.last_letter + 1
        number = expected if head.number is None else head.number
        if number != expected:
            if expected == 1 and number not in self.letters_seen:
                message = _("%(line)s is the first sub-item of item %(number)s — expected (a)") % {
                    "line": label,
                    "number": item.number,
                }
            else:
                message = _out_of_order(label, number, expected, self.letters_seen, _letter)
            self.problem(line, message)
        self.letters_seen.setdefault(number, line.number)
        self.last_letter = number
        sub = ParsedItem(title="", line=line.number, number=f"{item.number}({letter(number)})")
        item.children.append(sub)
        self.count += 1
        self.texts[line.number] = line.text
        return sub

    def continuation(self, line: _Line, head: _Head) -> ParsedItem | None:
        """A line without a number: the rest of an unfinished title, or a problem."""
        target = self.placed
        unfinished = target is not None and (
            not _COMPLETE.search(target.title[-24:])
            # "…criminal matters:" / "opportunities, …": a colon inside a title, wrapped there
            or (target.title.endswith((":", "：")) and line.norm[head.at].islower())
        )
        if unfinished and len(target.continued_on) < MAX_TITLE_LINES - 1:
            return target
        expected = {"expected": self.expected(), "max": MAX_TITLE_LINES}
        if unfinished:
            message = _(
                "no item number; expected %(expected)s (the title above already runs over "
                "%(max)s lines)"
            )
        elif not self.result.items:
            message = _("no item number before the first item; expected %(expected)s")
        elif target is None:
            message = _("no item number; expected %(expected)s")
        else:
            expected["end"] = target.title.rstrip()[-1]
            message = _(
                "no item number; expected %(expected)s (it cannot be the rest of the title "
                "above, which ends with '%(end)s')"
            )
        self.problem(line, message % expected)
        if not self.result.items and not self.stopped:
            self.header.append(self.result.problems[-1])
        return None

    def finish(self) -> ParsedAgenda:
        for item in self.result.items:
            self.clean(item, "item")
            for sub in item.children:
                self.clean(sub, "sub-item")
        self.result.problems.sort(key=lambda p: p.line)
        return self.result

    def clean(self, node: ParsedItem, kind: str) -> None:
        node.title = clean_title(plain_punctuation(node.title))
        if not node.title:
            if kind == "item":
                message = _("item %(number)s has no title")
            else:
                message = _("sub-item %(number)s has no title")
            message %= {"number": node.number}
            self.result.problems.append(Problem(node.line, self.texts[node.line], message))
        elif len(node.title) > TITLE_MAX:
            # The item's own rule (AgendaItem.title), said here with the line it starts on.
            if kind == "item":
                text = _(
                    "the title of item %(number)s has %(length)s characters; at most %(max)s "
                    "are allowed"
                )
            else:
                text = _(
                    "the title of sub-item %(number)s has %(length)s characters; at most "
                    "%(max)s are allowed"
                )
            message = text % {
                "number": node.number,
                "length": f"{len(node.title):,}",
                "max": f"{TITLE_MAX:,}",
            }
            self.result.problems.append(Problem(node.line, self.texts[node.line], message))


def _letter(number: int) -> str:
    return f"({letter(number)})"


def _out_of_order(label: str, number: int, expected: int, seen: dict, show) -> str:
    if number in seen:
        return _("%(number)s is used twice (also line %(line)s) — expected %(expected)s") % {
            "number": show(number),
            "line": seen[number],
            "expected": show(expected),
        }
    return _("%(line)s follows %(previous)s — expected %(expected)s") % {
        "line": label,
        "previous": show(expected - 1),
        "expected": show(expected),
    }


def chinese_number(text: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十一 -> 21; 0 for what is no number."""
    digits = {char: n for n, char in enumerate(CHINESE_DIGITS, 1)}
    tens, ten, units = text.partition("十")
    if not ten:
        return digits.get(text, 0)
    high = digits.get(tens, 0) if tens else 1
    low = digits.get(units, 0) if units else 0
    return 0 if (tens and not high) or (units and not low) else high * 10 + low


def _cjk(char: str) -> bool:
    code = ord(char)
    return 0x3040 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF


_FULL_WIDTH = {"：": ": ", "；": "; ", "，": ", ", "。": ". ", "、": ", ", "！": "! ", "？": "? "}
_FULL_WIDTH |= {"（": " (", "）": ") "}


def plain_punctuation(text: str) -> str:
    """Full-width punctuation in a title with no CJK text, as it is written there: "Opening
    of the session：" is "Opening of the session:"."""
    if any(_cjk(c) for c in text) or not any(
        c in _FULL_WIDTH or 0xFF01 <= ord(c) <= 0xFF5E for c in text
    ):
        return text
    text = "".join(_FULL_WIDTH.get(c, unicodedata.normalize("NFKC", c)) for c in text)
    text = re.sub(r"\s+([:;,.!?)])", r"\1", re.sub(r"\(\s+", "(", text))
    return " ".join(text.split())


def _skip_space(norm: str, pos: int) -> int:
    return _SPACE.match(norm, pos).end()


def parse_agenda(text: str, *, first_number: int = 1) -> ParsedAgenda:
    """Read a pasted agenda. ``first_number`` is the number the paste would get where it is
    added (a paste may also start at 1); every problem is listed, with its line."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        message = _(
            "The paste is %(size)s KB; at most %(max)s KB is read at once. Paste the agenda only."
        ) % {"size": -(-size // 1024), "max": MAX_BYTES // 1024}
        return ParsedAgenda(problems=[Problem(0, "", message)])
    parser = _Parser(first_number)
    for number, raw in enumerate(text.splitlines(), 1):
        if parser.stopped:
            break
        parser.feed(_Line(number, raw))
    return parser.finish()


def can_replace(session: Session) -> bool:
    """A paste may replace the items of a draft that has never been published: once a
    version is out, its items are known by their numbers (a new draft must edit them)."""
    return session.status == Session.Status.DRAFT and not session.published_versions.exists()


def create_items(
    session: Session, parsed: ParsedAgenda, *, language: str, by=None, replace: bool = False
) -> list[AgendaItem]:
    """Add the parsed items after the session's own (or, ``replace``, instead of them),
    titles in ``language``; all or nothing. ``by`` is recorded in the history as the user
    who added them."""
    if language not in UN_LANGUAGES:
        raise ValidationError(
            _("Unknown language “%(language)s”; use one of %(known)s."),
            params={"language": language, "known": ", ".join(UN_LANGUAGES)},
        )
    if not parsed.ok:
        raise ValidationError(
            [_("The pasted agenda has problems; correct them first."), *map(str, parsed.problems)]
        )
    if not parsed.items:
        raise ValidationError(_("The paste holds no agenda items."))
    if any(sub.children for item in parsed.items for sub in item.children):
        raise ValidationError(_("Sub-items cannot have sub-items: agendas have two levels only."))
    if parsed.items[0].bis:
        raise ValidationError(_("A bis item must follow the item it is numbered after."))
    with transaction.atomic():
        # Locked, so that the agenda cannot be issued (frozen) while the items go in.
        session = lock_session(session.pk)
        status = session.status
        if status != Session.Status.DRAFT:
            raise ValidationError(
                _("The agenda is %(status)s and frozen: items can only be pasted into a draft."),
                params={"status": str(Session.Status(status).label).lower()},
            )
        existing = AgendaItem.objects.filter(session=session)
        if replace:
            if not can_replace(session):
                raise ValidationError(
                    _(
                        "A version of this agenda has been published, so its items cannot be "
                        "replaced; add the pasted items after them instead."
                    )
                )
            for item in existing.filter(parent__isnull=False):
                item.delete()  # one by one, so that the history records each deletion
            for item in existing.filter(parent=None):
                item.delete()
        start = next_position(existing.filter(parent=None))
        items = [
            AgendaItem(
                session=session, position=start + n, title={language: item.title}, bis=item.bis
            )
            for n, item in enumerate(parsed.items)
        ]
        _check(items, parsed.items, exclude=["session"])
        items = bulk_create_with_history(items, AgendaItem, default_user=by)
        subs = [
            AgendaItem(session=session, parent=parent, position=n, title={language: sub.title})
            for parent, item in zip(items, parsed.items, strict=True)
            for n, sub in enumerate(item.children)
        ]
        # Checked once their parents exist: AgendaItem.clean looks at the parent.
        _check(subs, [sub for item in parsed.items for sub in item.children], ["session", "parent"])
        subs = bulk_create_with_history(subs, AgendaItem, default_user=by)
    children = {}
    for sub in subs:
        children.setdefault(sub.parent_id, []).append(sub)
    return [row for item in items for row in (item, *children.get(item.pk, []))]


def _check(rows: list[AgendaItem], parsed: list[ParsedItem], exclude: list[str]) -> None:
    # The session (locked above) and the parents (just created) exist: checking each foreign
    # key would cost a query per item. AgendaItem.clean still checks the tree.
    for row, item in zip(rows, parsed, strict=True):
        row.full_clean(exclude=exclude)
        if not item.title.strip():
            raise ValidationError(
                _("Item %(number)s (line %(line)s) has no title.")
                % {"number": item.number, "line": item.line}
            )
