"""One lock order for every write to a session's agenda or meetings: the session row first.

Every domain write (agenda.services: editing, sittings, footnotes, documentation, paste,
ordering) opens its transaction with ``lock_session``, and only then reads, locks or writes the
rows under the session: items, footnotes, Documentation links, sittings, lines of the
organization of work.
Two writers of one session therefore queue on one row, in one order, and cannot deadlock. A
write that reached the session only through its rows (lock an item, then the session) would
wait in the opposite order: the deadlock this module exists to prevent.

On PostgreSQL the lock is ``FOR NO KEY UPDATE``: it queues writers of the session, but not the
inserts whose foreign key points at the session (they take ``KEY SHARE``), so no two writers
can each hold a share lock and wait for the other's update lock. SQLite runs every
transaction as ``BEGIN IMMEDIATE`` (settings): one writer at a time, so the order holds there
trivially.
"""

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda.models import AgendaItem, DocumentLink, Footnote, ScheduledItem
from meetings.models import Session, Sitting

GONE = gettext_lazy("It no longer exists (someone else deleted it); the page has been reloaded.")


def _locking(queryset, *, rows_of_self: bool = False):
    if not transaction.get_connection().in_atomic_block:
        # Also on SQLite, whose select_for_update is a no-op: outside a transaction the lock
        # would be released at once on PostgreSQL, and the bug would only show there.
        raise transaction.TransactionManagementError(
            "Locks are taken inside transaction.atomic(), at its start."
        )
    if rows_of_self:
        # FOR UPDATE OF the queryset's own table only, not of the rows a select_related joins.
        return queryset.select_for_update(of=("self",))
    return queryset.select_for_update(no_key=connection.features.has_select_for_no_key_update)


def lock_session(session_id: int) -> Session:
    """Lock the session row (the first lock of every write to its agenda or meetings) and
    return it as it is now. ValidationError if it was deleted meanwhile."""
    # order_by: Session's default ordering joins its body, whose row would be locked too.
    session = _locking(Session.objects.filter(pk=session_id).order_by("pk")).first()
    if session is None:
        raise ValidationError(_("This session no longer exists."))
    return session


def lock_sessions(session_ids) -> list[Session]:
    """Lock several sessions, in the order of their primary keys (every writer that needs
    more than one takes them in that order), for a write that changes what all of them
    publish; those deleted meanwhile are left out."""
    return list(_locking(Session.objects.filter(pk__in=set(session_ids))).order_by("pk"))


def session_id_of(row: Model) -> int:
    """The session that an item, footnote, Documentation link, sitting or line belongs to.
    Read before the lock: a row never moves to another session. ValidationError if the row
    it hangs from is gone."""
    if isinstance(row, AgendaItem | Sitting):
        return row.session_id
    if isinstance(row, Footnote | DocumentLink):
        found = AgendaItem.objects.filter(pk=row.item_id)
    elif isinstance(row, ScheduledItem):
        found = Sitting.objects.filter(pk=row.sitting_id)
    else:
        raise TypeError(f"{type(row).__name__} does not belong to a session")
    session_id = found.values_list("session_id", flat=True).first()
    if session_id is None:
        raise ValidationError(GONE)
    return session_id


def lock_session_of(row: Model, *, gone=GONE) -> Session:
    """Lock the session ``row`` belongs to, then check that ``row`` still exists (it may have
    been deleted while this writer waited): ValidationError(``gone``) if not."""
    session = lock_session(session_id_of(row))
    if not type(row).objects.filter(pk=row.pk).exists():
        raise ValidationError(gone)
    return session


def lock_row(queryset, pk: int, *, gone=GONE):
    """After ``lock_session``: the row ``pk`` of ``queryset``, locked, or ValidationError
    (``gone``) if it was deleted meanwhile."""
    row = _locking(queryset.filter(pk=pk).order_by("pk"), rows_of_self=True).first()
    if row is None:
        raise ValidationError(gone)
    return row


def lock_rows(queryset) -> list:
    """After ``lock_session``: the rows of ``queryset``, locked, in its order."""
    return list(_locking(queryset, rows_of_self=True))
