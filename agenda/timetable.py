"""The organization of work laid out as a timetable: days as columns, time slots as rows."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field


@dataclass
class Cell:
    rows: list = field(default_factory=list)  # organization.SittingRow, usually one

    @property
    def current(self) -> bool:
        return any(getattr(row, "current", False) for row in self.rows)


@dataclass
class Timetable:
    days: list[dt.date]
    slots: list[tuple]  # (start_time, end_time); (None, None) for sittings without times
    grid: list[list[Cell]]  # grid[slot][day]

    @property
    def rows(self) -> list[tuple[tuple, list[Cell]]]:
        return list(zip(self.slots, self.grid, strict=True))


def under_way(
    starts: dt.datetime | None, ends: dt.datetime | None, cancelled: bool, now: dt.datetime
) -> bool:
    """Whether a meeting from ``starts`` to ``ends`` is being held at ``now``."""
    return bool(starts and ends and not cancelled and starts <= now < ends)


def timetable(organization: list, now: dt.datetime) -> Timetable:
    """``organization`` is SessionAgenda.organization: [(date, [SittingRow])]."""
    days = [date for date, _ in organization]
    rows = [row for _, day_rows in organization for row in day_rows]
    slots = sorted(
        {(row.sitting.start_time, row.sitting.end_time) for row in rows},
        key=lambda slot: (slot[0] is None, slot[0] or dt.time(0)),
    )
    grid = [[Cell() for _ in days] for _ in slots]
    for row in rows:
        sitting = row.sitting
        row.current = under_way(sitting.starts_at, sitting.ends_at, sitting.cancelled, now)
        slot = slots.index((row.sitting.start_time, row.sitting.end_time))
        grid[slot][days.index(row.sitting.date)].rows.append(row)
    return Timetable(days, slots, grid)


def zone_label(zone: zoneinfo.ZoneInfo, day: dt.date | None) -> str:
    """ "Europe/Vienna, CEST": the zone and its abbreviation on the session's first day."""
    moment = dt.datetime.combine(day or dt.date.today(), dt.time(12), tzinfo=zone)
    return f"{zone.key}, {moment.tzname()}"
