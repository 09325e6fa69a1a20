"""Parallel writers on one session through the domain functions: no lost update, every
conflict reported, and the agenda stays a valid tree (positions 0..n-1 among siblings)."""

import datetime as dt

from django.core.exceptions import ValidationError

from agenda.models import AgendaItem, PublishedVersion, ScheduledItem
from agenda.rules.numbering import BIS, number_items
from agenda.services import editing, organization_plan, publishing, sittings
from agenda.services.next_session import prepare_next_session
from meetings.models import Session
from tests import factories

WRITERS = 6


def positions_are_valid(session) -> bool:
    siblings = {}
    for item in AgendaItem.objects.filter(session=session):
        siblings.setdefault(item.parent_id, []).append(item.position)
    return all(sorted(p) == list(range(len(p))) for p in siblings.values())


def draft_with_items(count: int):
    session = factories.session(status=Session.Status.DRAFT)
    return session, [factories.item(session, f"Item {n + 1}") for n in range(count)]


def test_same_version_edited_by_many_one_wins_the_others_are_told(parallel):
    _, (item,) = draft_with_items(1)
    outcomes = parallel(
        *[
            lambda n=n: editing.update_item(
                item, expected_version=1, language="en", title=f"Title {n}", annotation=""
            )
            for n in range(WRITERS)
        ]
    )
    winners = [o.result for o in outcomes if o.error is None]
    assert len(winners) == 1
    assert [type(o.error) for o in outcomes if o.error] == [editing.EditConflict] * (WRITERS - 1), [
        o.error for o in outcomes
    ]
    item.refresh_from_db()
    assert (item.version, item.title) == (2, winners[0].title)


def test_writers_who_retry_on_conflict_lose_nothing(parallel):
    """Each writer sets its own language, re-reading and retrying when told of a conflict:
    in the end every language is there."""
    _, (item,) = draft_with_items(1)
    languages = ["ar", "zh", "fr", "ru", "es"]

    def write(language):
        for _ in range(50):
            current = AgendaItem.objects.get(pk=item.pk)
            try:
                return editing.update_item(
                    current,
                    expected_version=current.version,
                    language=language,
                    title=f"Title in {language}",
                    annotation=f"Annotation in {language}",
                )
            except editing.EditConflict:
                continue
        raise AssertionError("never got through")

    outcomes = parallel(*[lambda lang=lang: write(lang) for lang in languages])
    assert [o.error for o in outcomes] == [None] * len(languages)
    item.refresh_from_db()
    assert item.title == {"en": "Item 1", **{lang: f"Title in {lang}" for lang in languages}}
    assert item.version == 1 + len(languages)


def test_parallel_additions_get_distinct_positions(parallel):
    session, _ = draft_with_items(2)
    outcomes = parallel(
        *[
            lambda n=n: editing.add_item(session, title=f"Added {n}", language="en")
            for n in range(WRITERS)
        ]
    )
    assert [o.error for o in outcomes] == [None] * WRITERS
    assert AgendaItem.objects.filter(session=session).count() == 2 + WRITERS
    assert positions_are_valid(session)


def test_parallel_moves_and_reorders_keep_a_valid_tree(parallel):
    session, items = draft_with_items(6)
    layout = [(item.pk, []) for item in reversed(items)]
    calls = [
        lambda: editing.move_item(items[1], "up"),
        lambda: editing.move_item(items[3], "indent"),
        lambda: editing.move_item(items[4], "down"),
        lambda: editing.reorder(session, layout),
        lambda: editing.add_item(session, title="Late", language="en"),
        lambda: editing.move_item(items[2], "down"),
    ]
    outcomes = parallel(*calls)
    refused = [o.error for o in outcomes if o.error]
    # A move may be refused because another writer changed the agenda first; then it says so.
    assert all(isinstance(e, ValidationError) for e in refused), refused
    assert positions_are_valid(session)
    tree = AgendaItem.objects.filter(session=session)
    assert len(number_items(list(tree))) == 7


def test_parallel_late_items_after_issue_each_take_their_own_bis(parallel):
    """After issue, writers adding after item 1 at once (and one moving a late item) each
    get a bis of their own; the issued numbers stay."""
    session, items = draft_with_items(3)
    Session.objects.filter(pk=session.pk).update(status=Session.Status.ISSUED)
    session = Session.objects.get(pk=session.pk)
    mover = editing.add_item(session, title="Mover", language="en", after=items[1])  # 2 bis
    calls = [
        lambda n=n: editing.add_item(session, title=f"Late {n}", language="en", after=items[0])
        for n in range(WRITERS - 1)
    ]
    outcomes = parallel(*calls, lambda: editing.move_item(mover, "up"))
    assert [o.error for o in outcomes] == [None] * WRITERS
    assert positions_are_valid(session)
    rows = list(AgendaItem.objects.filter(session=session))
    numbers = number_items(rows)
    by_title = {row.title["en"]: numbers[row.pk] for row in rows}
    assert [by_title[f"Item {n}"] for n in (1, 2, 3)] == ["1", "2", "3"]
    late = sorted(
        number for title, number in by_title.items() if title.startswith(("Late", "Mover"))
    )
    assert late == sorted(f"1 {word}" for word in BIS[1 : WRITERS + 1])  # one bis each


def test_parallel_assignments_to_one_sitting(parallel):
    session, items = draft_with_items(WRITERS)
    sitting = factories.sitting(session)
    # Every item once, and the first item by everyone else too: only one of those may stick.
    calls = [lambda i=i: sittings.assign(sitting, i) for i in items]
    calls += [lambda: sittings.assign(sitting, items[0]) for _ in range(3)]
    outcomes = parallel(*calls)
    errors = [o.error for o in outcomes if o.error]
    assert [str(e.messages[0]) for e in errors] == [
        f"Meeting {sitting.number} already takes up that item."
    ] * 3
    lines = ScheduledItem.objects.filter(sitting=sitting)
    assert sorted(lines.values_list("position", flat=True)) == list(range(WRITERS))
    assert sorted(lines.values_list("item_id", flat=True)) == sorted(i.pk for i in items)


def test_parallel_assignments_of_several_items_and_proposals(parallel):
    session, items = draft_with_items(WRITERS)
    first = factories.sitting(session)
    second = factories.sitting(session, start="15:00", end="18:00")
    pks = [i.pk for i in items]
    calls = [lambda: sittings.assign_many(first, pks[:3]) for _ in range(3)]
    calls += [
        lambda: sittings.assign_many(first, pks[2:]),
        lambda: sittings.assign_many(second, pks),
    ]
    outcomes = parallel(*calls)
    errors = [o.error for o in outcomes if o.error]
    assert all(isinstance(e, ValidationError) for e in errors), errors
    lines = ScheduledItem.objects.filter(sitting=first)
    assert sorted(lines.values_list("position", flat=True)) == list(range(WRITERS))
    assert sorted(lines.values_list("item_id", flat=True)) == sorted(pks)
    # Two proposals at once: the second waits, then replaces; never twice the lines.
    outcomes = parallel(*[lambda: organization_plan.propose(session, replace=True)] * 2)
    assert [o.error for o in outcomes] == [None, None]
    assert ScheduledItem.objects.filter(sitting__session=session).count() == WRITERS


def test_publishing_twice_at_once_makes_one_version(parallel):
    session, _ = draft_with_items(3)
    Session.objects.filter(pk=session.pk).update(agenda_symbol="TEST/2024/1")
    session.refresh_from_db()
    outcomes = parallel(*[lambda: publishing.publish(session) for _ in range(3)])
    assert len([o for o in outcomes if o.error is None]) == 1
    assert [e.error.messages for e in outcomes if e.error] == [
        ["Nothing has changed since version 1 was published; there is nothing to publish."]
    ] * 2
    assert PublishedVersion.objects.filter(session=session).count() == 1


def test_two_sessions_created_with_one_number_at_once(parallel):
    from agenda.services import sessions

    body = factories.body()
    number = sessions.next_number(body)

    def create():
        return sessions.save_session(
            Session(body=body), title="New session", language="en", number=number
        )

    outcomes = parallel(create, create)
    errors = [o.error for o in outcomes if o.error is not None]
    assert len(errors) == 1 and isinstance(errors[0], ValidationError), errors
    assert "number" in errors[0].message_dict or "__all__" in errors[0].message_dict
    assert Session.objects.filter(body=body, number=number).count() == 1


def test_the_next_session_prepared_by_several_at_once_is_prepared_once(parallel):

    session, items = draft_with_items(3)
    factories.sitting(session)
    outcomes = parallel(
        *[
            lambda n=n: prepare_next_session(
                session, start=dt.date(2025, 6, 4), items=[i.pk for i in items], title=f"By {n}"
            )
            for n in range(WRITERS)
        ]
    )
    assert len([o for o in outcomes if o.error is None]) == 1
    refusals = [o.error for o in outcomes if o.error is not None]
    assert [type(e) for e in refusals] == [ValidationError] * (WRITERS - 1), refusals
    assert all("already has a session" in e.messages[0] for e in refusals)
    (new,) = Session.objects.filter(body=session.body, number=session.number + 1)
    assert AgendaItem.objects.filter(session=new).count() == 3
    assert new.sittings.count() == 1
