"""Issued versions of a provisional agenda and what changed between two of them.

A snapshot keys items by their number and sittings by theirs. Numbers are frozen once the
agenda is issued (agenda.editing), so between two issued versions the same key is the same item.
"""

from dataclasses import dataclass, field

from agenda.models import Document, ScheduledItem
from agenda.numbering import number_items
from agenda.queries import agenda_rows
from meetings.models import Session


def snapshot(session: Session) -> dict:
    """Everything a change list compares, as plain JSON."""
    rows = agenda_rows(session)
    numbers = number_items(rows.items)
    items = {}
    for item in rows.items:
        items[numbers[item.pk]] = {
            "title": item.title,
            "annotation": item.annotation,
            "footnotes": {fn.label: fn.text for fn in rows.footnotes.get(item.pk, [])},
            "documents": [doc.symbol for doc in rows.documents.get(item.pk, [])],
        }
    documents = {doc.symbol: doc for docs in rows.documents.values() for doc in docs}
    documents |= {doc.symbol: doc for doc in Document.objects.filter(session=session)}
    scheduled: dict[int, list[str]] = {}
    for line in ScheduledItem.objects.filter(sitting__session=session).order_by("position", "pk"):
        scheduled.setdefault(line.sitting_id, []).append(numbers[line.item_id])
    return {
        "session": {
            "title": session.title,
            "dates": [str(session.start_date), str(session.end_date)],
            "venue": str(session.location),
            "agenda_symbol": session.agenda_symbol,
        },
        "items": items,
        "documents": {
            symbol: {"title": doc.title, "status": doc.status, "languages": doc.languages}
            for symbol, doc in sorted(documents.items())
        },
        "sittings": {
            str(sitting.number): {
                "date": str(sitting.date),
                "time": f"{sitting.start_time or ''}–{sitting.end_time or ''}",
                "room": sitting.room,
                "cancelled": sitting.cancelled,
                "items": scheduled.get(sitting.pk, []),
            }
            for sitting in session.sittings.all()
        },
    }


FIELD_NAMES = {
    "title": "title",
    "annotation": "annotation",
    "footnotes": "footnotes",
    "documents": "documentation list",
    "status": "status",
    "languages": "language versions",
    "date": "date",
    "time": "time",
    "room": "room",
    "cancelled": "cancellation",
    "items": "agenda items taken up",
    "dates": "dates",
    "venue": "venue",
    "agenda_symbol": "symbol",
}

SECTIONS = [
    ("session", "Session"),
    ("items", "Agenda items"),
    ("documents", "Documents"),
    ("sittings", "Meetings"),
]


@dataclass
class Change:
    key: str  # "2", "1(a)", a document symbol, a meeting number
    action: str  # "added", "removed" or "changed"
    fields: list[str] = field(default_factory=list)  # what changed, in words
    languages: list[str] = field(default_factory=list)  # for translated texts that changed
    after: dict = field(default_factory=dict)
    before: dict = field(default_factory=dict)

    @property
    def title(self) -> str:
        """The title it has (or had, if removed), in English if there is one."""
        title = (self.after or self.before).get("title")
        if not isinstance(title, dict) or not title:
            return ""
        return title.get("en") or next(iter(title.values()))


@dataclass
class Section:
    name: str
    title: str
    changes: list[Change]


def _translated_diff(before, after) -> list[str]:
    """Languages whose text differs, for {language: text} values."""
    if not (isinstance(before, dict) and isinstance(after, dict)):
        return []
    return sorted(
        lang for lang in before.keys() | after.keys() if before.get(lang) != after.get(lang)
    )


def _compare(before: dict, after: dict) -> list[Change]:
    changes = []
    for key in after.keys() - before.keys():
        changes.append(Change(key, "added", after=after[key]))
    for key in before.keys() - after.keys():
        changes.append(Change(key, "removed", before=before[key]))
    for key in before.keys() & after.keys():
        old, new = before[key], after[key]
        differing = [name for name in new if old.get(name) != new.get(name)]
        if differing:
            languages = sorted(
                {lang for n in differing for lang in _translated_diff(old[n], new[n])}
            )
            fields = [FIELD_NAMES.get(name, name) for name in differing]
            changes.append(Change(key, "changed", fields, languages, after=new, before=old))
    return sorted(changes, key=lambda c: _natural_key(c.key))


def _natural_key(key: str):
    """Order "2" before "10" and "1(a)" after "1"."""
    head = key.split("(", 1)[0]
    return (0, int(head), key) if head.isdigit() else (1, 0, key)


def compare(before: dict, after: dict) -> list[Section]:
    """The sections of a change list between two snapshots, empty sections left out."""
    sections = []
    for name, title in SECTIONS:
        if name == "session":
            old, new = before.get("session", {}), after.get("session", {})
            differing = [n for n in new if old.get(n) != new.get(n)]
            changes = (
                [
                    Change(
                        "",
                        "changed",
                        [FIELD_NAMES.get(n, n) for n in differing],
                        after=new,
                        before=old,
                    )
                ]
                if differing
                else []
            )
        else:
            changes = _compare(before.get(name, {}), after.get(name, {}))
        if changes:
            sections.append(Section(name, title, changes))
    return sections
