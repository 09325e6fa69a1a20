"""Who changed what in a session, read from django-simple-history's tables, and when each
version was published, in one timeline, in words people use: items by their number and
title, meetings by their date and time, fields by their labels in the reader's language.

A bounded number of queries, whatever the number of changes: one per kind of record, one for
the current numbers of the items, one for the documents' symbols and one for the published
versions. The field-by-field difference of each change is computed here from consecutive
records of the same object.
"""

from dataclasses import dataclass, field
from itertools import pairwise

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext_lazy

from agenda import models
from agenda.rules.numbering import number_items
from meetings.dates import long_date, time_slot
from meetings.models import Session, Sitting
from meetings.translations import interface_language, localize

ACTIONS = {
    "+": pgettext_lazy("history", "created"),
    "~": pgettext_lazy("history", "changed"),
    "-": pgettext_lazy("history", "deleted"),
}
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
# The verbose names of the fields a change can name (as Django derives them from the field
# names), for the catalogues: the history shows each through gettext.
FIELD_LABELS = [
    gettext_noop("number"),
    gettext_noop("title"),
    gettext_noop("venue"),
    gettext_noop("start date"),
    gettext_noop("end date"),
    gettext_noop("format"),
    gettext_noop("interpretation languages"),
    gettext_noop("status"),
    gettext_noop("agenda symbol"),
    gettext_noop("issue date"),
    gettext_noop("original language"),
    gettext_noop("distribution"),
    gettext_noop("body"),
    gettext_noop("parent"),
    gettext_noop("position"),
    gettext_noop("fixed number"),
    gettext_noop("annotation"),
    gettext_noop("item"),
    gettext_noop("label"),
    gettext_noop("text"),
    gettext_noop("document"),
    gettext_noop("sitting"),
    gettext_noop("date"),
    gettext_noop("start time"),
    gettext_noop("end time"),
    gettext_noop("room"),
    gettext_noop("interpretation"),
    gettext_noop("cancelled"),
]


@dataclass
class HistoryEntry:
    when: object
    user: object
    kind: str
    name: str
    action: str
    fields: list[str] = field(default_factory=list)


class _Names:
    """How the records of one session are named: read once, then shared by every entry."""

    def __init__(self, session: Session, items: list, sittings: list, document_ids: set):
        self.language = interface_language()
        self.original = session.original_language
        self.numbers = number_items(session.agenda_items.all())
        # The latest record of each item and meeting, so that deleted ones keep a name.
        self.items = {record.id: record for record in items}
        self.sittings = {record.id: record for record in sittings}
        self.symbols = dict(
            models.Document.objects.filter(pk__in=document_ids).values_list("pk", "symbol")
        )

    def text(self, translations) -> str:
        return localize(translations or {}, self.language, self.original).text

    def item(self, item_id, record=None) -> str:
        record = record or self.items.get(item_id)
        title = self.text(record.title) if record is not None else ""
        number = self.numbers.get(item_id)
        if number and title:
            return _("item %(number)s, “%(title)s”") % {"number": number, "title": title}
        if number:
            return _("item %(number)s") % {"number": number}
        return _("“%(title)s” (no longer on the agenda)") % {"title": title} if title else "?"

    def meeting(self, sitting_id, record=None) -> str:
        record = record or self.sittings.get(sitting_id)
        if record is None:
            return _("a deleted meeting")
        when = ", ".join(
            part
            for part in (
                long_date(record.date, self.language),
                time_slot(record.start_time, record.end_time),
            )
            if part
        )
        return _("meeting %(number)s (%(when)s)") % {"number": record.number, "when": when}

    def footnote(self, record) -> str:
        return _("footnote [^%(label)s] of %(item)s") % {
            "label": record.label,
            "item": self.item(record.item_id),
        }

    def document_link(self, record) -> str:
        symbol = self.symbols.get(record.document_id) or _("a deleted document")
        return _("%(document)s under %(item)s") % {
            "document": symbol,
            "item": self.item(record.item_id),
        }

    def scheduled(self, record) -> str:
        return _("%(item)s in %(meeting)s") % {
            "item": self.item(record.item_id),
            "meeting": self.meeting(record.sitting_id),
        }


def _latest(records: list) -> list:
    """The last record of each object (records in time order)."""
    return list({record.id: record for record in records}.values())


def _ordered(records):
    return list(records.select_related("history_user").order_by("history_date", "history_id"))


def _changed_fields(before, after) -> list[str]:
    fields = [f for f in after._meta.fields if f.attname not in HIDDEN_FIELDS]
    return [
        _(str(f.verbose_name))
        for f in fields
        if getattr(before, f.attname) != getattr(after, f.attname)
    ]


def _entries(kind: str, records: list, name) -> list[HistoryEntry]:
    by_object: dict[int, list] = {}
    for record in records:
        by_object.setdefault(record.id, []).append(record)
    entries = []
    for chain in by_object.values():
        entries.append(_entry(kind, chain[0], name, []))
        for before, after in pairwise(chain):
            fields = _changed_fields(before, after) if after.history_type == "~" else []
            if after.history_type != "~" or fields:
                entries.append(_entry(kind, after, name, fields))
    return entries


def _entry(kind, record, name, fields) -> HistoryEntry:
    return HistoryEntry(
        when=record.history_date,
        user=record.history_user,
        kind=kind,
        name=name(record),
        action=str(ACTIONS.get(record.history_type, record.history_type)),
        fields=fields,
    )


def _published(session: Session) -> list[HistoryEntry]:
    """Each published version: the issue, a revision, a corrigendum or a schedule update."""
    versions = models.PublishedVersion.objects.filter(session=session)
    versions = versions.select_related("published_by").only(
        "number", "kind", "symbol", "published_at", "published_by", "session"
    )
    return [
        HistoryEntry(
            when=v.published_at,
            user=v.published_by,
            kind=_("Publication"),
            name=_("version %(number)s, %(symbol)s") % {"number": v.number, "symbol": v.symbol},
            action=capfirst(str(v.get_kind_display())),
        )
        for v in versions
    ]


def session_history(session: Session, limit: int = 200) -> list[HistoryEntry]:
    item_ids = models.AgendaItem.history.filter(session_id=session.pk).values("id")
    sitting_ids = Sitting.history.filter(session_id=session.pk).values("id")
    items = _ordered(models.AgendaItem.history.filter(session_id=session.pk))
    sittings = _ordered(Sitting.history.filter(session_id=session.pk))
    links = _ordered(models.DocumentLink.history.filter(item_id__in=item_ids))
    names = _Names(session, _latest(items), _latest(sittings), {r.document_id for r in links})
    entries = [
        *_entries(
            _("Session"), _ordered(Session.history.filter(id=session.pk)), lambda r: str(session)
        ),
        *_entries(_("Agenda item"), items, lambda r: names.item(r.id, r)),
        *_entries(
            _("Footnote"),
            _ordered(models.Footnote.history.filter(item_id__in=item_ids)),
            names.footnote,
        ),
        *_entries(_("Documentation list"), links, names.document_link),
        *_entries(_("Meeting"), sittings, lambda r: names.meeting(r.id, r)),
        *_entries(
            _("Organization of work"),
            _ordered(models.ScheduledItem.history.filter(sitting_id__in=sitting_ids)),
            names.scheduled,
        ),
        *_published(session),
    ]
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
