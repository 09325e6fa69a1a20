"""Bump Session.revision when agenda content changes (see meetings/revisions.py for why)."""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save

from agenda.models import AgendaItem, Document, DocumentLink, Footnote, ScheduledItem
from meetings.models import Session, differs_from_stored
from meetings.revisions import touch_sessions, unless_raw


@unless_raw
def _item_changed(sender, instance: AgendaItem, **kwargs):
    touch_sessions(pk=instance.session_id)


@unless_raw
def _item_part_changed(sender, instance: Footnote | DocumentLink, **kwargs):
    touch_sessions(agenda_items__pk=instance.item_id)


@unless_raw
def _scheduled_changed(sender, instance: ScheduledItem, **kwargs):
    touch_sessions(sittings__pk=instance.sitting_id)


@unless_raw
def _document_changed(sender, instance: Document, **kwargs):
    # A document is listed under items of any session, not only the one it belongs to; and
    # lists print a base with its corrigenda and addenda, so a change to one is a change there.
    listed = Q(agenda_items__document_links__document=instance)
    if instance.base_id:
        listed |= Q(agenda_items__document_links__document_id=instance.base_id)
    Session.objects.filter(Q(pk=instance.session_id) | listed).touch()


@unless_raw
def _session_status_changing(sender, instance: Session, **kwargs):
    instance._status_changed = instance.pk is not None and differs_from_stored(instance, ["status"])


@unless_raw
def _session_saved(sender, instance: Session, created=False, **kwargs):
    """Other sessions show a document only while it is public (agenda.queries.agenda_rows),
    and a session's status is what makes its documents public (Document.objects.public()):
    when it changes, the sessions that list them, or list the documents they revise,
    correct or add to, show something else."""
    if created or not getattr(instance, "_status_changed", False):
        return
    documents = Document.objects.filter(session=instance)
    Session.objects.filter(
        Q(agenda_items__document_links__document__in=documents)
        | Q(agenda_items__document_links__document__derived__in=documents)
    ).exclude(pk=instance.pk).touch()


def connect() -> None:
    pre_save.connect(_session_status_changing, sender=Session, dispatch_uid="revision-status")
    post_save.connect(_session_saved, sender=Session, dispatch_uid="revision-publication")
    handlers = {
        AgendaItem: _item_changed,
        Footnote: _item_part_changed,
        DocumentLink: _item_part_changed,
        ScheduledItem: _scheduled_changed,
        Document: _document_changed,
    }
    for model, handler in handlers.items():
        for signal in (post_save, post_delete):
            signal.connect(handler, sender=model, dispatch_uid=f"revision-{model.__name__}")
