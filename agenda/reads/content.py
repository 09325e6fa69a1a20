"""What a session publishes, as one in-memory value that every public renderer reads.

Two sources give the same shape:

- ``published_content(version)``: a PublishedVersion, rebuilt from its immutable JSON (the
  exchange format, agenda/outputs/exchange.py) without a query. Delegates only ever see this.
- ``working_content(session)``: the secretariat's working copy, read from the editing tables
  (a fixed number of queries); for the editor's previews and for publishing itself.

The objects inside are unsaved model instances (Session, Body, AgendaItem, Document, Sitting…)
so that the templates and builders written for models work unchanged; they are never saved.
"""

import datetime as dt
import functools
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from threading import Lock

from django.core.exceptions import ValidationError

from agenda import published
from agenda.models import AgendaItem, Document, Footnote, PublishedVersion, ScheduledItem
from agenda.outputs.exchange import OPTIONAL_SESSION_FIELDS
from agenda.published import parse_date, parse_time
from agenda.reads.agenda import agenda_rows
from agenda.reads.now import mark_next, meetings_of
from agenda.rules.numbering import number_items
from meetings.models import Body, Session, Sitting, Venue
from meetings.symbols import parse_symbol, symbol_sort_key


@dataclass
class SittingEvent:
    """What calendars follow of one sitting: SEQUENCE and LAST-MODIFIED."""

    sequence: int = 0
    modified: dt.datetime | None = None


@dataclass
class RemovedEvent:
    """A sitting an earlier version published and a later one no longer has."""

    uid: uuid.UUID
    number: int
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    time_zone: str
    sequence: int
    removed_at: dt.datetime


@dataclass
class SessionContent:
    session: Session
    items: list[AgendaItem]
    footnotes: dict[int, list[Footnote]]  # item pk -> footnotes in creation order
    documents: dict[int, list[Document]]  # item pk -> Documentation list, with listed_with
    sittings: list[Sitting]
    scheduled: list[ScheduledItem]  # each with .item set
    session_documents: list[Document]  # the register entries of the session, by symbol
    version: PublishedVersion | None = None  # None for the working copy
    events: dict[uuid.UUID, SittingEvent] = field(default_factory=dict)
    removed: list[RemovedEvent] = field(default_factory=list)
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_working_copy(self) -> bool:
        return self.version is None

    def once(self, name: str, build):
        """A read model derived from this content, built on first use only: a published
        content never changes (and stays in memory, see _Recent); a working copy is read
        anew for each request."""
        if name not in self.derived:
            self.derived[name] = build()
        return self.derived[name]

    def event(self, sitting) -> SittingEvent:
        return self.events.get(sitting.uid) or SittingEvent(0, self.published_at)

    @property
    def published_at(self) -> dt.datetime | None:
        return self.version.published_at if self.version else None


def working_content(session: Session) -> SessionContent:
    """The working copy of ``session`` (loaded with Session.objects.with_body())."""
    rows = agenda_rows(session, derived=True)
    by_pk = {item.pk: item for item in rows.items}
    sittings = list(session.sittings.all())
    scheduled = list(
        ScheduledItem.objects.filter(sitting__session=session).only(
            "pk", "sitting_id", "item_id", "position"
        )
    )
    for line in scheduled:
        line.item = by_pk[line.item_id]
    own = Document.objects.filter(session=session)
    documents = sorted(own, key=lambda d: symbol_sort_key(d.symbol))
    return SessionContent(
        session, rows.items, rows.footnotes, rows.documents, sittings, scheduled, documents
    )


# --- published versions -----------------------------------------------------------------------


class _Recent:
    """Rebuilt contents of the versions this process served last. A version never changes,
    so an entry is never stale; its key includes the digest, so a restored database whose
    ids name other content cannot hit an old entry."""

    def __init__(self, size: int):
        self.size, self.entries, self.lock = size, OrderedDict(), Lock()

    def get(self, key):
        with self.lock:
            value = self.entries.get(key)
            if value is not None:
                self.entries.move_to_end(key)
            return value

    def put(self, key, value):
        with self.lock:
            self.entries[key] = value
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


_recent = _Recent(size=256)


def forget_contents() -> None:
    """Drop the rebuilt contents this process keeps (tests whose ids are reused)."""
    _recent.clear()


# What to read of a version to decide on a cache hit; content comes only on a miss.
LIGHT = ("content", "register", "calendar")


def current_versions():
    """The current published versions, light (see published_content), with their session."""
    return PublishedVersion.objects.filter(is_current=True).select_related("session").defer(*LIGHT)


@functools.cache
def _current_version_sql() -> str:
    return f"""
        SELECT p.id, p.session_id, p.number, p.kind, p.symbol, p.issue_date, p.published_at,
          p.digest, p.digest_number, p.is_current,
          s.status AS session_status, s.body_id AS session_body_id, s.number AS session_number
        FROM {PublishedVersion._meta.db_table} p
          JOIN {Session._meta.db_table} s ON s.id = p.session_id
          JOIN {Body._meta.db_table} b ON b.id = s.body_id
        WHERE b.slug = %s AND s.number = %s AND p.is_current
    """


def current_version(body_slug: str, number: int) -> PublishedVersion | None:
    """The session's current version, light, with the session's status and body. Every
    public request starts here, so it is one written-out statement: compiling the ORM
    query (two joins) costs more than the rest of a cached PDF's or feed's answer."""
    found = list(PublishedVersion.objects.raw(_current_version_sql(), [body_slug, number]))
    if not found:
        return None
    version = found[0]
    # from_db takes the values in the model's field order
    version.session = Session.from_db(
        None,
        ["id", "body_id", "number", "status"],
        [version.session_id, version.session_body_id, number, version.session_status],
    )
    return version


def published_content(version: PublishedVersion) -> SessionContent:
    """The content of ``version``, rebuilt once per process (one query for a light version)."""
    key = (version.pk, version.digest)
    content = _recent.get(key)
    if content is None:
        if version.get_deferred_fields() & set(LIGHT):
            version.refresh_from_db(fields=LIGHT)
        content = _rebuild(version)
        _recent.put(key, content)
    return content


def body_contents(body) -> list[SessionContent]:
    """The current versions of a body's sessions, in session order."""
    versions = current_versions().filter(session__body=body).order_by("session__number")
    return published_contents(list(versions))


def published_contents(versions: list[PublishedVersion]) -> list[SessionContent]:
    """The contents of many light versions, with one query for those not in memory."""
    missing = [v.pk for v in versions if _recent.get((v.pk, v.digest)) is None]
    if missing:
        loaded = PublishedVersion.objects.filter(pk__in=missing).only(*LIGHT).order_by()
        full = {v.pk: v for v in loaded}
        for version in versions:
            if version.pk in full:
                for name in LIGHT:
                    setattr(version, name, getattr(full[version.pk], name))
    return [published_content(version) for version in versions]


def _moment(value):
    return dt.datetime.fromisoformat(value) if value else None


def _document(data: dict, pk: int) -> Document:
    return Document(pk=pk, **published.values(data, published.DOCUMENT))


def _rebuild(version: PublishedVersion) -> SessionContent:
    data = version.content
    venues = {
        v["slug"]: Venue(
            slug=v["slug"],
            name=v["name"],
            city=v["city"],
            country=v["country"],
            time_zone=v["time_zone"],
        )
        for v in data["venues"]
    }
    bodies: dict[str, Body] = {}
    for b in data["bodies"]:  # parents come first in the file
        body = Body(
            slug=b["slug"],
            name=b["name"],
            abbreviation=b["abbreviation"],
            symbol_prefix=b["symbol_prefix"],
            organizer_email=b.get("organizer_email", ""),
        )
        body.duty_station = venues[b["duty_station"]]
        body.parent = bodies.get(b["parent"]) if b["parent"] else None
        bodies[body.slug] = body
    s = data["session"]
    live = version.session
    session = Session(
        pk=live.pk,
        number=s["number"],
        title=s["title"],
        start_date=parse_date(s["start_date"]),
        end_date=parse_date(s["end_date"]),
        format=s["format"],
        interpretation_languages=s["interpretation_languages"],
        status=live.status,  # the lifecycle is the session's own, not part of a version
        agenda_symbol=version.symbol,
        issue_date=version.issue_date,
        original_language=s["original_language"],
        distribution=s["distribution"],
        **{name: s.get(name, default) for name, default in OPTIONAL_SESSION_FIELDS.items()},
    )
    bodies[s["body"]].pk = live.body_id  # the live body's id: its pages and feeds
    session.body = bodies[s["body"]]
    session.venue = venues[s["venue"]] if s["venue"] else None

    documents = {}
    for n, doc in enumerate([*data["documents"], *version.register], start=1):
        documents[doc["symbol"]] = _document(doc, n)
    for document in documents.values():
        document.listed_with = []
    for document in documents.values():
        for ancestor in _ancestors(document.symbol):
            if ancestor in documents:
                documents[ancestor].listed_with.append(document)
                break

    items, footnotes, links = [], {}, {}

    def add(entry: dict, parent: AgendaItem | None, position: int):
        item = AgendaItem(
            pk=len(items) + 1,
            session=session,
            parent_id=parent.pk if parent else None,
            position=position,
            **published.values(entry, published.ITEM),
        )
        items.append(item)
        footnotes[item.pk] = [
            Footnote(
                pk=len(items) * 1000 + k,
                item_id=item.pk,
                **published.values(fn, published.FOOTNOTE),
            )
            for k, fn in enumerate(entry.get("footnotes", []))
        ]
        listed = [documents[symbol] for symbol in entry.get("documents", [])]
        links[item.pk] = listed
        for k, sub in enumerate(entry.get("items", [])):
            add(sub, item, k)

    for n, entry in enumerate(s["agenda"]):
        add(entry, None, n)
    for listed in links.values():
        symbols = {d.symbol for d in listed}
        for document in listed:
            document.listed_with = sorted(
                (d for d in document.listed_with if d.symbol not in symbols),
                key=lambda d: symbol_sort_key(d.symbol),
            )
    numbers = number_items(items)
    by_number = {numbers[item.pk]: item for item in items}

    sittings, scheduled = [], []
    for n, row in enumerate(s["sittings"], start=1):
        sitting = Sitting(pk=n, session=session, **published.values(row, published.SITTING))
        sittings.append(sitting)
        for k, number in enumerate(row["items"]):
            line = ScheduledItem(pk=n * 1000 + k, sitting_id=sitting.pk, position=k)
            line.item = by_number[number]
            line.item_id = line.item.pk
            scheduled.append(line)

    own = [documents[d["symbol"]] for d in data["documents"] if d.get("session")]
    calendar = version.calendar or {}
    events = {
        uuid.UUID(uid): SittingEvent(e["sequence"], _moment(e["modified"]))
        for uid, e in calendar.get("events", {}).items()
    }
    removed = [
        RemovedEvent(
            uuid.UUID(r["uid"]),
            r["number"],
            parse_date(r["date"]),
            parse_time(r["start_time"]),
            parse_time(r["end_time"]),
            r["time_zone"],
            r["sequence"],
            _moment(r["removed_at"]),
        )
        for r in calendar.get("removed", [])
    ]
    return SessionContent(
        session,
        items,
        footnotes,
        links,
        sittings,
        scheduled,
        sorted(own, key=lambda d: symbol_sort_key(d.symbol)),
        version,
        events,
        removed,
    )


def _ancestors(symbol: str) -> list[str]:
    try:
        return [str(a) for a in parse_symbol(symbol).ancestors]
    except ValidationError:  # a symbol the parser refuses has no chain
        return []


# --- the today page ---------------------------------------------------------------------


def _versions_between(first: dt.date, last: dt.date):
    return current_versions().filter(first_day__lte=last, last_day__gte=first)


def sittings_of_day(day: dt.date | None, now: dt.datetime, language: str) -> list:
    """The published meetings (agenda.reads.now.Meeting) held on ``day``, or, if None, on the
    current date of each body's duty station (which differ around midnight); one query for
    the versions whose meetings span the window, whatever their number (contents are
    rebuilt from memory). The first still to start is ``next``."""
    reference = day or now.date()
    window = (reference - dt.timedelta(days=1), reference + dt.timedelta(days=1))
    found = []
    for content in published_contents(list(_versions_between(*window))):
        local_day = day or now.astimezone(content.session.zone).date()
        found += [m for m in meetings_of(content, now, language) if m.sitting.date == local_day]
    for meeting in found:
        meeting.next = False
    mark_next(found, now)
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return sorted(found, key=lambda m: (m.starts_at or far, m.session.body.slug, m.sitting.number))


def next_meeting_day(after: dt.date) -> dt.date | None:
    """The first day after ``after`` on which a published meeting is held (not cancelled).
    Versions are read in order of their first day, a few at a time (one query for those
    not in memory), until the day found comes before the next version's first day."""
    found = None
    versions = list(current_versions().filter(last_day__gt=after).order_by("first_day"))
    for start in range(0, len(versions), 20):
        batch = versions[start : start + 20]
        if found is not None and batch[0].first_day >= found:
            break
        for content in published_contents(batch):
            for sitting in content.sittings:
                if after < sitting.date and not sitting.cancelled:
                    found = sitting.date if found is None else min(found, sitting.date)
    return found
