"""Bump Sitting.sequence when what a sitting's calendar event lists changes.

Sitting.save bumps for its own time, room and cancellation. Here: the items it takes up
(added, removed, reordered) and the numbers and titles of the agenda items its description
prints. An item's number follows from its siblings' order, so adding, moving or deleting any
item of the session may renumber the items of every sitting: all its scheduled sittings bump.
Annotation, footnote and document edits do not appear in calendars and bump nothing here.
"""

from django.db.models.signals import post_delete, post_save, pre_save

from agenda.models import AgendaItem, ScheduledItem
from meetings.models import Sitting, differs_from_stored
from meetings.revisions import unless_raw

# What the event description prints of an item: its title and (derived) number.
ITEM_FIELDS = ("title", "parent_id", "position", "fixed_number")


@unless_raw
def _scheduled_changed(sender, instance: ScheduledItem, **kwargs):
    Sitting.objects.filter(pk=instance.sitting_id).bump_sequence()


@unless_raw
def _check_item(sender, instance: AgendaItem, **kwargs):
    instance._calendar_changed = differs_from_stored(instance, ITEM_FIELDS)  # True if new


@unless_raw
def _item_changed(sender, instance: AgendaItem, **kwargs):
    if getattr(instance, "_calendar_changed", True):
        _bump_session_sittings(instance)


def _bump_session_sittings(instance: AgendaItem, **kwargs):
    Sitting.objects.filter(
        session_id=instance.session_id, scheduled_items__isnull=False
    ).bump_sequence()


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(_scheduled_changed, sender=ScheduledItem, dispatch_uid="sequence-scheduled")
    pre_save.connect(_check_item, sender=AgendaItem, dispatch_uid="sequence-item-pre")
    post_save.connect(_item_changed, sender=AgendaItem, dispatch_uid="sequence-item")
    post_delete.connect(_bump_session_sittings, sender=AgendaItem, dispatch_uid="sequence-item-del")
