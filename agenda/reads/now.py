"""Meetings as delegates follow them: each sitting with the items it takes up and their
documents, which one is under way and which is next, and a session's phase (upcoming, under
way, over). The timetable, the today page and the session page's "now / next" card show them.

It depends on the clock, so it is worked out per request and never kept in a cached fragment
(agenda.outputs.page); it reads a content (agenda.reads.content) already in memory: no query.
"""

import datetime as dt
from dataclasses import dataclass, field
from itertools import groupby

from agenda.outputs.document_terms import document_terms
from agenda.reads.organization import organization_rows
from agenda.reads.timetable import under_way, zone_label
from agenda.rules.numbering import number_in, number_items
from meetings.translations import Localized, localize


class Phase:
    UPCOMING = "upcoming"
    UNDER_WAY = "under_way"
    OVER = "over"
    UNDATED = "undated"


def session_phase(start: dt.date | None, end: dt.date | None, today: dt.date) -> str:
    """Under way from its first day to its last (in the venue's date), else upcoming or over."""
    if start is None or end is None:
        return Phase.UNDATED
    if today < start:
        return Phase.UPCOMING
    return Phase.UNDER_WAY if today <= end else Phase.OVER


@dataclass
class ItemTakenUp:
    number: str  # as the reader's language prints it: 1(a), 1(أ)
    title: Localized
    continued: str  # " (continued)" in the reader's language, or ""
    documents: list = field(default_factory=list)  # its Documentation list

    @property
    def line(self) -> str:
        return f"{self.number} {self.title.text}{self.continued}"


@dataclass
class Meeting:
    session: object  # meetings.models.Session (of a content)
    sitting: object  # meetings.models.Sitting
    items: list[ItemTakenUp]
    current: bool = False
    next: bool = False
    version_key: str = ""  # of the published version shown ("" for a working copy)

    @property
    def starts_at(self) -> dt.datetime | None:
        return self.sitting.starts_at

    @property
    def ends_at(self) -> dt.datetime | None:
        return self.sitting.ends_at

    @property
    def zone_label(self) -> str:
        """ "Europe/Vienna, CEST": named, because delegates follow meetings from elsewhere."""
        return zone_label(self.session.zone, self.sitting.date)


def meetings_of(content, now: dt.datetime | None, language: str) -> list[Meeting]:
    """The content's sittings in time order; the one under way at ``now`` is ``current``,
    the first one still to start ``next`` (cancelled ones are neither; without ``now``,
    none is: what is shown is then the same at any time)."""
    original = content.session.original_language
    numbers = number_items(content.items)
    continued = document_terms(language)["continued"]
    meetings = []
    for row in organization_rows(content.sittings, content.scheduled):
        items = [
            ItemTakenUp(
                number_in(numbers[entry.item.pk], language),
                localize(entry.item.title, language, original),
                continued if entry.continued else "",
                content.documents.get(entry.item.pk, []),
            )
            for entry in row.entries
        ]
        sitting = row.sitting
        current = now is not None and under_way(
            sitting.starts_at, sitting.ends_at, sitting.cancelled, now
        )
        version_key = content.version.cache_key if content.version else ""
        meetings.append(Meeting(content.session, sitting, items, current, version_key=version_key))
    if now is not None:
        mark_next(meetings, now)
    return meetings


def mark_next(meetings: list[Meeting], now: dt.datetime) -> None:
    """``next`` on the first meeting (in time order) that has not started and is held."""
    upcoming = [
        m for m in meetings if m.starts_at and m.starts_at > now and not m.sitting.cancelled
    ]
    if upcoming:
        min(upcoming, key=lambda m: m.starts_at).next = True


def by_day(meetings: list[Meeting]) -> list[tuple[dt.date, list[Meeting]]]:
    return [(day, list(group)) for day, group in groupby(meetings, key=lambda m: m.sitting.date)]


@dataclass
class NowAndNext:
    phase: str
    current: Meeting | None
    next: Meeting | None

    @property
    def shown(self) -> bool:
        """While the session runs, and before it with a meeting to announce."""
        return self.phase == Phase.UNDER_WAY or (
            self.phase == Phase.UPCOMING and self.next is not None
        )


def now_and_next(content, now: dt.datetime, language: str) -> NowAndNext:
    session = content.session
    meetings = meetings_of(content, now, language)
    today = now.astimezone(session.zone).date()
    return NowAndNext(
        session_phase(session.start_date, session.end_date, today),
        next((m for m in meetings if m.current), None),
        next((m for m in meetings if m.next), None),
    )
