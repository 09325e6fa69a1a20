"""Writes of the organization-of-work editor: the session's meetings (sittings) and which
agenda items each takes up, in order. "(continued)" is derived (agenda.reads.organization)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.utils import bulk_create_with_history

from agenda.models import AgendaItem, ScheduledItem
from agenda.published import form_fields
from agenda.rules.numbering import number_items, ordered_tree
from agenda.services.locking import lock_row, lock_session, lock_session_of
from agenda.services.ordering import move_one_step, next_position
from meetings.models import Session, Sitting

# What the editor changes of a meeting: its facts typed in the form (agenda/published.py).
SITTING_FIELDS = tuple(form_fields())
SITTING_GONE = gettext_lazy("This meeting no longer exists (someone else deleted it).")


def add_sitting(session: Session, **fields) -> Sitting:
    """Append a meeting, numbered one after the last; the session's lock makes two
    additions at once take turns instead of both choosing the same number."""
    with transaction.atomic():
        lock_session(session.pk)
        last = Sitting.objects.filter(session=session).aggregate(n=Max("number"))["n"] or 0
        sitting = Sitting(session=session, number=last + 1, **fields)
        sitting.full_clean()
        sitting.save()
        return sitting


def _check_version(sitting: Sitting, expected: int | None) -> None:
    """Sitting.version grows with every change to what people edit of it (its
    guarded_fields): a form started from an older one would overwrite somebody else's
    change."""
    if expected is not None and sitting.version != expected:
        slot = f"{sitting.date:%d %B}" + (
            f", {sitting.start_time:%H:%M}–{sitting.end_time:%H:%M}" if sitting.start_time else ""
        )
        now = slot + (f", {sitting.room}" if sitting.room else "")
        now += f", {_('cancelled')}" if sitting.cancelled else ""
        raise ValidationError(
            _(
                "Not saved: someone else changed meeting %(number)s after you opened the page "
                "(it is now %(now)s). Check it and save again."
            )
            % {"number": sitting.number, "now": now}
        )


def update_sitting(sitting: Sitting, *, version: int | None = None, **fields) -> Sitting:
    with transaction.atomic():
        session = lock_session(sitting.session_id)
        sitting = lock_row(Sitting.objects.all(), sitting.pk, gone=SITTING_GONE)
        sitting.session = session
        _check_version(sitting, version)
        for name in SITTING_FIELDS:
            if name in fields:
                setattr(sitting, name, fields[name])
        sitting.full_clean()
        sitting.save()
        return sitting


def delete_sitting(sitting: Sitting, *, version: int | None = None) -> None:
    with transaction.atomic():
        lock_session(sitting.session_id)
        sitting = lock_row(Sitting.objects.all(), sitting.pk, gone=SITTING_GONE)
        _check_version(sitting, version)
        sitting.delete()


def assign(sitting: Sitting, item: AgendaItem) -> ScheduledItem:
    """Put ``item`` last in the sitting's list of items taken up."""
    if item.session_id != sitting.session_id:
        raise ValidationError(_("That item belongs to another session."))
    return assign_many(sitting, [item.pk])[0]


def assign_many(sitting: Sitting, item_ids: list[int]) -> list[ScheduledItem]:
    """Put the items ``item_ids`` last in the sitting's list, in that order; those it already
    takes up stay where they are. All of them must be items of the sitting's session."""
    wanted = list(dict.fromkeys(item_ids))
    if not wanted:
        raise ValidationError(_("Tick at least one item to assign."))
    with transaction.atomic():
        # The session, not the lines: with no line yet there is nothing to lock, and two
        # assignments at once would take the same position or the same item twice.
        lock_session(sitting.session_id)
        sitting = lock_row(Sitting.objects.all(), sitting.pk, gone=SITTING_GONE)
        found = set(
            AgendaItem.objects.filter(pk__in=wanted, session_id=sitting.session_id).values_list(
                "pk", flat=True
            )
        )
        if len(found) != len(wanted):
            raise ValidationError(
                ngettext(
                    "This item no longer exists (someone else deleted it).",
                    "Some of these items are not on this agenda (any more).",
                    len(wanted),
                )
            )
        lines = ScheduledItem.objects.filter(sitting=sitting)
        taken = set(lines.filter(item_id__in=wanted).values_list("item_id", flat=True))
        new = [pk for pk in wanted if pk not in taken]
        if not new:
            raise ValidationError(
                ngettext(
                    "Meeting %(number)s already takes up that item.",
                    "Meeting %(number)s already takes up these items.",
                    len(wanted),
                )
                % {"number": sitting.number}
            )
        start = next_position(lines)
        return bulk_create_with_history(
            [
                ScheduledItem(sitting=sitting, item_id=pk, position=start + k)
                for k, pk in enumerate(new)
            ],
            ScheduledItem,
        )


def unassign(line: ScheduledItem) -> None:
    """Take the item off the meeting's list; nothing to do if someone else already did."""
    with transaction.atomic():
        try:
            lock_session_of(line)
        except ValidationError:
            return  # already taken off, or its meeting deleted
        ScheduledItem.objects.filter(pk=line.pk).delete()


def move_line(line: ScheduledItem, direction: str) -> None:
    move_one_step(line, direction, sitting_id=line.sitting_id)


@dataclass
class Warnings:
    unscheduled: list[str]  # numbers of items no meeting takes up
    empty_sittings: list[int]  # numbers of meetings that take up nothing

    def __bool__(self):
        return bool(self.unscheduled or self.empty_sittings)


def warnings(items: list[AgendaItem], sittings: list[Sitting], lines: list) -> Warnings:
    """An item with sub-items is taken up through them; every other item must be scheduled in
    a meeting that is not cancelled."""
    numbers = number_items(items)
    live = {s.pk for s in sittings if not s.cancelled}
    scheduled = {line.item_id for line in lines if line.sitting_id in live}
    unscheduled = []
    for top, subs in ordered_tree(items):
        for item in subs or [top]:
            if item.pk not in scheduled and top.pk not in scheduled:
                unscheduled.append(numbers[item.pk])
    busy = {line.sitting_id for line in lines}
    empty = [s.number for s in sittings if not s.cancelled and s.pk not in busy]
    return Warnings(unscheduled, sorted(empty))
