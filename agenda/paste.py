"""Read an agenda pasted from a document into an item tree, shown as a preview before saving.

``parse_agenda`` is pure: text in, a ``ParsedAgenda`` out. Every non-blank line ends up in an
item's title, in ``skipped`` (a heading at the top), or in ``problems``: nothing is dropped.
``create_items`` writes a problem-free tree after the session's existing items.

What it reads (numbers are matched on the NFKC form, so full-width １． and （ａ） count; titles
keep the characters as typed):

- items ``1.`` ``1)`` ``1、``; sub-items ``(a)`` ``a)`` ``a.``; unnumbered bullets (``-``, ``•``
  …), where indentation deeper than the first item's makes a sub-item;
- several items on one line (``1. Organizational matters: (a) Opening; (b) …. 2. Other``): a
  number starts a new item when list punctuation (and perhaps "and") comes before it and it is
  the number expected next; another number or bracketed letter there is a problem, never a
  silent part of the title;
- a line without a number continues the title above it (a title wrapped over two lines) only
  when that title is unfinished, i.e. does not end with ``;`` ``.`` ``:`` or their CJK forms
  (or ends with a colon and the line goes on in lower case); otherwise the line is a problem.
  Joined with a space, except next to CJK characters;
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

from agenda.document_terms import TERMS
from agenda.locking import lock_session
from agenda.models import AgendaItem
from agenda.numbering import letter, letter_number
from agenda.ordering import next_position
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
BULLETS = "-*•·‣◦▪▫–—●○■□\uf0a7\uf0b7"  # the last two: Word's Symbol-font bullets
ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}
INVISIBLE = {"\ufeff": "", "\u200b": "", "\u00ad": ""}  # BOM, zero-width space, soft hyphen

_ITEM = re.compile(r"(\d{1,3})\s?[.)、](?!\d)")
_SUB = re.compile(r"\(([a-z]{1,2}|[ivx]{1,4})\)|([a-z]|[ivx]{2,4})[.)](?![A-Za-z0-9.])")
_DECIMAL = re.compile(r"\d{1,3}\.\d{1,3}(?:\.\d{1,3})*\.?(?!\d)")
_INLINE = re.compile(
    r"(?<![0-9A-Za-z./])(\d{1,3})[.)、](?!\d)|\(([a-z]{1,2}|[ivx]{1,4})\)|(?<![A-Za-z0-9])([a-z])\)"
)
_CONNECTOR = "|".join(CONNECTORS)
_BOUNDARY = re.compile(rf"[{LIST_PUNCTUATION}](?:\s*(?:{_CONNECTOR}))?\s*$", re.IGNORECASE)
_COMPLETE = re.compile(rf"[{COMPLETE_PUNCTUATION}](?:\s*(?:{_CONNECTOR}))?\s*$", re.IGNORECASE)
_SPACE = re.compile(r"\s*")
_NOT_READ = "this line and the rest of the paste were not read"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


@dataclass
class ParsedItem:
    title: str
    children: list["ParsedItem"] = field(default_factory=list)
    line: int = 0
    number: str = ""  # as pasted (or, for a bullet, as counted): "2", "2(b)"
    continued_on: list[int] = field(default_factory=list)  # lines joined to the title


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based; 0 for the paste as a whole
    text: str
    message: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True)
class Skipped:
    line: int
    text: str
    reason: str


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
        self.numbers_seen: dict[int, int] = {}
        self.last_letter = 0
        self.letters_seen: dict[int, int] = {}
        self.top_indent: int | None = None
        self.sub_indent: int | None = None
        self.stopped = False
        self.count = 0
        self.texts: dict[int, str] = {}  # line number -> text, of the lines items start on

    # --- problems ----------------------------------------------------------------------------

    def problem(self, line: _Line, message: str) -> None:
        if self.stopped:
            return
        if len(self.result.problems) == MAX_PROBLEMS:
            message = f"more than {MAX_PROBLEMS} problems: {_NOT_READ}"
            self.stopped = True
        self.result.problems.append(Problem(line.number, line.text, message))

    def expected(self) -> str:
        number = self.first_number if self.last_number is None else self.last_number + 1
        if self.current is None:
            return f"'{number}.'"
        return f"'{number}.' or '({letter(self.last_letter + 1)})'"

    # --- reading a line ----------------------------------------------------------------------

    def feed(self, line: _Line) -> None:
        norm = line.norm
        if not norm.strip() or self.stopped:
            return
        if control := _CONTROL.search(norm):
            code = f"U+{ord(control.group()):04X}"
            self.problem(line, f"contains an invisible control character ({code}); remove it")
            self.placed = None
            return
        pos = len(norm) - len(norm.lstrip())
        indent = len(norm[:pos].expandtabs(4))
        bullet = norm[pos] in BULLETS and (pos + 1 == len(norm) or norm[pos + 1].isspace())
        if bullet:
            pos = _skip_space(norm, pos + 1)
        head = self.head(norm, pos)
        if head is None and not bullet and self.heading(line, pos):
            return
        if head is None:
            head = self.bullet_head(indent, pos) if bullet else _Head("continuation", pos, pos)
        self.read(line, head, indent)

    def heading(self, line: _Line, pos: int) -> bool:
        key = _heading_key(line.norm[pos:])
        if key in _TOP_HEADINGS and not self.result.items:
            self.result.skipped.append(Skipped(line.number, line.text, "heading"))
        elif key in _TOP_HEADINGS or key in _SECTION_HEADINGS:
            self.problem(
                line,
                f"{_quote(line.text)} is a heading of the document, not an agenda item; "
                "paste the agenda only",
            )
        else:
            return False
        self.placed = None
        return True

    def head(self, norm: str, pos: int) -> _Head | None:
        if match := _DECIMAL.match(norm, pos):
            return _Head("deep", pos, match.end(), token=match.group())
        if match := _ITEM.match(norm, pos):
            return _Head("item", pos, _skip_space(norm, match.end()), int(match.group(1)))
        if match := _SUB.match(norm, pos):
            token = match.group(1) or match.group(2)
            head = _Head("sub", pos, _skip_space(norm, match.end()), letter_number(token), token)
            roman = token in ROMAN and head.number != self.last_letter + 1
            if roman and self.current is not None and self.current.children:
                head.kind = "deep"
            return head
        return None

    def bullet_head(self, indent: int, pos: int) -> _Head:
        if self.top_indent is None or indent <= self.top_indent:
            return _Head("item", pos, pos)
        if self.sub_indent is None or indent <= self.sub_indent:
            self.sub_indent = indent
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
                f"'{match.group()}' inside a title looks like a number, but {self.expected()} "
                "comes next; put each item on a line of its own or correct the number",
            )
        return len(norm), None

    # --- placing in the tree -----------------------------------------------------------------

    def place(self, line: _Line, head: _Head, indent: int) -> ParsedItem | None:
        label = _quote(line.typed(head.at, head.at + 50))
        if head.kind == "continuation":
            return self.continuation(line, head)
        if head.kind == "deep":
            where = "is numbered" if head.token else "is indented"
            self.problem(
                line,
                f"{label} {where} as a third level; agendas have items (1, 2, …) and "
                "sub-items ((a), (b), …) only",
            )
            return None
        if self.count >= MAX_ITEMS:
            self.problem(line, f"more than {MAX_ITEMS} items and sub-items: {_NOT_READ}")
            self.stopped = True
            return None
        if head.kind == "item":
            return self.place_item(line, head, indent, label)
        return self.place_sub(line, head, label)

    def place_item(self, line: _Line, head: _Head, indent: int, label: str) -> ParsedItem:
        expected = self.first_number if self.last_number is None else self.last_number + 1
        number = expected if head.number is None else head.number
        if self.last_number is None and number not in (1, self.first_number):
            alternative = f" or {self.first_number}" if self.first_number != 1 else ""
            self.problem(line, f"{label} starts the agenda at {number} — expected 1{alternative}")
        elif self.last_number is not None and number != expected:
            self.problem(line, _out_of_order(label, number, expected, self.numbers_seen, str))
        self.numbers_seen.setdefault(number, line.number)
        self.last_number = number
        item = ParsedItem(title="", line=line.number, number=str(number))
        self.result.items.append(item)
        self.current, self.last_letter, self.letters_seen, self.sub_indent = item, 0, {}, None
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
                f"{label} is a sub-item, but no item comes before it — "
                f"expected an item such as '{self.first_number}.' first",
            )
            return None
        expected = self.last_letter + 1
        number = expected if head.number is None else head.number
        if number != expected:
            if expected == 1 and number not in self.letters_seen:
                message = f"{label} is the first sub-item of item {item.number} — expected (a)"
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
        if unfinished:
            message = (
                f"no item number; expected {self.expected()} (the title above already runs "
                f"over {MAX_TITLE_LINES} lines)"
            )
        elif not self.result.items:
            message = f"no item number before the first item; expected {self.expected()}"
        elif target is None:
            message = f"no item number; expected {self.expected()}"
        else:
            message = (
                f"no item number; expected {self.expected()} (it cannot be the rest of the "
                f"title above, which ends with '{target.title.rstrip()[-1]}')"
            )
        self.problem(line, message)
        return None

    def finish(self) -> ParsedAgenda:
        for item in self.result.items:
            self.clean(item, "item")
            for sub in item.children:
                self.clean(sub, "sub-item")
        self.result.problems.sort(key=lambda p: p.line)
        return self.result

    def clean(self, node: ParsedItem, kind: str) -> None:
        node.title = clean_title(node.title)
        if not node.title:
            message = f"{kind} {node.number} has no title"
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
        return (
            f"{show(number)} is used twice (also line {seen[number]}) — expected {show(expected)}"
        )
    return f"{label} follows {show(expected - 1)} — expected {show(expected)}"


def _skip_space(norm: str, pos: int) -> int:
    return _SPACE.match(norm, pos).end()


def parse_agenda(text: str, *, first_number: int = 1) -> ParsedAgenda:
    """Read a pasted agenda. ``first_number`` is the number the paste would get where it is
    added (a paste may also start at 1); every problem is listed, with its line."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        message = (
            f"The paste is {-(-size // 1024)} KB; at most {MAX_BYTES // 1024} KB is read at "
            "once. Paste the agenda only."
        )
        return ParsedAgenda(problems=[Problem(0, "", message)])
    parser = _Parser(first_number)
    for number, raw in enumerate(text.splitlines(), 1):
        if parser.stopped:
            break
        parser.feed(_Line(number, raw))
    return parser.finish()


def create_items(
    session: Session, parsed: ParsedAgenda, *, language: str, by=None
) -> list[AgendaItem]:
    """Add the parsed items after the session's own, titles in ``language``; all or nothing.
    ``by`` is recorded in the history as the user who added them."""
    if language not in UN_LANGUAGES:
        raise ValidationError(
            "Unknown language “%(language)s”; use one of %(known)s.",
            params={"language": language, "known": ", ".join(UN_LANGUAGES)},
        )
    if not parsed.ok:
        raise ValidationError(
            ["The pasted agenda has problems; correct them first.", *map(str, parsed.problems)]
        )
    if not parsed.items:
        raise ValidationError("The paste holds no agenda items.")
    if any(sub.children for item in parsed.items for sub in item.children):
        raise ValidationError("Sub-items cannot have sub-items: agendas have two levels only.")
    with transaction.atomic():
        # Locked, so that the agenda cannot be issued (frozen) while the items go in.
        status = lock_session(session.pk).status
        if status != Session.Status.DRAFT:
            raise ValidationError(
                "The agenda is %(status)s and frozen: items can only be pasted into a draft.",
                params={"status": Session.Status(status).label.lower()},
            )
        start = next_position(AgendaItem.objects.filter(session=session, parent=None))
        items = [
            AgendaItem(session=session, position=start + n, title={language: item.title})
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
            raise ValidationError(f"Item {item.number} (line {item.line}) has no title.")
