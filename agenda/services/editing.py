"""Writes of the agenda editor: every change to a session's item tree goes through here.

Each function runs in one transaction, validates before it writes, and raises
``ValidationError`` with a message meant for the person editing. Item numbers are derived
(agenda.rules.numbering), so moving an item renumbers the agenda without writing any number; once
the provisional agenda is issued, numbers are frozen (see ``freeze_numbers``).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda.models import AgendaItem
from agenda.rules import late_items
from agenda.rules.numbering import BIS, number_items, ordered_tree
from agenda.services import footnotes
from agenda.services.locking import lock_row, lock_session
from agenda.services.ordering import next_position, swap_with_neighbour
from meetings.models import Session
from meetings.translations import with_translation

ITEM_GONE = gettext_lazy("This item no longer exists; the agenda has been reloaded.")
FROZEN_MESSAGE = gettext_lazy(
    "The provisional agenda has been issued, so item numbers are frozen: items can no longer "
    "be moved or deleted. A late item can still be added after any item: it takes a number "
    "such as “3 bis” and renumbers nothing."
)
RUN_FULL = gettext_lazy(
    "Item %(number)s already has as many late items after it as can be numbered (up to "
    "“%(last)s”); add this one after another item."
)


class EditConflict(Exception):
    """Someone else saved the item after the editor loaded it; ``current`` is their version."""

    def __init__(self, current: AgendaItem):
        super().__init__(_("This item was changed by someone else while you were editing it."))
        self.current = current


def _refuse_if_frozen(session: Session) -> None:
    if session.agenda_frozen:
        raise ValidationError(FROZEN_MESSAGE)


def _require_title(session: Session, title: dict) -> None:
    if not title.get(session.original_language):
        raise ValidationError(
            {
                "title": _(
                    "Give the item a title in the session's original language (%(language)s) "
                    "first; other languages fall back to it."
                )
                % {"language": session.original_language}
            }
        )


def add_item(
    session: Session,
    *,
    title: str,
    language: str,
    parent: AgendaItem | None = None,
    after: AgendaItem | None = None,
) -> AgendaItem:
    """Add an item at the end, or right ``after`` a main item, or a sub-item of ``parent``
    (at the end of its sub-items). Before issue the items after it are renumbered; once the
    agenda is issued a late item renumbers nothing (agenda.rules.late_items): after item 3 it is
    "3 bis", at the end it takes the next number, as a sub-item the next letter."""
    with transaction.atomic():
        # Writers of one session's tree take turns: two additions at once would otherwise
        # both read the same last position.
        session = lock_session(session.pk)
        if parent is not None:
            parent = lock_row(AgendaItem.objects.filter(session=session), parent.pk, gone=ITEM_GONE)
            after = None
        siblings = AgendaItem.objects.filter(session=session, parent=parent)
        item = AgendaItem(
            session=session,
            parent=parent,
            position=next_position(siblings),
            title=with_translation({}, language, title),
        )
        if not item.title:
            raise ValidationError({"title": _("The item needs a title.")})
        tops = None
        if after is not None:
            tops = [top for top, _subs in ordered_tree(AgendaItem.objects.filter(session=session))]
            index = next((i for i, top in enumerate(tops) if top.pk == after.pk), None)
            if index is None:
                raise ValidationError(ITEM_GONE)
            place, item.bis = (
                late_items.late_place(tops, index) if session.agenda_frozen else (index + 1, 0)
            )
            if item.bis >= len(BIS):
                base = tops[late_items.run_start(tops, index)]
                number = number_items(tops)[base.pk]
                raise ValidationError(RUN_FULL % {"number": number, "last": f"{number} {BIS[-1]}"})
        item.full_clean()
        item.save()
        if tops is not None:
            tops.insert(place, item)
            _place(tops, None)
        return item


def update_item(
    item: AgendaItem, *, expected_version: int, language: str, title: str, annotation: str
) -> AgendaItem:
    """Save the item's title and annotation in one language, unless someone else saved the
    item since ``expected_version`` was read: then raise EditConflict and change nothing."""
    with transaction.atomic():
        session = lock_session(item.session_id)
        current = lock_row(AgendaItem.objects.all(), item.pk, gone=ITEM_GONE)
        current.session = session
        if current.version != expected_version:
            raise EditConflict(current)
        current.title = with_translation(current.title, language, title)
        current.annotation = with_translation(current.annotation, language, annotation)
        _require_title(current.session, current.title)
        footnotes.require_footnotes(current, annotation)
        current.version += 1
        current.full_clean()
        current.save()
        return current


def delete_item(item: AgendaItem, *, expected_version: int) -> None:
    with transaction.atomic():
        _refuse_if_frozen(lock_session(item.session_id))
        current = lock_row(AgendaItem.objects.all(), item.pk, gone=ITEM_GONE)
        if current.version != expected_version:
            raise EditConflict(current)
        current.delete()


def _place(items: list[AgendaItem], parent_id: int | None) -> None:
    """Give ``items`` positions 0, 1, … under ``parent_id``, saving only those that change
    (through save(), so history and the session's revision follow)."""
    for position, item in enumerate(items):
        if item.position != position or item.parent_id != parent_id:
            item.position, item.parent_id = position, parent_id
            item.save(update_fields=["position", "parent"])


def move_item(item: AgendaItem, direction: str) -> None:
    """One step of the keyboard-accessible reordering: up, down, indent (become the last
    sub-item of the previous item) or outdent (become the item right after its parent)."""
    with transaction.atomic():
        session = lock_session(item.session_id)
        tree = ordered_tree(AgendaItem.objects.filter(session=session))
        children = {top.pk: subs for top, subs in tree}
        tops = [top for top, _subs in tree]
        everything = {i.pk: i for i in tops} | {s.pk: s for subs in children.values() for s in subs}
        item = everything.get(item.pk)
        if item is None:
            raise ValidationError(ITEM_GONE)
        if session.agenda_frozen:
            _move_late(tops, item, direction)
            return
        siblings = tops if item.parent_id is None else children[item.parent_id]
        index = siblings.index(item)

        if direction in ("up", "down"):
            swap_with_neighbour(
                siblings,
                index,
                direction,
                first=_("The item is already the first one."),
                last=_("The item is already the last one."),
            )
            _place(siblings, item.parent_id)
        elif direction == "indent":
            if item.parent_id is not None:
                raise ValidationError(_("Sub-items cannot have sub-items of their own."))
            if index == 0:
                raise ValidationError(_("The first item has no item above it to become part of."))
            if children[item.pk]:
                raise ValidationError(_("This item has sub-items, so it cannot become a sub-item."))
            new_parent = siblings[index - 1]
            del siblings[index]
            _place([*children[new_parent.pk], item], new_parent.pk)
            _place(siblings, None)
        elif direction == "outdent":
            if item.parent_id is None:
                raise ValidationError(_("The item is already a main item."))
            parent_index = tops.index(next(t for t in tops if t.pk == item.parent_id))
            del siblings[index]
            _place(siblings, item.parent_id)
            tops.insert(parent_index + 1, item)
            _place(tops, None)
        else:
            raise ValidationError(_("Unknown move “%(move)s”.") % {"move": direction})


def _move_late(tops: list[AgendaItem], item: AgendaItem, direction: str) -> None:
    """After issue, only a late item moves, into another item's run ("3 bis" up becomes
    "2 bis"), and only when no other item changes number (agenda.rules.late_items)."""
    index = tops.index(item) if item in tops else None
    move = None if index is None else late_items.late_move(tops, index, direction)
    if move is None:
        raise ValidationError(FROZEN_MESSAGE)
    place, bis = move
    del tops[index]
    tops.insert(place, item)
    if item.bis != bis:
        item.bis = bis
        item.save(update_fields=["bis"])
    _place(tops, None)


def reorder(session: Session, layout: list[tuple[int, list[int]]]) -> None:
    """Apply a whole new order from drag and drop: ``[(item pk, [sub-item pks]), …]``.
    Refused, changing nothing, unless it names exactly the session's items, each once."""
    with transaction.atomic():
        session = lock_session(session.pk)
        _refuse_if_frozen(session)
        items = {item.pk: item for item in AgendaItem.objects.filter(session=session)}
        named = [pk for top, subs in layout for pk in (top, *subs)]
        if sorted(named) != sorted(items):
            raise ValidationError(
                _(
                    "The agenda changed while you were reordering it (someone else added or "
                    "removed an item). Nothing was moved; the current agenda is shown."
                )
            )
        _place([items[top] for top, _subs in layout], None)
        for top, subs in layout:
            _place([items[pk] for pk in subs], top)
