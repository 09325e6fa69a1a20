"""Keep Session.revision in step with every write to what a session publishes.

Signals rather than explicit calls, because the same rows are written by the admin, the
importer and the editor, and a stale cache (a PDF or a calendar feed that no longer matches the
data) is the failure we must never have. Session itself bumps in Session.save.
"""

import functools

from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from meetings.models import Body, Session, Sitting, Venue


def unless_raw(handler):
    """For save signals: loaddata (a restore from backup) writes rows exactly as they were,
    revisions and sequences included, and says so with ``raw``: nothing must be bumped."""

    @functools.wraps(handler)
    def receiver(sender, **kwargs):
        if not kwargs.get("raw"):
            handler(sender, **kwargs)

    return receiver


def touch_sessions(**filters) -> None:
    Session.objects.filter(**filters).touch()


@unless_raw
def _sitting_changed(sender, instance: Sitting, **kwargs):
    touch_sessions(pk=instance.session_id)


@unless_raw
def _body_changed(sender, instance: Body, **kwargs):
    # A body's name appears in its own sessions' documents and, as the parent body, in those
    # of its subsidiary bodies.
    Session.objects.filter(
        Q(body=instance) | Q(body__parent=instance) | Q(body__parent__parent=instance)
    ).touch()


@unless_raw
def _venue_changed(sender, instance: Venue, **kwargs):
    Session.objects.filter(
        Q(venue=instance) | Q(venue__isnull=True, body__duty_station=instance)
    ).touch()


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(_sitting_changed, sender=Sitting, dispatch_uid="revision-sitting")
    post_save.connect(_body_changed, sender=Body, dispatch_uid="revision-body")
    post_save.connect(_venue_changed, sender=Venue, dispatch_uid="revision-venue")
