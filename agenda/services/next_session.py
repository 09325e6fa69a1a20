"""The next session prepared from this one: a draft numbered one more, with the standing
items the secretariat chose and this session's particulars and pattern of meetings.

What is carried: the body, venue, format, interpretation languages, original language,
distribution and document title; the chosen items' titles, in every language they have
(annotations, footnotes and Documentation lists are not: even a standing item's annotation
names this session's dates and documents, and is rewritten); the meetings that are not
cancelled, each on the same day of the session (counted from its first day), at the same
times, in the same room. Not carried: the organization of work's lines (the items are new),
the issue date, the job number, any published version: the new session is a private draft.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from agenda import published
from agenda.models import AgendaItem
from agenda.rules.numbering import number_items, ordered_tree
from agenda.services.locking import lock_session
from meetings.dates import long_date
from meetings.models import Session, Sitting
from meetings.symbols import next_session_symbol
from meetings.translations import INTERFACE_LANGUAGE_NAMES


@dataclass(frozen=True)
class Span:
    """Where a session lies in time: its first and last day (its dates, else its meetings')."""

    first: dt.date | None
    last: dt.date | None

    @property
    def days(self) -> int:
        return (self.last - self.first).days if self.first and self.last else 0


def span_of(session: Session) -> Span:
    if session.start_date:
        return Span(session.start_date, session.end_date or session.start_date)
    dates = sorted(session.sittings.values_list("date", flat=True))
    return Span(dates[0], dates[-1]) if dates else Span(None, None)


def taken(session: Session) -> bool:
    """Whether the body already has the session after this one."""
    return Session.objects.filter(body_id=session.body_id, number=session.number + 1).exists()


def refusal_taken(session: Session) -> ValidationError:
    return ValidationError(
        _(
            "%(body)s already has a session %(number)s: open it from the body's page instead "
            "of preparing another one."
        )
        % {"body": session.body, "number": session.number + 1}
    )


def proposed_symbol(session: Session, start: dt.date) -> str:
    """The new session's agenda symbol by the series' convention, unless another session
    already has it (then none: the secretariat gives it in the particulars)."""
    symbol = next_session_symbol(session.agenda_symbol, number=session.number, year=start.year)
    if symbol and Session.objects.filter(agenda_symbol=symbol).exists():
        return ""
    return symbol


def _check_start(start: dt.date | None, span: Span) -> None:
    if start is None:
        raise ValidationError({"start": _("Give the date the next session starts.")})
    if span.last and start <= span.last:
        raise ValidationError(
            {
                "start": _("The next session must start after this one ends (%(date)s).")
                % {"date": long_date(span.last, get_language())}
            }
        )


def _chosen(session: Session, items: Iterable[int]) -> list[tuple[AgendaItem, list[AgendaItem]]]:
    """The chosen items of ``session`` as a tree in agenda order; ValidationError for an item
    of another session, or a sub-item chosen without its item."""
    wanted = {int(pk) for pk in items}
    rows = list(AgendaItem.objects.filter(session=session))
    numbers = number_items(rows)
    if wanted - {row.pk for row in rows}:
        raise ValidationError(
            {"items": _("Some of the chosen items are not on this agenda (any more).")}
        )
    tree = []
    for top, subs in ordered_tree(rows):
        chosen_subs = [sub for sub in subs if sub.pk in wanted]
        if top.pk not in wanted and chosen_subs:
            raise ValidationError(
                {
                    "items": _(
                        "A sub-item is carried with its item: tick item %(number)s too, or "
                        "untick its sub-items."
                    )
                    % {"number": numbers[top.pk]}
                }
            )
        if top.pk in wanted:
            tree.append((top, chosen_subs))
    return tree


def _create(session: Session, new: Session) -> Session:
    new.full_clean()
    try:
        with transaction.atomic():
            new.save()
    except IntegrityError:
        # Created meanwhile by someone else (the session form, another body's move): the
        # other row is committed now and the unique check names the conflict.
        if taken(session):
            raise refusal_taken(session) from None
        new.full_clean()
        raise
    return new


def prepare_next_session(
    session: Session, *, start: dt.date | None, items: Iterable[int], title: str, by=None
) -> Session:
    """Create session ``session.number + 1`` of the body as a draft starting on ``start``,
    with the chosen ``items`` (primary keys of this session's items: a sub-item only with its
    item) renumbered 1, 1(a), 2 …, titled ``title`` in the original language. All or nothing;
    ValidationError (by field: start, title, items) says why not. ``by`` is recorded in the
    history as the one who created it."""
    with transaction.atomic():
        # The source session's lock first (the one lock order): two secretariat members
        # preparing the same next session queue here, and the second is refused below.
        session = lock_session(session.pk)
        if taken(session):
            raise refusal_taken(session)
        span = span_of(session)
        _check_start(start, span)
        if not (title or "").strip():
            language = INTERFACE_LANGUAGE_NAMES.get(session.original_language, "")
            raise ValidationError(
                {
                    "title": _(
                        "Give the new session's title in its original language (%(language)s)."
                    )
                    % {"language": language}
                }
            )
        tree = _chosen(session, items)
        new = Session(
            body=session.body,
            number=session.number + 1,
            title={session.original_language: title.strip()},
            venue=session.venue,
            start_date=start,
            end_date=start + dt.timedelta(days=span.days),
            format=session.format,
            interpretation_languages=list(session.interpretation_languages),
            status=Session.Status.DRAFT,
            agenda_symbol=proposed_symbol(session, start),
            original_language=session.original_language,
            distribution=session.distribution,
            title_variant=session.title_variant,
        )
        new._history_user = by
        new = _create(session, new)
        _copy_items(new, tree, by)
        _copy_sittings(session, new, span, start, by)
        return new


def _copy_items(new: Session, tree, by) -> None:
    tops = bulk_create_with_history(
        [
            AgendaItem(session=new, position=n, title=dict(top.title))
            for n, (top, _subs) in enumerate(tree)
        ],
        AgendaItem,
        default_user=by,
    )
    bulk_create_with_history(
        [
            AgendaItem(session=new, parent=parent, position=k, title=dict(sub.title))
            for parent, (_top, subs) in zip(tops, tree, strict=True)
            for k, sub in enumerate(subs)
        ],
        AgendaItem,
        default_user=by,
    )


# What the next session's meetings take of this one's: the facts people type in the meeting
# form (agenda/published.py), but the date, shifted, and the cancellation (none is copied).
MEETING_PATTERN = [
    f.name for f in published.SITTING if f.form and f.name not in {"date", "cancelled"}
]


def _copy_sittings(session: Session, new: Session, span: Span, start: dt.date, by) -> None:
    if span.first is None:
        return
    shift = start - span.first
    held = session.sittings.filter(cancelled=False).order_by("date", "start_time", "number")
    bulk_create_with_history(
        [
            Sitting(
                session=new,
                number=n,
                date=sitting.date + shift,
                **{name: getattr(sitting, name) for name in MEETING_PATTERN},
            )
            for n, sitting in enumerate(held, 1)
        ],
        Sitting,
        default_user=by,
    )
