"""Keep a RemovedSitting for every deleted sitting that calendars may hold.

A deleted sitting must stay in the feeds as a cancelled event, or subscribed calendars (and
single-event imports) keep showing a meeting that no longer exists. A signal rather than an
explicit call, because sittings are deleted by the admin, the importer (``--replace``), the
editor and the cascade of a session's deletion; all of them must leave the tombstone.

A whole session's deletion leaves one tombstone per sitting, tied to the body, so the body
feed still cancels them although the session and its own feed are gone. Sittings of a draft
session were never published, so they leave none.
"""

from django.db.models.signals import pre_delete
from django.utils import timezone

from meetings.models import RemovedSitting, Session, Sitting


def _sitting_deleted(sender, instance: Sitting, **kwargs):
    # pre_delete runs inside the deletion's transaction, before the cascade; the stored
    # sequence is read afresh because the instance being deleted may be stale.
    stored = (
        Sitting.objects.filter(pk=instance.pk)
        .select_related("session__venue", "session__body__duty_station")
        .first()
    )
    if stored is None or stored.session.status == Session.Status.DRAFT:
        return
    session = stored.session
    RemovedSitting.objects.update_or_create(
        uid=stored.uid,
        defaults={
            "body_id": session.body_id,
            "session_number": session.number,
            "session_title": session.title,
            "original_language": session.original_language,
            "number": stored.number,
            "date": stored.date,
            "start_time": stored.start_time,
            "end_time": stored.end_time,
            "time_zone": session.location.time_zone,
            "sequence": stored.sequence,
            "removed_at": timezone.now(),
        },
    )


def connect() -> None:
    pre_delete.connect(_sitting_deleted, sender=Sitting, dispatch_uid="tombstone-sitting")
