"""Small builders for test data; each fills in sensible defaults and saves."""

import datetime as dt
import itertools

from agenda.models import AgendaItem, Document, Footnote, ScheduledItem
from meetings.models import Body, Session, Sitting, Venue

_seq = itertools.count(1)


def venue(**kwargs) -> Venue:
    n = next(_seq)
    defaults = {
        "slug": f"venue-{n}",
        "name": {"en": f"Venue {n}"},
        "city": {"en": "Vienna", "zh": "维也纳"},
        "country": "AT",
        "time_zone": "Europe/Vienna",
    }
    return Venue.objects.create(**{**defaults, **kwargs})


def body(**kwargs) -> Body:
    n = next(_seq)
    defaults = {
        "slug": f"body-{n}",
        "name": {"en": f"Working Group {n}"},
        "abbreviation": f"WG.{n}",
        "symbol_prefix": f"CTOC/COP/WG.{n}",
    }
    if "duty_station" not in kwargs:
        defaults["duty_station"] = venue()
    return Body.objects.create(**{**defaults, **kwargs})


def session(**kwargs) -> Session:
    defaults = {
        "number": next(_seq),
        "title": {"en": "Fifteenth meeting", "zh": "第十五次会议"},
        "start_date": dt.date(2024, 6, 5),
        "end_date": dt.date(2024, 6, 6),
        "status": Session.Status.ISSUED,
        "original_language": "en",
    }
    if "body" not in kwargs:
        defaults["body"] = body()
    return Session.objects.create(**{**defaults, **kwargs})


def item(session, title="Item", parent=None, **kwargs) -> AgendaItem:
    siblings = AgendaItem.objects.filter(session=session, parent=parent)
    defaults = {"position": siblings.count(), "title": {"en": title}}
    return AgendaItem.objects.create(session=session, parent=parent, **{**defaults, **kwargs})


def sitting(session, number=None, date=None, start="10:00", end="13:00", **kwargs) -> Sitting:
    return Sitting.objects.create(
        session=session,
        number=number or session.sittings.count() + 1,
        date=date or session.start_date,
        start_time=dt.time.fromisoformat(start) if start else None,
        end_time=dt.time.fromisoformat(end) if end else None,
        **kwargs,
    )


def schedule(sitting, *items) -> None:
    for position, agenda_item in enumerate(items):
        ScheduledItem.objects.create(sitting=sitting, item=agenda_item, position=position)


def footnote(item, label, text) -> Footnote:
    return Footnote.objects.create(item=item, label=label, text={"en": text})


def document(symbol=None, **kwargs) -> Document:
    defaults = {"symbol": symbol or f"CTOC/COP/WG.3/2024/{next(_seq)}", "title": {"en": "Paper"}}
    return Document.objects.create(**{**defaults, **kwargs})
