"""A first draft of the organization of work, for the secretariat to adjust: the agenda's
items spread over the session's meetings in order, and the time slot a new meeting takes."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from agenda.models import AgendaItem, ScheduledItem
from agenda.reads.organization import sitting_order
from agenda.rules.numbering import ordered_tree
from agenda.services.locking import lock_session
from meetings.models import Session, Sitting

MORNING = (dt.time(10), dt.time(13))
AFTERNOON = (dt.time(15), dt.time(18))


def leaf_items(items) -> list:
    """The items a meeting takes up, in agenda order: the sub-items of an item that has
    some, else the item itself."""
    return [leaf for top, subs in ordered_tree(items) for leaf in (subs or [top])]


def spread(leaves: list, meetings: list) -> dict:
    """{meeting: [leaves]}: the leaves in order, in runs as even as can be (the first
    meetings take one more when they do not divide evenly)."""
    share, extra = divmod(len(leaves), len(meetings))
    plan, start = {}, 0
    for k, meeting in enumerate(meetings):
        end = start + share + (1 if k < extra else 0)
        plan[meeting] = leaves[start:end]
        start = end
    return plan


def propose(session: Session, *, replace: bool = False) -> int:
    """Fill the meetings that are not cancelled with the agenda's items in order. Refused
    when meetings already take up items, unless ``replace``: then those lines go first.
    Returns the number of lines written."""
    with transaction.atomic():
        lock_session(session.pk)
        lines = ScheduledItem.objects.filter(sitting__session_id=session.pk)
        if not replace and lines.exists():
            raise ValidationError(
                _(
                    "Meetings already take up items. Tick “Replace what is there” to propose "
                    "a new organization of work in its place."
                )
            )
        meetings = sorted(
            Sitting.objects.filter(session_id=session.pk, cancelled=False), key=sitting_order
        )
        if not meetings:
            raise ValidationError(_("Add the meetings first: there is nothing to fill."))
        leaves = leaf_items(AgendaItem.objects.filter(session_id=session.pk))
        if not leaves:
            raise ValidationError(_("The agenda has no items yet."))
        lines.delete()  # one by one, through the signals: history records each removal
        rows = [
            ScheduledItem(sitting=meeting, item=item, position=position)
            for meeting, taken in spread(leaves, meetings).items()
            for position, item in enumerate(taken)
        ]
        bulk_create_with_history(rows, ScheduledItem)
        return len(rows)


def next_free_slot(session: Session, sittings) -> tuple[dt.date, dt.time, dt.time]:
    """Where "Add a meeting" proposes the next one: after the last meeting, the afternoon of
    its day if it ends by 15:00, else the next morning (past the session's last day too: the
    form then says the date is outside the session's dates). The first meeting: the first
    morning. Cancelled meetings count: their slot is not proposed again."""
    if not sittings:
        return session.start_date or dt.date.today(), *MORNING
    last = max(sittings, key=sitting_order)
    if last.end_time is not None and last.end_time <= AFTERNOON[0]:
        return last.date, *AFTERNOON
    return last.date + dt.timedelta(days=1), *MORNING
