"""When meetings are held: whether one is under way, and the zone its times are in."""

import datetime as dt
import zoneinfo


def under_way(
    starts: dt.datetime | None, ends: dt.datetime | None, cancelled: bool, now: dt.datetime
) -> bool:
    """Whether a meeting from ``starts`` to ``ends`` is being held at ``now``."""
    return bool(starts and ends and not cancelled and starts <= now < ends)


def zone_label(zone: zoneinfo.ZoneInfo, day: dt.date | None) -> str:
    """ "Europe/Vienna, CEST": the zone and its abbreviation on the session's first day."""
    moment = dt.datetime.combine(day or dt.date.today(), dt.time(12), tzinfo=zone)
    return f"{zone.key}, {moment.tzname()}"
