"""Ordered lists of rows (``position``, then ``pk``): appending to one, and moving a row one
step up or down in it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from agenda.services.locking import lock_rows, lock_session, session_id_of


def next_position(rows) -> int:
    """The position that puts a new row after ``rows`` (a queryset of one list)."""
    last = rows.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


def swap_with_neighbour(rows: list, index: int, direction: str, *, first, last) -> None:
    """Swap ``rows[index]`` with the row above (``up``) or below (``down``) it, in place;
    at either end the move is refused with ``first`` or ``last``."""
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(rows):
        raise ValidationError(first if target < 0 else last)
    rows[index], rows[target] = rows[target], rows[index]


def move_one_step(row, direction: str, **group) -> None:
    """Swap ``row`` with its neighbour among the rows of its model matching ``group`` (e.g.
    ``sitting_id=3``), then store positions 0, 1, … for the rows that changed. The session
    the rows belong to is locked first (agenda.services.locking)."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Unknown move “%(move)s”.") % {"move": direction})
    model = type(row)
    with transaction.atomic():
        lock_session(session_id_of(row))
        rows = lock_rows(model.objects.filter(**group).order_by("position", "pk"))
        index = next((i for i, other in enumerate(rows) if other.pk == row.pk), None)
        if index is None:
            raise ValidationError(_("It is no longer in the list; the page has been reloaded."))
        swap_with_neighbour(
            rows,
            index,
            direction,
            first=_("It is already first in the list."),
            last=_("It is already last in the list."),
        )
        for position, other in enumerate(rows):
            if other.position != position:
                other.position = position
                other.save(update_fields=["position"])
