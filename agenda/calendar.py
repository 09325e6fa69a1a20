"""The calendar feeds (iCalendar): all sittings of a body, of a session, or one sitting.

Pure builders: models in, bytes out; agenda/calendar_views.py adds the HTTP. Each event is a
sitting: the summary names body, session and sitting; the description lists the items it
takes up, in order, with "(continued)", then the room and venue and links to the session page
and its PDF. What calendars rely on to follow changes:

- UID: the sitting's uuid (Sitting.uid), which never changes, not even across export/import;
- SEQUENCE: Sitting.sequence, bumped when the time, room, cancellation or items change;
- DTSTAMP and LAST-MODIFIED from the data (Session.changed_at, Sitting.changed_at), never the
  time of the request, so the same data always gives the same bytes (and ETag);
- times in the venue's zone (TZID with its VTIMEZONE), never floating; a sitting without
  times is an all-day event;
- cancelled sittings stay, with STATUS:CANCELLED; deleted ones come back from their
  tombstone (RemovedSitting) as cancelled, one SEQUENCE higher, so calendars remove them.

Text follows ``language`` (one of the six) with the usual fallback to the session's original
language; with no language, each session's original language.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.urls import reverse

from agenda import ical
from agenda.document_terms import document_terms, sitting_name
from agenda.queries import SessionSchedule, removed_sittings, session_schedules
from meetings.models import Body, RemovedSitting, Session
from meetings.translations import localize

PRODID = "-//UN Meetings Planner//Calendar feeds//EN"
# Part of every cache key and ETag: change it when the output of these builders changes, so
# that no cached feed written by the previous code is served after a deployment.
FORMAT = "1"
# How often subscribed calendars should look again (RFC 7986, and Outlook's property).
REFRESH = "PT1H"


def build_body_calendar(body: Body, language: str | None, base_url: str) -> bytes:
    """Every sitting of the body's public sessions, and its deleted sittings as cancelled."""
    sessions = list(Session.objects.public().filter(body=body).with_body().order_by("number"))
    schedules = session_schedules(sessions)
    writer = _Writer(language, base_url, body, default_language="en")
    name = _body_name(body, writer.terms_language)
    return writer.calendar(
        name=name,
        description=writer.terms["calendar_description"].format(
            body=name, zone=body.duty_station.time_zone
        ),
        zone=body.duty_station.time_zone,
        events=[*writer.sitting_events(schedules), *writer.removed_events(removed_sittings(body))],
    )


def build_session_calendar(session: Session, language: str | None, base_url: str) -> bytes:
    """Every sitting of the session, and its deleted sittings as cancelled. ``session`` comes
    with its body and venue (Session.objects.with_body())."""
    writer = _Writer(language, base_url, session.body, session.original_language)
    schedules = session_schedules([session])
    removed = removed_sittings(session.body, session.number)
    return writer.calendar(
        name=writer.session_name(session),
        description=writer.terms["calendar_description"].format(
            body=_body_name(session.body, writer.terms_language), zone=session.zone.key
        ),
        zone=session.zone.key,
        events=[*writer.sitting_events(schedules), *writer.removed_events(removed)],
    )


def build_sitting_calendar(sitting, language: str | None, base_url: str) -> bytes:
    """One sitting, to download into a calendar (its UID and SEQUENCE as in the feeds)."""
    session = sitting.session
    writer = _Writer(language, base_url, session.body, session.original_language)
    (schedule,) = session_schedules([session])
    schedule.rows = [row for row in schedule.rows if row.sitting.pk == sitting.pk]
    return writer.calendar(
        name=writer.session_name(session),
        description=None,
        zone=session.zone.key,
        events=writer.sitting_events([schedule]),
        subscription=False,
    )


def _body_name(body: Body, language: str) -> str:
    name = localize(body.name, language, "en").text
    return f"{body.abbreviation} – {name}" if body.abbreviation else name


@dataclass
class _Event:
    text: str
    zone: str | None  # None for all-day events
    day: dt.date
    order: tuple  # (date, start time, session number, sitting number)


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
        return "".join([*head, *zones, *body, "END:VCALENDAR\r\n"]).encode()

    def session_name(self, session: Session) -> str:
        title = localize(session.title, self.language or "", session.original_language).text
        return f"{session.body.abbreviation} {title}".strip()

    def summary(self, body, title: dict, original: str, language: str) -> tuple[str, str]:
        """What comes before and after the sitting's name in an event's summary."""
        head, _, tail = document_terms(language)["summary"].partition("{sitting}")
        words = {
            "body": body.abbreviation or localize(body.name, language, original).text,
            "session": localize(title, language, original).text,
        }
        return head.format(**words).lstrip(), tail.format(**words)

    def sitting_events(self, schedules: list[SessionSchedule]) -> list[_Event]:
        return [event for schedule in schedules for event in self.session_events(schedule)]

    def session_events(self, schedule: SessionSchedule) -> list[_Event]:
        """The events of one session's sittings. What they share is localized and escaped
        once: a body's feed writes thousands of events and must build in well under 0.1 s."""
        session, original = schedule.session, schedule.session.original_language
        language = self.language or original
        terms, esc = document_terms(language), ical.escape_text
        zone = session.zone.key
        venue = localize(session.location.name, language, original).text
        city = localize(session.location.city, language, original).text
        url = self.session_url(session)
        head, tail = self.summary(session.body, session.title, original, language)
        head, tail, cancelled = esc(head), esc(tail), esc(terms["cancelled"])
        dtstamp = ical.utc("DTSTAMP", session.changed_at)
        items_heading = esc(terms["calendar_items"] + terms["label_separator"].rstrip())
        room_label = esc(terms["room"] + terms["label_separator"])
        venue_line = esc(
            terms["venue"] + terms["label_separator"] + ", ".join(filter(None, [venue, city]))
        )
        links = "\\n".join(esc(line) for line in self.links(session, url, language, terms))
        continued = esc(terms["continued"])
        url_line = ical.fold(f"URL:{url}")
        titles, events = {}, []
        for row in schedule.rows:
            sitting = row.sitting
            lines = [items_heading] if row.entries else []
            for entry in row.entries:
                item = entry.item
                if item.pk not in titles:
                    title = localize(item.title, language, original).text
                    titles[item.pk] = esc(f"{schedule.numbers[item.pk]} {title}")
                lines.append(titles[item.pk] + continued if entry.continued else titles[item.pk])
            lines.append("")
            if sitting.room:
                lines.append(room_label + esc(sitting.room))
            lines += [venue_line, "", links]
            location = "\\, ".join(filter(None, [esc(venue), esc(sitting.room)]))
            summary = head + esc(sitting_name(sitting.number, language)) + tail
            text = [
                "BEGIN:VEVENT\r\n",
                ical.fold(f"UID:{sitting.ical_uid}"),
                dtstamp,
                ical.utc("LAST-MODIFIED", sitting.changed_at),
                f"SEQUENCE:{sitting.sequence}\r\n",
                "STATUS:CANCELLED\r\n" if sitting.cancelled else "STATUS:CONFIRMED\r\n",
                ical.fold(f"SUMMARY:{cancelled + summary if sitting.cancelled else summary}"),
                *self.when(sitting.date, sitting.start_time, sitting.end_time, zone),
                ical.fold(f"LOCATION:{location}") if location else "",
                ical.fold("DESCRIPTION:" + "\\n".join(lines)),
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
            events.append(_Event("".join(text), with_zone, sitting.date, order))
        return events

    def removed_events(self, removed: list[RemovedSitting]) -> list[_Event]:
        events = []
        for tomb in removed:
            language = self.language or tomb.original_language
            head, tail = self.summary(
                self.body, tomb.session_title, tomb.original_language, language
            )
            summary = head + sitting_name(tomb.number, language) + tail
            text = [
                "BEGIN:VEVENT\r\n",
                ical.text("UID", tomb.ical_uid),
                ical.utc("DTSTAMP", tomb.removed_at),
                ical.utc("LAST-MODIFIED", tomb.removed_at),
                f"SEQUENCE:{tomb.sequence + 1}\r\n",
                "STATUS:CANCELLED\r\n",
                ical.text("SUMMARY", document_terms(language)["cancelled"] + summary),
                *self.when(tomb.date, tomb.start_time, tomb.end_time, tomb.time_zone),
                "END:VEVENT\r\n",
            ]
            zone = tomb.time_zone if tomb.start_time else None
            order = (tomb.date, tomb.start_time or dt.time.min, tomb.session_number, tomb.number)
            events.append(_Event("".join(text), zone, tomb.date, order))
        return events

    @staticmethod
    def when(day: dt.date, start: dt.time | None, end: dt.time | None, zone: str) -> list[str]:
        if start is None:
            return [ical.day("DTSTART", day), ical.day("DTEND", day + dt.timedelta(days=1))]
        return [ical.local("DTSTART", day, start, zone), ical.local("DTEND", day, end, zone)]

    def session_url(self, session: Session) -> str:
        path = reverse("session-detail", args=[session.body.slug, session.number])
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
