"""Bump Sitting.sequence when a sitting's moment changes without the sitting being saved.

The local times stay, but the zone they are in changes when the session moves to another
venue, when a venue's time zone is corrected, or, for sessions without a venue of their own,
when the body's duty station changes: calendars must then move the event (the class of bug
that shows meetings an hour off). Sitting.save handles the sitting's own fields.
"""

from django.db.models import Q
from django.db.models.signals import post_save, pre_save

from meetings.models import Body, Session, Sitting, Venue

ZONE_FIELDS = {Session: "venue_id", Venue: "time_zone", Body: "duty_station_id"}


def _remember_as_stored(sender, instance, **kwargs):
    if instance.pk is not None:
        field = ZONE_FIELDS[sender]
        stored = sender.objects.filter(pk=instance.pk).values_list(field, flat=True)
        instance._stored_zone = stored.first()


def _zone_changed(sender, instance, created=False, **kwargs):
    if created or getattr(instance, "_stored_zone", None) == getattr(instance, ZONE_FIELDS[sender]):
        return
    if sender is Session:
        sittings = Sitting.objects.filter(session=instance)
    elif sender is Venue:
        sittings = Sitting.objects.filter(
            Q(session__venue=instance)
            | Q(session__venue__isnull=True, session__body__duty_station=instance)
        )
    else:
        sittings = Sitting.objects.filter(session__venue__isnull=True, session__body=instance)
    sittings.bump_sequence()


def connect() -> None:
    for model in ZONE_FIELDS:
        name = model.__name__
        pre_save.connect(_remember_as_stored, sender=model, dispatch_uid=f"zone-pre-{name}")
        post_save.connect(_zone_changed, sender=model, dispatch_uid=f"zone-{name}")
