"""Who changed what in a session, read from django-simple-history's tables.

One query per kind of record, whatever the number of changes; the field-by-field difference
of each change is computed here from consecutive records of the same object.
"""

from dataclasses import dataclass
from itertools import pairwise

from agenda.models import AgendaItem, DocumentLink, Footnote, ScheduledItem
from meetings.models import Session, Sitting

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
# Bookkeeping, not content: never reported as "changed".
HIDDEN_FIELDS = {
    "id",
    "version",
    "history_id",
    "history_date",
    "history_type",
    "history_change_reason",
    "history_user_id",
    "session_id",
}


@dataclass
class HistoryEntry:
    when: object
    user: object
    kind: str
    name: str
    action: str
    fields: list[str]


def _sources(session: Session):
    item_ids = AgendaItem.history.filter(session_id=session.pk).values("id")
    sitting_ids = Sitting.history.filter(session_id=session.pk).values("id")
    return [
        ("Session", Session.history.filter(id=session.pk), lambda r: str(session)),
        ("Agenda item", AgendaItem.history.filter(session_id=session.pk), _title),
        ("Footnote", Footnote.history.filter(item_id__in=item_ids), lambda r: r.label),
        (
            "Documentation list",
            DocumentLink.history.filter(item_id__in=item_ids),
            lambda r: f"document #{r.document_id} under item #{r.item_id}",
        ),
        ("Meeting", Sitting.history.filter(session_id=session.pk), lambda r: f"meeting {r.number}"),
        (
            "Organization of work",
            ScheduledItem.history.filter(sitting_id__in=sitting_ids),
            lambda r: f"item #{r.item_id} in meeting #{r.sitting_id}",
        ),
    ]


def _title(record) -> str:
    title = record.title or {}
    return next(iter(title.values()), f"#{record.id}")


def _changed_fields(before, after) -> list[str]:
    names = [f.attname for f in after._meta.fields if f.attname not in HIDDEN_FIELDS]
    return [name for name in names if getattr(before, name) != getattr(after, name)]


def session_history(session: Session, limit: int = 200) -> list[HistoryEntry]:
    entries = []
    for kind, records, name in _sources(session):
        by_object: dict[int, list] = {}
        for record in records.select_related("history_user").order_by("history_date", "history_id"):
            by_object.setdefault(record.id, []).append(record)
        for chain in by_object.values():
            entries.append(_entry(kind, chain[0], name, []))
            for before, after in pairwise(chain):
                fields = _changed_fields(before, after) if after.history_type == "~" else []
                if after.history_type != "~" or fields:
                    entries.append(_entry(kind, after, name, fields))
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]


def _entry(kind, record, name, fields) -> HistoryEntry:
    return HistoryEntry(
        when=record.history_date,
        user=record.history_user,
        kind=kind,
        name=name(record),
        action=ACTIONS.get(record.history_type, record.history_type),
        fields=[f.removesuffix("_id") for f in fields],
    )
