"""The editor's domain functions: numbering follows every move, and nothing is half-done."""

import pytest
from django.core.exceptions import ValidationError

from agenda.models import AgendaItem
from agenda.rules.numbering import number_items, ordered_tree
from agenda.services import editing
from meetings.models import Session
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return factories.session(status=Session.Status.DRAFT)


def outline(session) -> list[str]:
    """The agenda as printed: ["1 Organizational matters", "1(a) Opening", …]."""
    items = list(AgendaItem.objects.filter(session=session))
    numbers = number_items(items)
    tree = ordered_tree(items)
    return [f"{numbers[i.pk]} {i.title['en']}" for top, subs in tree for i in (top, *subs)]


@pytest.fixture
def agenda(session):
    """1 Organizational matters / 1(a) Opening / 1(b) Adoption / 2 Technology / 3 Other."""
    org = editing.add_item(session, title="Organizational matters", language="en")
    opening = editing.add_item(session, title="Opening", language="en", parent=org)
    adoption = editing.add_item(session, title="Adoption", language="en", parent=org)
    tech = editing.add_item(session, title="Technology", language="en")
    other = editing.add_item(session, title="Other matters", language="en")
    return {"org": org, "opening": opening, "adoption": adoption, "tech": tech, "other": other}


def test_add_appends_items_and_sub_items(session, agenda):
    assert outline(session) == [
        "1 Organizational matters",
        "1(a) Opening",
        "1(b) Adoption",
        "2 Technology",
        "3 Other matters",
    ]


def test_add_refuses_an_empty_title(session):
    with pytest.raises(ValidationError, match="needs a title"):
        editing.add_item(session, title="   ", language="en")
    assert not AgendaItem.objects.exists()


def test_add_refuses_a_sub_item_of_a_sub_item(session, agenda):
    with pytest.raises(ValidationError, match="cannot have sub-items"):
        editing.add_item(session, title="Too deep", language="en", parent=agenda["opening"])


@pytest.mark.parametrize(
    ("name", "direction", "expected"),
    [
        (
            "tech",
            "up",
            [
                "1 Technology",
                "2 Organizational matters",
                "2(a) Opening",
                "2(b) Adoption",
                "3 Other matters",
            ],
        ),
        (
            "opening",
            "down",
            [
                "1 Organizational matters",
                "1(a) Adoption",
                "1(b) Opening",
                "2 Technology",
                "3 Other matters",
            ],
        ),
        (
            "other",
            "indent",
            [
                "1 Organizational matters",
                "1(a) Opening",
                "1(b) Adoption",
                "2 Technology",
                "2(a) Other matters",
            ],
        ),
        (
            "opening",
            "outdent",
            [
                "1 Organizational matters",
                "1(a) Adoption",
                "2 Opening",
                "3 Technology",
                "4 Other matters",
            ],
        ),
    ],
)
def test_moves_renumber_the_agenda(session, agenda, name, direction, expected):
    editing.move_item(agenda[name], direction)
    assert outline(session) == expected


@pytest.mark.parametrize(
    ("name", "direction", "message"),
    [
        ("org", "up", "already the first"),
        ("other", "down", "already the last"),
        ("org", "indent", "no item above"),
        ("tech", "indent", None),  # allowed: becomes 1(c)
        ("opening", "indent", "cannot have sub-items"),
        ("org", "outdent", "already a main item"),
        ("org", "sideways", "Unknown move"),
    ],
)
def test_impossible_moves_are_refused_with_a_reason(session, agenda, name, direction, message):
    before = outline(session)
    if message is None:
        editing.move_item(agenda[name], direction)
        assert "1(c) Technology" in outline(session)
        return
    with pytest.raises(ValidationError, match=message):
        editing.move_item(agenda[name], direction)
    assert outline(session) == before


def test_an_item_with_sub_items_cannot_be_indented(session, agenda):
    editing.move_item(agenda["tech"], "up")  # Technology first, Organizational matters second
    with pytest.raises(ValidationError, match="has sub-items"):
        editing.move_item(agenda["org"], "indent")


def test_reorder_applies_a_whole_layout(session, agenda):
    a = agenda
    editing.reorder(
        session,
        [(a["tech"].pk, [a["adoption"].pk]), (a["org"].pk, []), (a["other"].pk, [a["opening"].pk])],
    )
    assert outline(session) == [
        "1 Technology",
        "1(a) Adoption",
        "2 Organizational matters",
        "3 Other matters",
        "3(a) Opening",
    ]


def test_reorder_refuses_a_layout_that_misses_or_repeats_items(session, agenda):
    before = outline(session)
    a = agenda
    for layout in (
        [(a["org"].pk, [])],  # items missing: someone added items meanwhile
        [(a["org"].pk, [a["opening"].pk, a["opening"].pk])],
        [
            (a["org"].pk, [a["opening"].pk, a["adoption"].pk]),
            (a["tech"].pk, []),
            (a["other"].pk, []),
            (999_999, []),
        ],
    ):
        with pytest.raises(ValidationError, match="changed while you were reordering"):
            editing.reorder(session, layout)
    assert outline(session) == before


def test_update_saves_one_language_and_bumps_the_version(session, agenda):
    item = agenda["tech"]
    saved = editing.update_item(
        item, expected_version=1, language="zh", title="技术", annotation="说明文字"
    )
    assert saved.version == 2
    assert saved.title == {"en": "Technology", "zh": "技术"}
    assert saved.annotation == {"zh": "说明文字"}


def test_an_empty_translation_is_removed_but_the_original_title_is_required(session, agenda):
    item = agenda["tech"]
    item = editing.update_item(item, expected_version=1, language="zh", title="技术", annotation="")
    item = editing.update_item(item, expected_version=2, language="zh", title="", annotation="")
    assert item.title == {"en": "Technology"}
    with pytest.raises(ValidationError, match="original language"):
        editing.update_item(item, expected_version=3, language="en", title="", annotation="")
    assert AgendaItem.objects.get(pk=item.pk).title == {"en": "Technology"}


def test_the_second_of_two_concurrent_edits_is_refused_and_sees_the_first(session, agenda):
    mine = AgendaItem.objects.get(pk=agenda["tech"].pk)
    theirs = AgendaItem.objects.get(pk=agenda["tech"].pk)
    editing.update_item(theirs, expected_version=1, language="en", title="Theirs", annotation="")
    with pytest.raises(editing.EditConflict) as conflict:
        editing.update_item(mine, expected_version=1, language="en", title="Mine", annotation="")
    assert conflict.value.current.title == {"en": "Theirs"}
    assert AgendaItem.objects.get(pk=mine.pk).title == {"en": "Theirs"}


def test_delete_checks_the_version_and_takes_sub_items_along(session, agenda):
    editing.update_item(agenda["org"], expected_version=1, language="en", title="X", annotation="")
    with pytest.raises(editing.EditConflict):
        editing.delete_item(agenda["org"], expected_version=1)
    editing.delete_item(agenda["org"], expected_version=2)
    assert outline(session) == ["1 Technology", "2 Other matters"]


class TestAfterIssue:
    @pytest.fixture
    def issued(self, session, agenda):
        session.status = Session.Status.ISSUED
        session.save()
        return session

    def test_moves_reorders_and_deletes_are_refused(self, issued, agenda):
        before = outline(issued)
        with pytest.raises(ValidationError, match="frozen"):
            editing.move_item(agenda["tech"], "up")
        with pytest.raises(ValidationError, match="frozen"):
            editing.reorder(issued, [(agenda["tech"].pk, [])])
        with pytest.raises(ValidationError, match="frozen"):
            editing.delete_item(agenda["tech"], expected_version=1)
        assert outline(issued) == before

    def test_a_late_item_takes_the_next_number_and_renumbers_nothing(self, issued, agenda):
        editing.add_item(issued, title="Late item", language="en")
        editing.add_item(issued, title="Late sub-item", language="en", parent=agenda["org"])
        assert outline(issued) == [
            "1 Organizational matters",
            "1(a) Opening",
            "1(b) Adoption",
            "1(c) Late sub-item",
            "2 Technology",
            "3 Other matters",
            "4 Late item",
        ]

    def test_titles_and_annotations_stay_editable(self, issued, agenda):
        item = editing.update_item(
            agenda["tech"], expected_version=1, language="en", title="Tech", annotation="Text"
        )
        assert item.title["en"] == "Tech"
