"""Named reads. ``session_agenda`` is everything the session page (and later the PDF) shows,
in a fixed number of queries whatever the size of the agenda; ``session_schedules`` is what
the calendar feeds show of many sessions, and ``*_feed_state`` their content versions."""

import datetime as dt
import uuid
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from django.db import connection
from django.db.models import Prefetch, Q
from django.utils.dateparse import parse_datetime
from django.utils.safestring import SafeString

from agenda import richtext
from agenda.document_terms import document_terms
from agenda.models import AgendaItem, Document, DocumentLink, Footnote, ScheduledItem
from agenda.numbering import number_items, ordered_tree
from agenda.organization import organization_rows, rows_by_date
from agenda.timetable import under_way, zone_label
from meetings.models import Body, RemovedSitting, Session, Sitting, ical_uid
from meetings.symbols import symbol_sort_key
from meetings.translations import Localized, localize


@dataclass
class NumberedFootnote:
    number: int
    text: Localized
    label: str = ""


@dataclass
class AgendaEntry:
    item: AgendaItem
    number: str  # "1" or "1(a)"
    label: str  # as printed in the agenda list: "1." or "(a)"
    title: Localized
    annotation: Localized
    annotation_html: SafeString = field(default_factory=SafeString)
    footnotes: list[NumberedFootnote] = field(default_factory=list)
    documents: list = field(default_factory=list)
    children: list["AgendaEntry"] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return self.number.replace("(", "").replace(")", "")


@dataclass
class SessionAgenda:
    session: Session
    language: str
    entries: list[AgendaEntry]
    organization: list  # [(date, [SittingRow])]

    def flat(self) -> list[AgendaEntry]:
        return [e for top in self.entries for e in (top, *top.children)]

    @property
    def terms(self) -> dict[str, str]:
        return document_terms(self.language)

    @property
    def footnotes(self) -> list[NumberedFootnote]:
        return [fn for entry in self.flat() for fn in entry.footnotes]


@dataclass
class AgendaRows:
    """A session's items with their footnotes and documentation lists, in three queries."""

    items: list[AgendaItem]
    footnotes: dict[int, list[Footnote]]  # item pk -> footnotes in creation order
    documents: dict[int, list]  # item pk -> documents in list order


def agenda_rows(session: Session, *, derived: bool = False) -> AgendaRows:
    """The session's items, footnotes and Documentation lists; with ``derived``, each listed
    document also carries the corrigenda and addenda to print with it (one more query).
    A session shows (and exports) only documents that are public or its own: never another
    session's unpublished document, even one listed before agenda.ownership forbade it."""
    footnotes, documents = {}, {}
    for footnote in Footnote.objects.filter(item__session=session).order_by("pk"):
        footnotes.setdefault(footnote.item_id, []).append(footnote)
    shown = Q(pk__in=Document.objects.public().values("pk")) | Q(session=session)
    links = (
        DocumentLink.objects.filter(item__session=session)
        .filter(document__in=Document.objects.filter(shown))
        .select_related("document")
    )
    if derived:
        links = links.prefetch_related(
            Prefetch("document__derived", queryset=Document.objects.filter(shown))
        )
    for link in links.order_by("position", "pk"):
        documents.setdefault(link.item_id, []).append(link.document)
    for listed in documents.values() if derived else ():
        # Corrigenda and addenda go with their base, unless the list names them itself.
        symbols = {d.symbol for d in listed}
        for document in listed:
            others = [d for d in document.derived.all() if d.symbol not in symbols]
            document.listed_with = sorted(others, key=lambda d: symbol_sort_key(d.symbol))
    return AgendaRows(list(AgendaItem.objects.filter(session=session)), footnotes, documents)


def session_agenda(session: Session, language: str) -> SessionAgenda:
    original = session.original_language
    rows = agenda_rows(session, derived=True)
    items = rows.items
    numbers = number_items(items)

    counter = 0

    def entry(item, label) -> AgendaEntry:
        nonlocal counter
        item.number = numbers[item.pk]
        annotation = localize(item.annotation, language, original)
        footnotes = rows.footnotes.get(item.pk, [])
        by_label = {fn.label: fn for fn in footnotes}
        order = [label for label in richtext.footnote_labels(annotation.text) if label in by_label]
        order += [fn.label for fn in footnotes if fn.label not in order]  # never lose one
        local_numbers = {}
        for footnote_label in order:
            counter += 1
            local_numbers[footnote_label] = counter
        item.localized_title = localize(item.title, language, original)
        return AgendaEntry(
            item=item,
            number=item.number,
            label=label,
            title=item.localized_title,
            annotation=annotation,
            annotation_html=richtext.render_html(annotation.text, local_numbers),
            footnotes=[
                NumberedFootnote(
                    local_numbers[lb], localize(by_label[lb].text, language, original), lb
                )
                for lb in order
            ],
            documents=rows.documents.get(item.pk, []),
        )

    entries = []
    for item, subs in ordered_tree(items):
        top = entry(item, f"{numbers[item.pk]}.")
        # a sub-item's label is its number without the parent's: "1(a)" -> "(a)"
        top.children = [entry(sub, numbers[sub.pk][len(numbers[item.pk]) :]) for sub in subs]
        entries.append(top)

    by_pk = {item.pk: item for item in items}
    sittings = list(session.sittings.all())
    scheduled = list(
        ScheduledItem.objects.filter(sitting__session=session).only(
            "pk", "sitting_id", "item_id", "position"
        )
    )
    for s in scheduled:
        s.item = by_pk[s.item_id]  # reuse the numbered instances, no extra query
    organization = rows_by_date(organization_rows(sittings, scheduled))
    return SessionAgenda(session, language, entries, organization)


class CalendarItem(NamedTuple):
    pk: int
    session_id: int
    parent_id: int | None
    position: int
    fixed_number: int | None
    title: dict


class CalendarSitting(NamedTuple):
    pk: int
    session_id: int
    number: int
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    room: str
    cancelled: bool
    uid: uuid.UUID
    sequence: int
    changed_at: dt.datetime

    @property
    def ical_uid(self) -> str:
        return ical_uid(self.uid)


class CalendarLine(NamedTuple):
    pk: int
    sitting_id: int
    position: int
    item: CalendarItem


@dataclass
class SessionSchedule:
    """One session's sittings in time order with the items each takes up, and their numbers."""

    session: Session
    rows: list  # [organization.SittingRow] of CalendarSitting and CalendarItem tuples
    numbers: dict[int, str]  # item pk -> "1(a)"


def session_schedules(sessions: list[Session]) -> list[SessionSchedule]:
    """The organization of work of several sessions, for the calendar feeds: three queries
    (items, sittings, scheduled items) whatever the number of sessions and sittings. Rows are
    plain tuples, not models: a body's feed reads thousands of them and must build fast."""
    ids = [session.pk for session in sessions]
    items, sittings, scheduled, session_of = {}, {}, {}, {}
    item_fields = CalendarItem._fields
    for row in AgendaItem.objects.filter(session__in=ids).values_list(*item_fields):
        item = CalendarItem(*row)
        items.setdefault(item.session_id, {})[item.pk] = item
    for row in Sitting.objects.filter(session__in=ids).values_list(*CalendarSitting._fields):
        sitting = CalendarSitting(*row)
        sittings.setdefault(sitting.session_id, []).append(sitting)
        session_of[sitting.pk] = sitting.session_id
    lines = ScheduledItem.objects.filter(sitting__session__in=ids)
    for pk, sitting_id, item_id, position in lines.values_list(
        "pk", "sitting_id", "item_id", "position"
    ):
        session_id = session_of[sitting_id]
        line = CalendarLine(pk, sitting_id, position, items[session_id][item_id])
        scheduled.setdefault(session_id, []).append(line)
    schedules = []
    for session in sessions:
        numbers = number_items(items.get(session.pk, {}).values())
        rows = organization_rows(sittings.get(session.pk, []), scheduled.get(session.pk, []))
        schedules.append(SessionSchedule(session, rows, numbers))
    return schedules


def removed_sittings(body, session_number: int | None = None) -> list[RemovedSitting]:
    """Tombstones of the body's deleted sittings (of one session number, if given)."""
    removed = RemovedSitting.objects.filter(body=body)
    if session_number is not None:
        removed = removed.filter(session_number=session_number)
    return list(removed)


# --- content versions of the calendar feeds: what a conditional GET reads --------------------
# A 304 must cost about as much as a trivial view, so each read is one SQL statement, written
# out: compiling the equivalent ORM query (subqueries, joins) alone costs more than a whole
# trivial request. Plain SQL that SQLite and PostgreSQL both run.


@dataclass(frozen=True)
class FeedState:
    pk: int  # of the body, session or sitting
    # Names the feed's content: changes with every write the feed shows. With the time of the
    # latest change, so that a number reused (a restored backup, a test's rollback) cannot
    # name other content.
    tag: str
    last_modified: dt.datetime | None
    draft: bool = False


def _aware(value) -> dt.datetime | None:
    """A timestamp as read by raw SQL: SQLite gives text (UTC), PostgreSQL a datetime."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def _latest(*moments) -> dt.datetime | None:
    return max(filter(None, moments), default=None)


@cache
def _sql(template: str) -> str:
    """The statement with the tables' names (cached: the templates are constants)."""
    return template.format(
        body=Body._meta.db_table,
        venue=Body._meta.get_field("duty_station").related_model._meta.db_table,
        session=Session._meta.db_table,
        sitting=Sitting._meta.db_table,
        removed=RemovedSitting._meta.db_table,
    )


def _fetch(template: str, params: list):
    with connection.cursor() as cursor:
        cursor.execute(_sql(template), params)
        return cursor.fetchone()


def body_feed_state(slug: str) -> FeedState | None:
    """The body feed shows its public sessions and its tombstones. Counting and summing the
    public sessions' revisions catches every change to them (each write adds one) and their
    deletion; the latest change of any session keeps Last-Modified from going back when a
    session returns to draft."""
    row = _fetch(
        """
        SELECT b.id, b.name, b.abbreviation, v.time_zone,
          SUM(CASE WHEN s.status <> %s THEN 1 ELSE 0 END),
          SUM(CASE WHEN s.status <> %s THEN s.revision ELSE 0 END),
          MAX(s.changed_at),
          (SELECT COUNT(*) FROM {removed} r WHERE r.body_id = b.id),
          (SELECT MAX(r.removed_at) FROM {removed} r WHERE r.body_id = b.id)
        FROM {body} b
          JOIN {venue} v ON v.id = b.duty_station_id
          LEFT JOIN {session} s ON s.body_id = b.id
        WHERE b.slug = %s
        GROUP BY b.id, v.id
        """,
        [Session.Status.DRAFT, Session.Status.DRAFT, slug],
    )
    if row is None:
        return None
    pk, name, abbreviation, zone, count, revisions, changed, removed, removed_at = row
    changed, removed_at = _aware(changed), _aware(removed_at)
    tag = f"body:{pk}:{name}:{abbreviation}:{zone}:{count}:{revisions}:{changed}"
    tag += f":{removed}:{removed_at}"
    return FeedState(pk, tag, _latest(changed, removed_at))


def session_feed_state(slug: str, number: int) -> FeedState | None:
    """A session's feed shows the session (its revision covers everything in it) and the
    tombstones of its number."""
    row = _fetch(
        """
        SELECT s.id, s.revision, s.changed_at, s.status,
          (SELECT COUNT(*) FROM {removed} r
           WHERE r.body_id = s.body_id AND r.session_number = s.number),
          (SELECT MAX(r.removed_at) FROM {removed} r
           WHERE r.body_id = s.body_id AND r.session_number = s.number)
        FROM {session} s JOIN {body} b ON b.id = s.body_id
        WHERE b.slug = %s AND s.number = %s
        """,
        [slug, number],
    )
    if row is None:
        return None
    pk, revision, changed, status, removed, removed_at = row
    changed, removed_at = _aware(changed), _aware(removed_at)
    tag = f"session:{pk}.{revision}:{changed}:{removed}:{removed_at}"
    return FeedState(pk, tag, _latest(changed, removed_at), status == Session.Status.DRAFT)


def sitting_feed_state(slug: str, number: int, sitting: int) -> FeedState | None:
    row = _fetch(
        """
        SELECT t.id, s.id, s.revision, s.changed_at, s.status
        FROM {sitting} t JOIN {session} s ON s.id = t.session_id JOIN {body} b ON b.id = s.body_id
        WHERE b.slug = %s AND s.number = %s AND t.number = %s
        """,
        [slug, number, sitting],
    )
    if row is None:
        return None
    pk, session_pk, revision, changed, status = row
    changed = _aware(changed)
    tag = f"sitting:{pk}:{session_pk}.{revision}:{changed}"
    return FeedState(pk, tag, changed, status == Session.Status.DRAFT)


@dataclass
class DaySitting:
    """A sitting on the "today" page, with its items as numbered, localized lines."""

    session: Session
    sitting: CalendarSitting
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    lines: list  # [(number, Localized title, continued)]
    current: bool = False

    @property
    def zone_label(self) -> str:
        """ "Europe/Vienna, CEST": named, because delegates follow meetings from elsewhere."""
        return zone_label(self.starts_at.tzinfo, self.sitting.date) if self.starts_at else ""


def sittings_of_day(day: dt.date | None, now: dt.datetime, language: str) -> list[DaySitting]:
    """The public sittings held on ``day``, or, if None, on the current date of each body's
    duty station (which differ around midnight); four queries whatever their number."""
    reference = day or now.date()
    window = (reference - dt.timedelta(days=1), reference + dt.timedelta(days=1))
    sessions = list(
        Session.objects.public().with_body().filter(sittings__date__range=window).distinct()
    )
    found = []
    for schedule in session_schedules(sessions):
        session = schedule.session
        zone = session.zone
        local_day = day or now.astimezone(zone).date()
        for row in schedule.rows:
            sitting = row.sitting
            if sitting.date != local_day:
                continue
            starts = ends = None
            if sitting.start_time:
                starts = dt.datetime.combine(sitting.date, sitting.start_time, tzinfo=zone)
                ends = dt.datetime.combine(sitting.date, sitting.end_time, tzinfo=zone)
            lines = [
                (
                    schedule.numbers[entry.item.pk],
                    localize(entry.item.title, language, session.original_language),
                    entry.continued,
                )
                for entry in row.entries
            ]
            current = under_way(starts, ends, sitting.cancelled, now)
            found.append(DaySitting(session, sitting, starts, ends, lines, current))
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return sorted(found, key=lambda s: (s.starts_at or far, s.session.body.slug, s.sitting.number))
