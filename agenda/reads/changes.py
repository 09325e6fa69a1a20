"""What changed between two contents of a session (exchange format, agenda/outputs/exchange.py).

Items are keyed by their number (numbers are frozen once the agenda is issued, so between two
published versions the same number is the same item), documents by symbol, meetings by their
calendar uid. Every changed field is given with its old and its new value, as a reader sees
them: texts in the reader's language (falling back to the original), times in the venue's
local time, dates as the documents print them.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agenda import published
from agenda.published import Reading, parse_date
from agenda.rules.numbering import number_items
from meetings.dates import date_range
from meetings.models import Session
from meetings.translations import (
    INTERFACE_LANGUAGE_NAMES,
    LANGUAGE_NAMES,
    UN_LANGUAGES,
    localize,
)

# The parts of a content that make up the agenda document; the rest is the meetings. A
# change of translations only (texts of a language the reader does not read) is one too: the
# document changes in that language, so it is published as a revision or a corrigendum.
DOCUMENT_SECTIONS = ("session", "items", "documents", "translations")

SECTIONS = [
    ("session", _("Session")),
    ("items", _("Agenda items")),
    ("documents", _("Documents")),
    # the texts of the other languages, counted per language (the reader's are above)
    ("translations", _("Translations")),
    ("sittings", _("Meetings")),
    # what calendars show besides the meetings: not part of the agenda document
    ("calendar", _("Calendars")),
]

# The published facts' labels are declared with them (agenda/published.py); these are the
# session's and the structure's.
FIELD_LABELS = {
    **published.labels(),
    "footnotes": _("footnotes"),
    "documents": _("documentation list"),
    "items": _("agenda items taken up"),
    "dates": _("dates"),
    "venue": _("venue"),
    "format": _("format"),
    "interpretation": _("interpretation"),
    "distribution": _("distribution"),
    "body": _("body"),
    "title_variant": _("document title"),
    "job_number": _("job number"),
    "organizer": _("secretariat address (the organizer in calendars)"),
}


@dataclass
class FieldChange:
    name: str  # key of FIELD_LABELS
    before: str
    after: str

    @property
    def label(self):
        return FIELD_LABELS.get(self.name, self.name)


@dataclass
class Change:
    key: str  # "2", "1(a)", a document symbol, a meeting number
    action: str  # "added", "removed", "changed" or "moved"
    title: str = ""  # what it is called (now, or before it was removed)
    fields: list[FieldChange] = field(default_factory=list)
    moved_from: str = ""


@dataclass
class Section:
    name: str
    title: str
    changes: list[Change]


def _text(value, language: str, original: str) -> str:
    if not isinstance(value, dict):
        return str(value or "")
    return localize(value, language, original).text


def numbered_entries(agenda: list) -> list[tuple[str, dict]]:
    """(number, item data) for the items and sub-items of an exchange-format agenda."""
    nodes, data = [], {}

    def walk(entries, parent):
        for position, entry in enumerate(entries):
            node = SimpleNamespace(
                pk=len(nodes) + 1,
                parent_id=parent,
                position=position,
                fixed_number=entry.get("number"),
                bis=entry.get("bis", 0),
            )
            nodes.append(node)
            data[node.pk] = entry
            walk(entry.get("items", []), node.pk)

    walk(agenda, None)
    numbers = number_items(nodes)
    return [(numbers[node.pk], data[node.pk]) for node in nodes]


def item_titles(content: dict) -> dict[str, dict]:
    """Item number -> its title (language -> text)."""
    return {
        number: entry["title"] for number, entry in numbered_entries(content["session"]["agenda"])
    }


def item_documents(content: dict) -> dict[str, list[str]]:
    """Item number -> the symbols of its Documentation list."""
    return {
        number: entry.get("documents", [])
        for number, entry in numbered_entries(content["session"]["agenda"])
    }


def view(content: dict, language: str) -> dict:
    """The comparable, readable form of a content: section -> key -> field -> shown value,
    plus each thing's title under "_title"."""
    session = content["session"]
    original = session["original_language"]

    def text(value):
        return _text(value, language, original)

    venues = {v["slug"]: v for v in content["venues"]}
    body = next(b for b in content["bodies"] if b["slug"] == session["body"])
    venue = venues.get(session["venue"] or body["duty_station"])
    start, end = (
        (parse_date(session["start_date"]), parse_date(session["end_date"]))
        if session["start_date"]
        else (None, None)
    )
    zone = venue["time_zone"] if venue else ""
    shown = {
        "session": {
            "": {
                "_title": text(session["title"]),
                "body": " / ".join(text(b["name"]) for b in content["bodies"]),
                "title": text(session["title"]),
                "dates": date_range(start, end, language) if start else "",
                "venue": ", ".join(filter(None, [text(venue["name"]), text(venue["city"])]))
                if venue
                else "",
                "format": session["format"],
                "interpretation": ", ".join(
                    str(LANGUAGE_NAMES.get(c, c)) for c in session["interpretation_languages"]
                ),
                "distribution": session["distribution"],
                "title_variant": str(
                    Session.TitleVariant(
                        session.get("title_variant", Session.TitleVariant.AGENDA_AND_ANNOTATIONS)
                    ).label
                ),
                "job_number": session.get("job_number", ""),
            }
        },
        "items": {},
        "documents": {},
        "sittings": {},
        "calendar": {"": {"_title": "", "organizer": body.get("organizer_email", "")}},
    }
    reading = Reading(language, original, zone)
    titles = {}
    for number, entry in numbered_entries(session["agenda"]):
        titles[number] = text(entry["title"])
        footnotes = entry.get("footnotes", [])
        shown["items"][number] = {
            "_title": titles[number],
            **published.shown(entry, published.ITEM, reading),
            "footnotes": "\n".join(f"[^{fn['label']}] {text(fn['text'])}" for fn in footnotes),
            "documents": ", ".join(entry.get("documents", [])),
        }
    # the session's documents, and the corrigenda and addenda its lists print with theirs
    for doc in [*content["documents"], *content.get("register", [])]:
        facts = published.shown(
            doc, published.DOCUMENT, Reading(language, doc["original_language"])
        )
        shown["documents"][doc["symbol"]] = {"_title": facts["title"], **facts}
    for sitting in session["sittings"]:
        facts = published.shown(sitting, published.SITTING, reading)
        shown["sittings"][sitting.get("uid") or str(sitting["number"])] = {
            "_title": ", ".join(filter(None, [facts["date"], facts["time"]])),
            **facts,
            "items": "; ".join(f"{n} {titles.get(n, '')}".strip() for n in sitting["items"]),
        }
    return shown


def language_texts(content: dict, language: str) -> dict[tuple, str]:
    """The texts a content has in ``language`` itself (no fallback), keyed by what they are:
    the session's title, each item's title, annotation and footnotes, each document's title."""
    session = content["session"]
    found = {("session",): session["title"].get(language, "")}
    for number, entry in numbered_entries(session["agenda"]):
        found[("title", number)] = entry["title"].get(language, "")
        found[("annotation", number)] = (entry.get("annotation") or {}).get(language, "")
        for fn in entry.get("footnotes", []):
            found[("footnote", number, fn["label"])] = fn["text"].get(language, "")
    for doc in [*content["documents"], *content.get("register", [])]:
        found[("document", doc["symbol"])] = doc["title"].get(language, "")
    return found


def _translations(before: dict | None, after: dict, language: str) -> list[Change]:
    """Per language other than the reader's, how many of its own texts (no fallback) were
    added, changed or removed in the things both contents have."""
    found = []
    for code in UN_LANGUAGES:
        if code == language:
            continue
        old = language_texts(before, code) if before else {}
        new = language_texts(after, code)
        # texts of things added or removed are in their own sections already
        changed = sum(1 for key in old.keys() & new.keys() if old[key] != new[key])
        if changed:
            title = ngettext("%(count)s text", "%(count)s texts", changed) % {"count": changed}
            found.append(Change(str(INTERFACE_LANGUAGE_NAMES[code]), "changed", title))
    return found


def _fields(old: dict, new: dict, skip=()) -> list[FieldChange]:
    return [
        FieldChange(n, old.get(n, ""), new[n])
        for n in new
        if not n.startswith("_") and n not in skip and old.get(n, "") != new[n]
    ]


def _compare_section(name: str, before: dict, after: dict) -> list[Change]:
    moved = _moved_items(before, after) if name == "items" else {}
    changes = []
    for new_key, old_key in moved.items():
        fields = _fields(before[old_key], after[new_key], skip=("title",))
        changes.append(Change(new_key, "moved", after[new_key]["_title"], fields, old_key))
    old_keys = before.keys() - set(moved.values())
    new_keys = after.keys() - moved.keys()
    for key in new_keys - old_keys:
        changes.append(Change(_key(name, key, after), "added", after[key]["_title"]))
    for key in old_keys - new_keys:
        changes.append(Change(_key(name, key, before), "removed", before[key]["_title"]))
    for key in old_keys & new_keys:
        fields = _fields(before[key], after[key])
        if fields:
            changes.append(Change(_key(name, key, after), "changed", after[key]["_title"], fields))
    return sorted(changes, key=lambda c: _natural_key(c.key))


def _key(section: str, key: str, shown: dict) -> str:
    return shown[key]["number"] if section == "sittings" else key


def _moved_items(before: dict, after: dict) -> dict[str, str]:
    """New number -> old number of items that kept their title under another number (an
    item inserted or taken out before them renumbers them). Titles used twice are left to
    the comparison by number."""

    def unique_titles(shown):
        counts = {}
        for key, values in shown.items():
            counts.setdefault(values["title"], []).append(key)
        return {title: keys[0] for title, keys in counts.items() if len(keys) == 1 and title}

    old, new = unique_titles(before), unique_titles(after)
    return {new[t]: old[t] for t in new.keys() & old.keys() if new[t] != old[t]}


def _natural_key(key: str):
    """Order "2" before "10" and "1(a)" after "1"."""
    head = key.split("(", 1)[0].split(" ", 1)[0]
    return (0, int(head), key) if head.isdigit() else (1, 0, key)


def comparable(version) -> dict:
    """A published version's content with the register entries its lists print."""
    return {**version.content, "register": version.register}


def compare(before: dict | None, after: dict, language: str) -> list[Section]:
    """The sections of a change list between two contents, empty sections left out; with
    no ``before``, everything in ``after`` is new."""
    old = view(before, language) if before else {name: {} for name, _title in SECTIONS}
    new = view(after, language)
    sections = []
    for name, title in SECTIONS:
        if name == "translations":
            changes = _translations(before, after, language) if before else []
        else:
            changes = _compare_section(name, old[name], new[name])
        if changes:
            sections.append(Section(name, title, changes))
    return sections


def changes_document(sections: list[Section]) -> bool:
    """Whether the agenda document itself changed (not only its meetings)."""
    return any(section.name in DOCUMENT_SECTIONS for section in sections)


def count(sections: list[Section]) -> int:
    return sum(len(section.changes) for section in sections)
