import datetime as dt

import pytest
from django.core.management import call_command

from agenda.models import AgendaItem, Document
from agenda.reads.agenda import session_agenda
from meetings.models import Session, Sitting
from tests import factories
from tests.parsed import find

pytestmark = pytest.mark.django_db


def test_loading_seeds_twice_changes_nothing(seeded):
    counts = (Session.objects.count(), AgendaItem.objects.count(), Document.objects.count())
    call_command("load_seeds", verbosity=0)
    assert (
        (
            Session.objects.count(),
            AgendaItem.objects.count(),
            Document.objects.count(),
        )
        == counts
        == (4, 9, 12)
    )


def test_wg3_session_facts(wg3):
    assert wg3.body.parent.symbol_prefix == "CTOC/COP"
    assert (wg3.start_date, wg3.end_date) == (dt.date(2024, 6, 5), dt.date(2024, 6, 6))
    assert wg3.location.time_zone == "Europe/Vienna"
    assert wg3.format == "in_person"
    assert wg3.interpretation_languages == ["ar", "zh", "en", "fr", "ru", "es"]
    assert (wg3.agenda_symbol, wg3.issue_date) == ("CTOC/COP/WG.3/2024/1", dt.date(2024, 2, 23))


def test_wg3_agenda_numbers_titles_and_documentation(wg3):
    agenda = session_agenda(factories.content(wg3), "zh")
    assert [(e.number, e.title.text) for e in agenda.flat()] == [
        ("1", "组织事项"),
        ("1(a)", "会议开幕"),
        ("1(b)", "通过议程和工作安排"),
        ("2", "技术在刑事事项国际合作方面的作用和影响：机遇、挑战和能力建设需要"),
        (
            "3",
            "鉴于在联合国打击跨国有组织犯罪公约及其各项议定书实施情况审议机制下的预期工作"
            "对于暂定的引渡问题在法律和实务方面的考虑因素",
        ),
        ("4", "其他事项"),
        ("5", "通过报告"),
    ]
    assert {e.number: [d.symbol for d in e.documents] for e in agenda.flat() if e.documents} == {
        "2": ["CTOC/COP/WG.3/2024/2"],
        "3": ["CTOC/COP/WG.3/2024/3", "CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4"],
    }


def test_wg3_footnotes_are_numbered_through_the_document(wg3):
    agenda = session_agenda(factories.content(wg3), "zh")
    assert [(fn.number, fn.text.text) for fn in agenda.footnotes][:2] == [
        (1, "见 CTOC/COP/WG.3/2023/4，第 44 段。"),
        (2, "缔约方会议第 8/1 号决议。"),
    ]
    starts = [
        "2023 年 9 月",
        "在 2017 年 10 月",
        "在越来越多的引渡案件中",
        "www.unodc",
        "www.unodc",
    ]
    later = agenda.footnotes[2:]
    assert [fn.number for fn in later] == [3, 4, 5, 6, 7]
    assert all(fn.text.text.startswith(s) for fn, s in zip(later, starts, strict=True))
    item3 = agenda.flat()[4]
    assert [fn.number for fn in item3.footnotes] == [3, 4, 5, 6, 7]
    reference = find(item3.annotation_html, "a", id="fnref-3")
    assert (reference["href"], reference.text) == ("#fn-3", "3")


def test_wg3_organization_of_work_matches_the_annex(wg3):
    agenda = session_agenda(factories.content(wg3), "zh")
    rows = [
        (date.isoformat(), f"{row.sitting.start_time:%H:%M}", e.item.number, e.continued)
        for date, day_rows in agenda.organization
        for row in day_rows
        for e in row.entries
    ]
    assert rows == [
        ("2024-06-05", "10:00", "1(a)", False),
        ("2024-06-05", "10:00", "1(b)", False),
        ("2024-06-05", "10:00", "2", False),
        ("2024-06-05", "15:00", "2", True),
        ("2024-06-05", "15:00", "3", False),
        ("2024-06-06", "10:00", "3", True),
        ("2024-06-06", "10:00", "4", False),
        ("2024-06-06", "15:00", "5", False),
    ]


def test_general_assembly_resolution_references(seeded):
    session = Session.objects.get(body__slug="ga", number=58)
    item = session.agenda_items.get()
    assert session_agenda(factories.content(session), "en").entries[0].number == "108"
    assert [d.symbol for d in item.documents.order_by("item_links__position")] == [
        "A/58/499",
        "A/58/222",
        "A/RES/58/140",
    ]
    plenary = Sitting.objects.get(session=session)
    assert (plenary.number, plenary.date, plenary.start_time) == (77, dt.date(2003, 12, 22), None)
    assert session.body.symbol_prefix == "A"


def test_third_committee_is_under_the_general_assembly(seeded):
    session = Session.objects.with_body().get(body__slug="ga-c3", number=72)
    assert session.body.parent.slug == "ga"
    assert session_agenda(factories.content(session), "zh").entries[0].number == "107"
