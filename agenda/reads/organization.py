"""The proposed organization of work: which items each sitting takes up, in order.

An item taken up in an earlier sitting that is not cancelled is "(continued)" in any later one.
"""

from dataclasses import dataclass, field
from itertools import groupby


@dataclass
class Entry:
    item: object
    continued: bool


@dataclass
class SittingRow:
    sitting: object
    entries: list[Entry] = field(default_factory=list)
    # (heading, value) of the sitting's facts the document shows beside its time, in the
    # document's language (agenda.published.document_facts; set by agenda.reads.agenda)
    facts: list[tuple[str, object]] = field(default_factory=list)


def sitting_order(sitting):
    return (sitting.date, sitting.start_time is None, sitting.start_time, sitting.number)


def organization_rows(sittings, scheduled_items) -> list[SittingRow]:
    """One row per sitting in time order; ``scheduled_items`` are one session's ScheduledItems."""
    rows = {s.pk: SittingRow(s) for s in sorted(sittings, key=sitting_order)}
    by_sitting = {}
    for scheduled in sorted(scheduled_items, key=lambda s: (s.position, s.pk)):
        by_sitting.setdefault(scheduled.sitting_id, []).append(scheduled.item)
    seen = set()
    for row in rows.values():
        for item in by_sitting.get(row.sitting.pk, []):
            row.entries.append(Entry(item, continued=item.pk in seen))
        if not row.sitting.cancelled:
            seen.update(item.pk for item in by_sitting.get(row.sitting.pk, []))
    return list(rows.values())


def rows_by_date(rows: list[SittingRow]) -> list[tuple[object, list[SittingRow]]]:
    return [(date, list(group)) for date, group in groupby(rows, key=lambda r: r.sitting.date)]
