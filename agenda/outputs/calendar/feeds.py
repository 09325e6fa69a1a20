"""The calendar feeds (iCalendar): all sittings of a body, of a session, or one sitting.

Pure builders: a session's content (agenda.reads.content: a published version, or for the
secretariat a draft's working copy) in, bytes out; agenda/views/public/calendar.py adds the HTTP.
Each event is a
sitting: the summary names body, session and sitting; the description lists the items it
takes up, in order, with "(continued)", each with its documents (and their official text),
then the room and venue and links to the session page and its PDF; the ORGANIZER (RFC 5546
expects one with METHOD:PUBLISH) is the body's secretariat, when its address is known.
What calendars rely on to follow changes:

- UID: the sitting's uuid (Sitting.uid), which never changes, not even across export/import;
- SEQUENCE and LAST-MODIFIED: computed per sitting when a version is published, rising only
  when what that sitting's event shows changed (agenda.services.publishing); DTSTAMP: the version's
  publication; never the time of the request, so the same version gives the same bytes;
- times in the venue's zone (TZID with its VTIMEZONE), never floating; a sitting without
  times is an all-day event;
- cancelled sittings stay, with STATUS:CANCELLED; sittings a version dropped, and those of a
  deleted session (RemovedSitting), come back as cancelled, one SEQUENCE higher, so
  calendars remove them.

Text follows ``language`` (one of the six) with the usual fallback to the session's original
language; with no language, each session's original language. The bytes returned
(``CalendarFeed``) say which languages their text is in, for Content-Language.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from agenda.outputs.calendar import ical
from agenda.outputs.document_terms import document_terms, documentation_line, sitting_name
from agenda.outputs.linking import official_language, official_text_url
from agenda.published import feed_facts
from agenda.reads.agenda import SessionSchedule, session_schedule
from agenda.reads.content import RemovedEvent, SessionContent
from meetings.models import Body, RemovedSitting, Session, ical_uid
from meetings.translations import localize

PRODID = "-//UN Meetings Planner//Calendar feeds//EN"


class CalendarFeed(bytes):
    """A feed's bytes, with ``languages``: those its text is in (the language asked for,
    and the original of any text not available in it), for the Content-Language header."""

    languages: tuple[str, ...] = ()

    def __new__(cls, content: bytes, languages):
        feed = super().__new__(cls, content)
        feed.languages = tuple(languages)
        return feed

    def __reduce__(self):  # kept in the cache, and read back with its languages
        return (CalendarFeed, (bytes(self), self.languages))


# How often subscribed calendars should look again (RFC 7986, and Outlook's property).
REFRESH = "PT1H"


def build_body_calendar(
    body: Body,
    contents: list[SessionContent],
    removed: list[RemovedSitting],
    language: str | None,
    base_url: str,
    events_of=None,
) -> CalendarFeed:
    """Every sitting of the body's published sessions, the sittings their versions dropped
    and those of deleted sessions (``removed``) as cancelled. ``events_of(content, build)``
    may cache a session's events (they only change with its version)."""
    writer = _Writer(language, base_url, body, default_language="en")
    name = _body_name(body, writer.terms_language)
    events = []
    for content in contents:
        build = lambda content=content: writer.content_events(content)  # noqa: E731
        events += events_of(content, build) if events_of else build()
    return writer.calendar(
        name=name,
        description=writer.terms["calendar_description"].format(
            body=name, zone=body.duty_station.time_zone
        ),
        zone=body.duty_station.time_zone,
        events=[*events, *writer.removed_events(removed)],
    )


def build_session_calendar(
    content: SessionContent, language: str | None, base_url: str
) -> CalendarFeed:
    """Every sitting of the session's content, and those it dropped, as cancelled."""
    session = content.session
    writer = _Writer(language, base_url, session.body, session.original_language)
    return writer.calendar(
        name=writer.session_name(session),
        description=writer.terms["calendar_description"].format(
            body=_body_name(session.body, writer.terms_language), zone=session.zone.key
        ),
        zone=session.zone.key,
        events=writer.content_events(content),
    )


def build_sitting_calendar(
    content: SessionContent, number: int, language: str | None, base_url: str
) -> CalendarFeed:
    """One sitting, to download into a calendar (its UID and SEQUENCE as in the feeds)."""
    session = content.session
    writer = _Writer(language, base_url, session.body, session.original_language)
    schedule = session_schedule(content)
    schedule.rows = [row for row in schedule.rows if row.sitting.number == number]
    return writer.calendar(
        name=writer.session_name(session),
        description=None,
        zone=session.zone.key,
        events=writer.session_events(schedule),
        subscription=False,
    )


def _body_name(body: Body, language: str) -> str:
    name = localize(body.name, language, "en").text
    return f"{body.abbreviation} – {name}" if body.abbreviation else name


def summary_parts(body, title: dict, original: str, language: str) -> tuple[str, str]:
    """What comes before and after the sitting's name in an event's summary."""
    head, _, tail = document_terms(language)["summary"].partition("{sitting}")
    words = {
        "body": body.abbreviation or localize(body.name, language, original).text,
        "session": localize(title, language, original).text,
    }
    return head.format(**words).lstrip(), tail.format(**words)


def event_summary(session: Session, number: int, language: str) -> str:
    """WG.3 Fifteenth meeting of … – 3rd meeting: the title of a sitting's event."""
    head, tail = summary_parts(session.body, session.title, session.original_language, language)
    return head + sitting_name(number, language) + tail


def organizer_line(body: Body, language: str) -> str:
    """ORGANIZER;CN="WG.3 – Working Group …":mailto:… (a quoted parameter holds no quote)."""
    if not body.organizer_email:
        return ""
    name = _body_name(body, language).replace('"', "")
    return ical.fold(f'ORGANIZER;CN="{name}":mailto:{body.organizer_email}')


@dataclass
class _Event:
    text: str
    zone: str | None  # None for all-day events
    day: dt.date
    order: tuple  # (date, start time, session number, sitting number)
    languages: frozenset = frozenset()  # those its text is in


class _Writer:
    def __init__(self, language: str | None, base_url: str, body: Body, default_language: str):
        self.language = language  # None: each session's original language
        self.terms_language = language or default_language  # for the calendar's own text
        self.terms = document_terms(self.terms_language)
        self.base_url = base_url.rstrip("/")
        self.body = body

    def calendar(self, *, name, description, zone, events, subscription=True) -> bytes:
        head = [
            "BEGIN:VCALENDAR\r\n",
            "VERSION:2.0\r\n",
            f"PRODID:{PRODID}\r\n",
            "CALSCALE:GREGORIAN\r\n",
            "METHOD:PUBLISH\r\n",
            ical.text("NAME", name),
            ical.text("X-WR-CALNAME", name),
        ]
        if description:
            head += [ical.text("DESCRIPTION", description), ical.text("X-WR-CALDESC", description)]
        head.append(ical.text("X-WR-TIMEZONE", zone))
        if subscription:
            head += [f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}\r\n"]
            head += [f"X-PUBLISHED-TTL:{REFRESH}\r\n"]
        years = defaultdict(list)
        for event in events:
            if event.zone:
                years[event.zone].append(event.day.year)
        zones = [ical.vtimezone(tz, min(y), max(y)) for tz, y in sorted(years.items())]
        body = [event.text for event in sorted(events, key=lambda e: e.order)]
        languages = {self.terms_language}.union(*(event.languages for event in events))
        content = "".join([*head, *zones, *body, "END:VCALENDAR\r\n"]).encode()
        return CalendarFeed(content, sorted(languages))

    def session_name(self, session: Session) -> str:
        title = localize(session.title, self.language or "", session.original_language).text
        return f"{session.body.abbreviation} {title}".strip()

    def content_events(self, content: SessionContent) -> list[_Event]:
        removed = [self.removed_event(r, content.session) for r in content.removed]
        return [*self.session_events(session_schedule(content)), *removed]

    def session_events(self, schedule: SessionSchedule) -> list[_Event]:
        """The events of one session's sittings. What they share is localized and escaped
        once: a body's feed writes thousands of events and must build in well under 0.1 s."""
        session, original = schedule.session, schedule.session.original_language
        language = self.language or original
        terms, esc = document_terms(language), ical.escape_text
        zone = session.zone.key
        shown = [
            localize(text, language, original)
            for text in (session.location.name, session.location.city, session.title)
        ]
        venue, city = shown[0].text, shown[1].text
        url = self.session_url(session)
        head, tail = summary_parts(session.body, session.title, original, language)
        head, tail, cancelled = esc(head), esc(tail), esc(terms["cancelled"])
        content = schedule.content
        published = content.published_at or timezone.now()  # a working copy: now
        dtstamp = ical.utc("DTSTAMP", published)
        items_heading = esc(terms["calendar_items"] + terms["label_separator"].rstrip())
        # the sitting's facts its event names, each with its heading (agenda/published.py)
        located = [
            (fact.name, esc(terms[fact.term] + terms["label_separator"]))
            for fact in feed_facts("location")
        ]
        venue_line = esc(
            terms["venue"] + terms["label_separator"] + ", ".join(filter(None, [venue, city]))
        )
        links = "\\n".join(esc(line) for line in self.links(session, url, language, terms))
        continued = esc(terms["continued"])
        url_line = ical.fold(f"URL:{url}")
        organizer = organizer_line(session.body, language)
        session_languages = {text.language for text in shown if text.text}
        titles, documents, item_languages, events = {}, {}, {}, []
        for row in schedule.rows:
            sitting = row.sitting
            lines = [items_heading] if row.entries else []
            languages = set(session_languages)
            for entry in row.entries:
                item = entry.item
                if item.pk not in titles:
                    title = localize(item.title, language, original)
                    titles[item.pk] = esc(f"{schedule.numbers[item.pk]} {title.text}")
                    documents[item.pk], item_languages[item.pk] = self.documents(
                        content.documents.get(item.pk, []), language
                    )
                    item_languages[item.pk].add(title.language)
                lines.append(titles[item.pk] + continued if entry.continued else titles[item.pk])
                lines += documents[item.pk]
                languages |= item_languages[item.pk]
            lines.append("")
            where = [(label, esc(str(getattr(sitting, name) or ""))) for name, label in located]
            lines += [label + value for label, value in where if value]
            lines += [venue_line, "", links]
            location = "\\, ".join(filter(None, [esc(venue), *(value for _, value in where)]))
            summary = head + esc(sitting_name(sitting.number, language)) + tail
            event = content.event(sitting)
            text = [
                "BEGIN:VEVENT\r\n",
                ical.fold(f"UID:{sitting.ical_uid}"),
                dtstamp,
                ical.utc("LAST-MODIFIED", event.modified or published),
                f"SEQUENCE:{event.sequence}\r\n",
                "STATUS:CANCELLED\r\n" if sitting.cancelled else "STATUS:CONFIRMED\r\n",
                ical.fold(f"SUMMARY:{cancelled + summary if sitting.cancelled else summary}"),
                *self.when(sitting.date, sitting.start_time, sitting.end_time, zone),
                ical.fold(f"LOCATION:{location}") if location else "",
                ical.fold("DESCRIPTION:" + "\\n".join(lines)),
                organizer,
                url_line,
                "END:VEVENT\r\n",
            ]
            order = (
                sitting.date,
                sitting.start_time or dt.time.min,
                session.number,
                sitting.number,
            )
            with_zone = zone if sitting.start_time else None
            events.append(
                _Event("".join(text), with_zone, sitting.date, order, frozenset(languages))
            )
        return events

    @staticmethod
    def documents(listed: list, language: str) -> tuple[list[str], set[str]]:
        """An item's Documentation list as description lines (escaped), each with the address
        of its official text, and the languages of their titles."""
        lines, languages = [], set()
        for document in listed:
            line = documentation_line(document, language)
            url = official_text_url(document.symbol, official_language(document, language))
            lines.append(ical.escape_text(f"  – {line} {url}"))
            languages.add(document.localized_title(language).language)
        return lines, languages

    def removed_events(self, removed: list[RemovedSitting]) -> list[_Event]:
        """Sittings of deleted sessions (tombstones kept by agenda.services.tombstones)."""
        events = []
        for tomb in removed:
            gone = RemovedEvent(
                tomb.uid,
                tomb.number,
                tomb.date,
                tomb.start_time,
                tomb.end_time,
                tomb.time_zone,
                tomb.sequence + 1,
                tomb.removed_at,
            )
            session = Session(
                number=tomb.session_number,
                title=tomb.session_title,
                original_language=tomb.original_language,
            )
            events.append(self.removed_event(gone, session))
        return events

    def removed_event(self, gone: RemovedEvent, session: Session) -> _Event:
        """A sitting calendars hold that no longer exists: cancelled, one SEQUENCE higher."""
        language = self.language or session.original_language
        head, tail = summary_parts(self.body, session.title, session.original_language, language)
        summary = head + sitting_name(gone.number, language) + tail
        title = localize(session.title, language, session.original_language)
        text = [
            "BEGIN:VEVENT\r\n",
            ical.text("UID", ical_uid(gone.uid)),
            ical.utc("DTSTAMP", gone.removed_at),
            ical.utc("LAST-MODIFIED", gone.removed_at),
            f"SEQUENCE:{gone.sequence}\r\n",
            "STATUS:CANCELLED\r\n",
            ical.text("SUMMARY", document_terms(language)["cancelled"] + summary),
            *self.when(gone.date, gone.start_time, gone.end_time, gone.time_zone),
            organizer_line(self.body, language),
            "END:VEVENT\r\n",
        ]
        zone = gone.time_zone if gone.start_time else None
        order = (gone.date, gone.start_time or dt.time.min, session.number, gone.number)
        languages = frozenset({language, title.language} if title.text else {language})
        return _Event("".join(text), zone, gone.date, order, languages)

    @staticmethod
    def when(day: dt.date, start: dt.time | None, end: dt.time | None, zone: str) -> list[str]:
        if start is None:
            return [ical.day("DTSTART", day), ical.day("DTEND", day + dt.timedelta(days=1))]
        return [ical.local("DTSTART", day, start, zone), ical.local("DTEND", day, end, zone)]

    def session_url(self, session: Session) -> str:
        path = session.url("session-detail")
        return f"{self.base_url}{path}" + (f"?lang={self.language}" if self.language else "")

    def links(self, session: Session, url: str, language: str, terms: dict) -> list[str]:
        # The PDF is served by the agenda's PDF view at this address (built by its own module).
        session_path = f"/bodies/{session.body.slug}/sessions/{session.number}"
        pdf = f"{self.base_url}{session_path}/agenda.{language}.pdf"
        colon = terms["label_separator"]
        return [
            f"{terms['session_page']}{colon}{url}",
            f"{terms['agenda']} (PDF){colon}{pdf}",
        ]
