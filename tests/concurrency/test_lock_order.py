"""One lock order (agenda.services.locking): every write to a session's agenda or meetings locks the
session row first. Checked three ways: no module locks rows any other way; each domain write's
first locking or writing statement is the session's lock; and 100 mixed writes at once end
without a single error (no deadlock, no duplicate number) and with consistent numbering."""

import datetime as dt
import random
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from agenda.models import AgendaItem, DocumentLink, Footnote, ScheduledItem
from agenda.rules.numbering import number_items
from agenda.services import (
    documentation,
    editing,
    footnotes,
    next_session,
    organization_plan,
    paste,
)
from agenda.services import sittings as schedule
from agenda.services.locking import lock_session
from meetings.models import Session, Sitting
from tests import factories

ROOT = Path(__file__).resolve().parents[2]

THREADS = 10
OPERATIONS = 100
KEPT, DELETABLE = 10, 10  # initial items: documents are listed under the first ten only
SITTINGS = 4


def test_rows_are_locked_only_through_agenda_locking():
    """select_for_update anywhere else could lock an item or a sitting before its session."""
    callers = sorted(
        str(path.relative_to(ROOT))
        for folder in ("agenda", "meetings")
        for path in (ROOT / folder).rglob("*.py")
        if "select_for_update(" in path.read_text(encoding="utf-8")
    )
    assert callers == ["agenda/services/documentation.py", "agenda/services/locking.py"]
    # documentation.py's update_document locks a register entry, which several sessions may
    # list; it is to lock them first (lock_sessions) once that module's rework lands.
    found = re.findall(
        r"\w+\.objects\.select_for_update\(",
        (ROOT / "agenda/services/documentation.py").read_text(),
    )
    assert found == ["Document.objects.select_for_update("]


WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
LOCK = re.compile(r"\bFOR (NO KEY )?UPDATE\b")
SESSION_BY_ID = re.compile(r'FROM "meetings_session" WHERE "meetings_session"\."id" = ')


def first_lock_or_write(queries) -> str:
    """The first statement that writes or locks a row. SQLite has no FOR UPDATE (a
    transaction there holds the database's write lock from its start): there, reading the
    session by its id counts as its lock, so the check is only that it comes before any
    write; PostgreSQL's check is the strict one."""
    implicit = not connection.features.has_select_for_update
    return next(
        q["sql"]
        for q in queries
        if WRITE.match(q["sql"])
        or LOCK.search(q["sql"])
        or (implicit and SESSION_BY_ID.search(q["sql"]))
    )


@pytest.fixture
def draft(db):
    session = factories.session(status=Session.Status.DRAFT)
    items = [factories.item(session, f"Item {n}") for n in range(1, 4)]
    sitting = factories.sitting(session)
    factories.schedule(sitting, items[0], items[1])
    note = factories.footnote(items[0], "1", "A note")
    link = DocumentLink.objects.create(item=items[0], document=factories.document(), position=0)
    DocumentLink.objects.create(item=items[0], document=factories.document(), position=1)
    return {"session": session, "items": items, "sitting": sitting, "note": note, "link": link}


WRITES = {
    "add_item": lambda d: editing.add_item(d["session"], title="New", language="en"),
    "add_sub_item": lambda d: editing.add_item(
        d["session"], title="New", language="en", parent=d["items"][0]
    ),
    "update_item": lambda d: editing.update_item(
        d["items"][0], expected_version=1, language="en", title="T", annotation="A"
    ),
    "delete_item": lambda d: editing.delete_item(d["items"][2], expected_version=1),
    "move_item": lambda d: editing.move_item(d["items"][1], "up"),
    "reorder": lambda d: editing.reorder(d["session"], [(i.pk, []) for i in d["items"][::-1]]),
    "create_items": lambda d: paste.create_items(
        d["session"], paste.parse_agenda("1. Pasted\n2. Also pasted"), language="en"
    ),
    "add_sitting": lambda d: schedule.add_sitting(d["session"], date=dt.date(2024, 6, 6)),
    "update_sitting": lambda d: schedule.update_sitting(d["sitting"], room="Room B"),
    "delete_sitting": lambda d: schedule.delete_sitting(d["sitting"]),
    "assign": lambda d: schedule.assign(d["sitting"], d["items"][2]),
    "assign_many": lambda d: schedule.assign_many(d["sitting"], [i.pk for i in d["items"]]),
    "propose": lambda d: organization_plan.propose(d["session"], replace=True),
    "unassign": lambda d: schedule.unassign(ScheduledItem.objects.first()),
    "move_line": lambda d: schedule.move_line(ScheduledItem.objects.last(), "up"),
    "add_footnote": lambda d: footnotes.add_footnote(
        d["items"][0], label="", text="Another", language="en"
    ),
    "update_footnote": lambda d: footnotes.update_footnote(
        d["note"], label="2", text="Changed", language="en"
    ),
    "delete_footnote": lambda d: footnotes.delete_footnote(d["note"]),
    "list_document": lambda d: documentation.list_document(
        d["items"][1],
        symbol=f"{d['items'][1].session.body.symbol_prefix}/2024/7",
        title="A paper",
        language="en",
    ),
    "move_link": lambda d: documentation.move_link(d["link"], "down"),
    "unlist": lambda d: documentation.unlist(d["link"]),
    "prepare_next_session": lambda d: next_session.prepare_next_session(
        d["session"], start=dt.date(2025, 6, 4), items=[i.pk for i in d["items"]], title="Next"
    ),
}


@pytest.mark.parametrize("write", WRITES)
def test_every_write_locks_the_session_first(draft, write):
    with CaptureQueriesContext(connection) as queries:
        WRITES[write](draft)
    first = first_lock_or_write(queries.captured_queries)
    assert SESSION_BY_ID.search(first), first
    if connection.features.has_select_for_update:
        assert first.endswith("FOR NO KEY UPDATE"), first


def test_a_lock_outside_a_transaction_is_refused_on_every_database(transactional_db):
    session = factories.session()
    with pytest.raises(TransactionManagementError) as refused:
        lock_session(session.pk)
    assert str(refused.value) == "Locks are taken inside transaction.atomic(), at its start."


# --- 100 mixed writes at once ------------------------------------------------------------


def positions_are_distinct(rows, group) -> bool:
    """No two rows of one list share a position (a deletion may leave a gap: the order, and
    the numbers derived from it, stay the same; the next move closes it)."""
    lists = {}
    for row in rows:
        lists.setdefault(getattr(row, group), []).append(row.position)
    return all(len(set(p)) == len(p) for p in lists.values())


def slot(n: int) -> dict:
    """A half-hour meeting of its own for each n: 24 a day from 08:00, from 3 June 2024."""
    start = dt.datetime(2024, 6, 3, 8) + dt.timedelta(days=n // 24, minutes=30 * (n % 24))
    return {
        "date": start.date(),
        "start_time": start.time(),
        "end_time": (start + dt.timedelta(minutes=25)).time(),
    }


def plan(session, kept, deletable, sittings, rng):
    """OPERATIONS calls, each reading the agenda as it is when it runs (as an editor's page
    would have shortly before), shuffled over the kinds the issue names."""

    def add(n):
        return editing.add_item(session, title=f"Added {n}", language="en")

    def move(n):
        item = rng.choice(list(AgendaItem.objects.filter(session=session)))
        return editing.move_item(item, rng.choice(["up", "down"]))

    def reorder(n):
        tops = AgendaItem.objects.filter(session=session, parent=None).order_by("position")
        return editing.reorder(session, [(i.pk, []) for i in reversed(tops)])

    def delete(n):
        item = AgendaItem.objects.filter(pk=rng.choice(deletable).pk).first()
        if item is None:
            item = rng.choice(deletable)  # already deleted: the write must say so
        return editing.delete_item(item, expected_version=item.version)

    def add_sitting(n):
        return schedule.add_sitting(session, **slot(n))

    def move_sitting(n):
        return schedule.update_sitting(rng.choice(sittings), **slot(n))

    def list_document(n):
        return documentation.list_document(
            rng.choice(kept),
            symbol=f"{session.body.symbol_prefix}/2024/L.{n}",  # the body's own series
            title=f"Draft {n}",
            language="en",
        )

    kinds = [add, move, reorder, delete, add_sitting, move_sitting, list_document]
    calls = [(kinds[n % len(kinds)], n) for n in range(OPERATIONS)]
    rng.shuffle(calls)
    return calls


def test_a_hundred_mixed_writes_at_once_end_without_an_error(parallel):
    session = factories.session(
        status=Session.Status.DRAFT, start_date=dt.date(2024, 6, 3), end_date=dt.date(2024, 6, 14)
    )
    kept = [factories.item(session, f"Kept {n}") for n in range(KEPT)]
    deletable = [factories.item(session, f"Deletable {n}") for n in range(DELETABLE)]
    sittings = [
        Sitting.objects.create(session=session, number=n + 1, **slot(200 + n))
        for n in range(SITTINGS)
    ]
    rng = random.Random(14)
    calls = plan(session, kept, deletable, sittings, rng)
    per_thread = [calls[t::THREADS] for t in range(THREADS)]

    def run(share):
        done = []
        for call, n in share:
            try:
                call(n)
                done.append((call.__name__, None))
            except (ValidationError, editing.EditConflict) as refusal:
                done.append((call.__name__, refusal))
        return done

    outcomes = parallel(*[lambda share=share: run(share) for share in per_thread])

    # No thread died of anything but a refusal: no deadlock, no IntegrityError, no timeout.
    assert [o.error for o in outcomes] == [None] * THREADS
    results = [r for o in outcomes for r in o.result]
    assert len(results) == OPERATIONS
    ok = {}
    refusals = {}
    for kind, error in results:
        ok[kind] = ok.get(kind, 0) + (error is None)
        if error is not None:
            refusals.setdefault(kind, set()).add(" ".join(getattr(error, "messages", [])))
    count = {kind.__name__: sum(1 for k, _ in calls if k is kind) for kind, _ in calls}
    # Writes that cannot collide all went through; the others were refused with a reason.
    for kind in ("add", "add_sitting", "move_sitting", "list_document"):
        assert ok[kind] == count[kind], (kind, refusals.get(kind))
    assert set(refusals) <= {"move", "reorder", "delete"}, refusals
    allowed = {
        "move": {
            "The item is already the first one.",
            "The item is already the last one.",
            "This item no longer exists; the agenda has been reloaded.",
        },
        "reorder": {
            "The agenda changed while you were reordering it (someone else added or removed "
            "an item). Nothing was moved; the current agenda is shown."
        },
        # Deleted by someone else first: gone, or its version no longer the one read.
        "delete": {"This item no longer exists; the agenda has been reloaded.", ""},
    }
    for kind, messages in refusals.items():
        assert messages <= allowed[kind], (kind, messages)

    # Consistent afterwards: the counts add up, positions are 0..n-1 in every list, numbers
    # are 1..n, meetings are numbered 1..n.
    items = list(AgendaItem.objects.filter(session=session))
    assert len(items) == KEPT + DELETABLE + ok["add"] - ok["delete"]
    assert ok["delete"] == DELETABLE - sum(
        AgendaItem.objects.filter(pk=i.pk).exists() for i in deletable
    )
    assert positions_are_distinct(items, "parent_id")
    assert sorted(number_items(items).values(), key=int) == [
        str(n) for n in range(1, len(items) + 1)
    ]
    numbers = sorted(Sitting.objects.filter(session=session).values_list("number", flat=True))
    assert numbers == list(range(1, SITTINGS + ok["add_sitting"] + 1))
    links = list(DocumentLink.objects.filter(item__session=session))
    assert len(links) == ok["list_document"]
    by_item = {}
    for link in links:  # only appended to: 0..n-1 exactly
        by_item.setdefault(link.item_id, []).append(link.position)
    assert all(sorted(p) == list(range(len(p))) for p in by_item.values()), by_item
    assert not Footnote.objects.filter(item__session=session).exists()
