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


def sitting(
    session, number=None, date=None, start="10:00", end="13:00", save=True, **kwargs
) -> Sitting:
    """A meeting of ``session`` (on its first day unless ``date``); ``save=False`` for one
    to validate."""
    row = Sitting(
        session=session,
        number=number or session.sittings.count() + 1,
        date=date or session.start_date,
        start_time=dt.time.fromisoformat(start) if start else None,
        end_time=dt.time.fromisoformat(end) if end else None,
        **kwargs,
    )
    if save:
        row.save()
    return row


def schedule(sitting, *items) -> None:
    for position, agenda_item in enumerate(items):
        ScheduledItem.objects.create(sitting=sitting, item=agenda_item, position=position)


def footnote(item, label, text) -> Footnote:
    return Footnote.objects.create(item=item, label=label, text={"en": text})


def document(symbol=None, **kwargs) -> Document:
    """A register entry; without a symbol, one in the series of its session's body (the
    documents a body issues for its sessions are in its own series, agenda.rules.ownership)."""
    series = kwargs["session"].body.symbol_prefix if kwargs.get("session") else "CTOC/COP/WG.3"
    defaults = {"symbol": symbol or f"{series}/2024/{next(_seq)}", "title": {"en": "Paper"}}
    return Document.objects.create(**{**defaults, **kwargs})


def body_with_sessions(sessions: int) -> Body:
    """A body with ``sessions`` published sessions of two sittings each, items scheduled, and
    one sitting per session that a second version dropped."""
    parent = body()
    for number in range(1, sessions + 1):
        held = session(body=parent, number=number)
        morning = sitting(held, number=1)
        afternoon = sitting(held, number=2, start="15:00", end="18:00")
        first, second = item(held, "First"), item(held, "Second")
        schedule(morning, first, second)
        schedule(afternoon, second)
        dropped = sitting(held, number=3, date=held.end_date)
        publish(held)
        dropped.delete()
        publish(held)
    return parent


def secretariat_member(body: Body, username: str = "editor"):
    """A user of ``body``'s secretariat: may edit its sessions."""
    from django.contrib.auth.models import User

    user = User.objects.create_user(username)
    body.secretariat.add(user)
    return user


def signed_in(client, body: Body, username: str = "editor"):
    """A member of ``body``'s secretariat, logged in with the test ``client``."""
    user = secretariat_member(body, username)
    client.force_login(user)
    return user


def publish(session, **kwargs):
    """Publish ``session``'s working copy as its next version, as the secretariat does
    (readiness not checked unless asked; a changed document as a revision unless told);
    with nothing to publish, the current version. Returns the PublishedVersion."""
    from agenda.services.publishing import current_version
    from agenda.services.publishing import publish as publish_session

    kwargs.setdefault("check_ready", False)
    kwargs.setdefault("kind", "revision")
    session = Session.objects.get(pk=session.pk)
    current = current_version(session)
    if current is not None and not publish_pending(session):
        return current
    return publish_session(session, **kwargs)


def publish_pending(session) -> bool:
    from agenda.services.publishing import pending_changes

    return bool(pending_changes(session, "en"))


def content(session):
    """What delegates see of ``session``: its current published version, else (never
    published) its working copy."""
    from agenda.reads.content import published_content, working_content
    from agenda.services.publishing import current_version

    version = current_version(session)
    if version is not None:
        return published_content(version)
    return working_content(Session.objects.with_body().get(pk=session.pk))


def clean_errors(obj) -> dict[str, list[str]]:
    """What ``obj.full_clean()`` refuses, field by field (it must refuse something)."""
    from django.core.exceptions import ValidationError

    try:
        obj.full_clean()
    except ValidationError as exc:
        return exc.message_dict
    raise AssertionError(f"{obj!r} passed full_clean()")


def document_entry(symbol: str, **changes) -> dict:
    """A register entry as a session file has it (agenda/published.py DOCUMENT)."""
    return {
        "symbol": symbol,
        "title": {"en": "Title"},
        "kind": "other",
        "issue_date": None,
        "prepared_by": {},
        "original_language": "en",
        "languages": [],
        "status": "issued",
        "session": False,
        **changes,
    }
