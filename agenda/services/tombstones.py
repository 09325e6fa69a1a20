"""What a deleted session leaves behind: tombstones of its published sittings, and none of
its unpublished documents.

A never-published session's documents go with it: kept without their session they would
belong to no session, and so be public (Document.objects.public()), though nobody published
them. A published session's documents stay in the register.

Keep a RemovedSitting for every published sitting of a session that is deleted.

Within a session, a sitting that a new version no longer has stays in that version's feeds as
cancelled (services.publishing computes it). When the whole session goes (the admin, an import
with ``--replace``), its versions go with it, so its published sittings are written down here,
tied to the body: the body feed still cancels them, and re-importing the session (same uids)
revives them above that sequence. A session never published leaves nothing.
"""

from django.db.models.signals import pre_delete
from django.utils import timezone

from agenda.models import Document, PublishedVersion
from agenda.reads.content import published_content
from meetings.models import RemovedSitting, Session


def _session_deleted(sender, instance: Session, **kwargs):
    version = PublishedVersion.objects.filter(session=instance.pk, is_current=True).first()
    if version is None:
        Document.objects.filter(session=instance.pk).delete()
        return
    content = published_content(version)
    session, now = content.session, timezone.now()
    common = {
        "body_id": instance.body_id,
        "session_number": session.number,
        "session_title": session.title,
        "original_language": session.original_language,
    }
    # The sequence calendars hold: the feeds cancel each event with one more.
    gone = [(s, session.zone.key, content.event(s).sequence, now) for s in content.sittings] + [
        (r, r.time_zone, r.sequence - 1, r.removed_at) for r in content.removed
    ]
    for sitting, zone, sequence, removed_at in gone:
        fields = {"date": sitting.date, "start_time": sitting.start_time}
        fields |= {"end_time": sitting.end_time, "number": sitting.number, "time_zone": zone}
        RemovedSitting.objects.update_or_create(
            uid=sitting.uid,
            defaults=common | fields | {"sequence": sequence, "removed_at": removed_at},
        )


def connect() -> None:
    pre_delete.connect(_session_deleted, sender=Session, dispatch_uid="tombstone-session")
