"""One tap into a delegate's calendar: links for one meeting and for a whole feed.

- A meeting: its .ics (Apple Calendar, Outlook, Thunderbird open it; same UID and SEQUENCE
  as in the feeds, so a later subscription does not duplicate it), and the "new event" pages
  of Google Calendar and Outlook on the web, filled in.
- A feed: webcal:// (desktop and phone calendars subscribe), and the "subscribe from web"
  pages of Google Calendar and Outlook on the web, given the feed's https address.

Absolute addresses come from settings.SITE_URL, never the request's Host header.
"""

import datetime as dt
import threading
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings

from agenda.outputs.calendar.feeds import event_summary
from meetings.translations import localize

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK_COMPOSE = "https://outlook.office.com/calendar/0/deeplink/compose"
OUTLOOK_SUBSCRIBE = "https://outlook.office.com/calendar/0/addfromweb"


@dataclass(frozen=True)
class MeetingLinks:
    ics: str  # the sitting's .ics, a path on this site
    google: str
    outlook: str
    webcal: str  # the whole session's feed, to subscribe to (it follows every change)


@dataclass(frozen=True)
class FeedLinks:
    webcal: str
    https: str
    ics: str  # the feed as a download, a path on this site
    google: str
    outlook: str


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def links_of(meeting, language: str) -> MeetingLinks:
    """The links of an agenda.reads.now.Meeting; those of a published version are kept in this
    process (a version never changes; the key names it, the language and the site)."""
    items = [item.line for item in meeting.items]
    if not meeting.version_key:
        return meeting_links(meeting.session, meeting.sitting, items, language)
    key = (meeting.version_key, meeting.sitting.number, language, settings.SITE_URL)
    links = _recent.get(key)
    if links is None:
        links = meeting_links(meeting.session, meeting.sitting, items, language)
        with _lock:
            _recent[key] = links
            if len(_recent) > 4096:
                _recent.pop(next(iter(_recent)))
    return links


_recent: dict[tuple, MeetingLinks] = {}
_lock = threading.Lock()


def meeting_links(session, sitting, items: list[str], language: str) -> MeetingLinks:
    """``items``: the lines of the items taken up ("2 Role and impact … (continued)")."""
    path = session.url("sitting-calendar", sitting.number)
    ics = f"{path}?lang={language}"
    title = event_summary(session, sitting.number, language)
    page = settings.SITE_URL + session.get_absolute_url() + f"?lang={language}"
    details = "\n".join([*items, "", page])
    original = session.original_language
    location = ", ".join(
        text
        for text in (
            localize(session.location.name, language, original).text,
            sitting.room,
        )
        if text
    )
    if sitting.starts_at is None:  # an all-day event: the next day ends it
        day = sitting.date
        dates = f"{day:%Y%m%d}/{day + dt.timedelta(days=1):%Y%m%d}"
        start, end, all_day = day.isoformat(), (day + dt.timedelta(days=1)).isoformat(), "true"
    else:
        starts, ends = _utc(sitting.starts_at), _utc(sitting.ends_at)
        dates = f"{starts:%Y%m%dT%H%M%SZ}/{ends:%Y%m%dT%H%M%SZ}"
        start, end, all_day = f"{starts:%Y-%m-%dT%H:%M:%SZ}", f"{ends:%Y-%m-%dT%H:%M:%SZ}", "false"
    google = {
        "action": "TEMPLATE",
        "text": title,
        "dates": dates,
        "details": details,
        "location": location,
        "ctz": session.zone.key,
    }
    outlook = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": title,
        "startdt": start,
        "enddt": end,
        "allday": all_day,
        "body": details,
        "location": location,
    }
    feed = session.url("session-calendar")
    return MeetingLinks(
        ics,
        f"{GOOGLE}?{urlencode(google)}",
        f"{OUTLOOK_COMPOSE}?{urlencode(outlook)}",
        feed_links(f"{feed}?lang={language}", title).webcal,
    )


def feed_links(path: str, name: str) -> FeedLinks:
    """``path``: the feed's path and query string on this site."""
    https = settings.SITE_URL + path
    webcal = "webcal://" + https.split("://", 1)[1]
    return FeedLinks(
        webcal,
        https,
        path,
        f"{GOOGLE}?{urlencode({'cid': webcal})}",
        f"{OUTLOOK_SUBSCRIBE}?{urlencode({'url': https, 'name': name})}",
    )
