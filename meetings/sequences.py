"""Bump Sitting.sequence when a sitting's moment changes without the sitting being saved.

The local times stay, but the zone they are in changes when the session moves to another
venue, when a venue's time zone is corrected, or, for sessions without a venue of their own,
when the body's duty station changes: calendars must then move the event (the class of bug
that shows meetings an hour off). Sitting.save handles the sitting's own fields.
"""

from django.db.models import Q
from django.db.models.signals import post_save, pre_save

from meetings.models import Body, Session, Sitting, Venue, differs_from_stored
from meetings.revisions import unless_raw

ZONE_FIELDS = {Session: "venue_id", Venue: "time_zone", Body: "duty_station_id"}


@unless_raw
def _check_zone(sender, instance, **kwargs):
    field = ZONE_FIELDS[sender]
    instance._zone_changed = instance.pk is not None and differs_from_stored(instance, [field])


@unless_raw
def _zone_changed(sender, instance, **kwargs):
    if not getattr(instance, "_zone_changed", False):
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
        pre_save.connect(_check_zone, sender=model, dispatch_uid=f"zone-pre-{name}")
        post_save.connect(_zone_changed, sender=model, dispatch_uid=f"zone-{name}")
