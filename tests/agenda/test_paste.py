import json

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from agenda.models import AgendaItem
from agenda.outputs.document_terms import TERMS
from agenda.rules.numbering import letter, number_items
from agenda.services.paste import (
    INVISIBLE,
    MAX_BYTES,
    MAX_ITEMS,
    ParsedAgenda,
    ParsedItem,
    Problem,
    Skipped,
    chinese_number,
    clean_title,
    create_items,
    parse_agenda,
)
from meetings.models import Session
from tests import factories

SEEDS = django_settings.BASE_DIR / "seeds"
THIRD_LEVEL = "agendas have items (1, 2, …) and sub-items ((a), (b), …) only"


def seed_agenda() -> list[dict]:
    data = json.loads((SEEDS / "ctoc-cop-wg3-15.json").read_text(encoding="utf-8"))
    return data["session"]["agenda"]


def seed_titles(language: str) -> list[tuple[str, list[str]]]:
    return [
        (item["title"][language], [sub["title"][language] for sub in item.get("items", [])])
        for item in seed_agenda()
    ]


def titles(parsed: ParsedAgenda) -> list[tuple[str, list[str]]]:
    return [(item.title, [sub.title for sub in item.children]) for item in parsed.items]


def numbers(parsed: ParsedAgenda) -> list[str]:
    return [node.number for item in parsed.items for node in (item, *item.children)]


def problems(parsed: ParsedAgenda) -> list[str]:
    return [str(problem) for problem in parsed.problems]


def assert_every_line_accounted_for(text: str, parsed: ParsedAgenda) -> None:
    """Nothing is dropped: each non-blank line is in an item, skipped, or a problem."""
    placed = set()
    for item in parsed.items:
        for node in (item, *item.children):
            placed.update([node.line, *node.continued_on])
    placed.update(s.line for s in parsed.skipped)
    placed.update(p.line for p in parsed.problems)
    visible = ("".join(c for c in line if c not in INVISIBLE) for line in text.splitlines())
    lines = [n for n, line in enumerate(visible, 1) if line.strip()]
    stop = [p.line for p in parsed.problems if p.message.endswith("were not read")]
    if stop:  # a paste over the limits is read up to a problem that says so
        lines = [n for n in lines if n <= stop[0]]
    assert [n for n in lines if n not in placed] == []


def render(agenda: list[dict], language: str, separator: str = "\n") -> str:
    """The seed's agenda as a Word paste gives it: 1. …: / (a) …; / (b) ….; one or more lines."""
    colon, semicolon, stop = "：；。" if language == "zh" else ":;."
    entries = []
    for n, item in enumerate(agenda, 1):
        subs = item.get("items", [])
        entries.append(f"{n}. {item['title'][language]}{colon if subs else stop}")
        for k, sub in enumerate(subs, 1):
            end = semicolon if k < len(subs) else stop
            entries.append(f"({letter(k)}) {sub['title'][language]}{end}")
    return separator.join(entries)


# --- the seed's agenda ---------------------------------------------------------------------


def test_the_seed_agenda_as_converted_with_bullets_gives_the_seed_titles():
    source = (SEEDS / "source" / "003_2c512c1415575397.txt").read_text(encoding="utf-8")
    start = source.index("临时议程\n")
    text = source[start : source.index("\n说明\n", start)]
    parsed = parse_agenda(text)
    assert parsed.ok
    assert titles(parsed) == seed_titles("zh")
    assert numbers(parsed) == ["1", "1(a)", "1(b)", "2", "3", "4", "5"]
    assert parsed.skipped == [Skipped(1, "临时议程", "heading")]
    assert [item.line for item in parsed.items] == [3, 6, 7, 8, 9]
    assert_every_line_accounted_for(text, parsed)


ZH_WORD_PASTE = "\n".join(
    [
        "临时议程",
        "",
        "1. 组织事项：",
        "(a) 会议开幕；",
        "(b) 通过议程和工作安排。",
        "2. 技术在刑事事项国际合作方面的作用和影响：机遇、挑战和能力建设需要。",
        "3. 鉴于在联合国打击跨国有组织犯罪公约及其各项议定书实施情况审议机制下的预期工作"
        "对于暂定的引渡问题在法律和实务方面的考虑因素。",
        "4. 其他事项。",
        "5. 通过报告。",
    ]
)


def test_the_seed_agenda_as_a_word_paste_gives_the_seed_titles():
    parsed = parse_agenda(ZH_WORD_PASTE)
    assert parsed.ok
    assert titles(parsed) == seed_titles("zh")
    assert [sub.line for sub in parsed.items[0].children] == [4, 5]


def test_full_width_numbers_and_brackets_are_read_and_titles_kept_as_typed():
    text = "１．组织事项：\n（ａ）会议开幕；\n（ｂ）通过议程和工作安排。\n２、其他事项（续）。"
    parsed = parse_agenda(text)
    assert parsed.ok
    assert titles(parsed) == [
        ("组织事项", ["会议开幕", "通过议程和工作安排"]),
        ("其他事项（续）", []),
    ]


def test_the_english_seed_agenda_one_item_a_line_gives_the_seed_titles():
    text = "Provisional agenda\n\n" + render(seed_agenda(), "en")
    parsed = parse_agenda(text)
    assert parsed.ok
    assert titles(parsed) == seed_titles("en")
    assert parsed.skipped == [Skipped(1, "Provisional agenda", "heading")]


def test_the_english_seed_agenda_run_on_in_one_line_is_split_into_items():
    text = render(seed_agenda(), "en", separator=" ")
    assert text.startswith("1. Organizational matters: (a) Opening of the meeting; (b) Adoption")
    parsed = parse_agenda(text)
    assert parsed.ok
    assert titles(parsed) == seed_titles("en")
    assert numbers(parsed) == ["1", "1(a)", "1(b)", "2", "3", "4", "5"]
    assert {node.line for item in parsed.items for node in (item, *item.children)} == {1}


def test_the_chinese_seed_agenda_run_on_in_one_line_is_split_into_items():
    parsed = parse_agenda(render(seed_agenda(), "zh", separator=""))
    assert parsed.ok
    assert titles(parsed) == seed_titles("zh")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "1. Organizational matters: (a) Opening of the session; and (b) Adoption of the "
            "agenda. 2. Other matters.",
            [("Organizational matters", ["Opening of the session", "Adoption of the agenda"]),
             ("Other matters", [])],
        ),
        (
            "1. Questions d’organisation : a) Ouverture de la session ; b) Adoption de l’ordre "
            "du jour. 2. Questions diverses.",
            [("Questions d’organisation", ["Ouverture de la session", "Adoption de l’ordre du "
                                           "jour"]),
             ("Questions diverses", [])],
        ),
        (
            "1. Cuestiones de organización: a) Apertura del período de sesiones; y b) Aprobación "
            "del programa.",
            [("Cuestiones de organización", ["Apertura del período de sesiones",
                                             "Aprobación del programa"])],
        ),
    ],
    ids=["and", "french", "spanish"],
)  # fmt: skip
def test_run_on_lines_in_other_styles(text, expected):
    parsed = parse_agenda(text)
    assert problems(parsed) == []
    assert titles(parsed) == expected


def test_a_run_on_paragraph_wrapped_over_lines():
    text = (
        "1. Organizational matters: (a) Opening of the session; (b) Adoption of the agenda and\n"
        "organization of work. 2. Other matters. 3. Adoption of the report."
    )
    parsed = parse_agenda(text)
    assert parsed.ok
    assert titles(parsed) == [
        ("Organizational matters", ["Opening of the session", "Adoption of the agenda"
                                    " and organization of work"]),
        ("Other matters", []),
        ("Adoption of the report", []),
    ]  # fmt: skip
    assert parsed.items[0].children[1].continued_on == [2]
    assert [item.line for item in parsed.items] == [1, 2, 2]


# --- number styles, bullets, headings ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1. Organizational matters:\n(a) Opening;\n(b) Adoption.\n2. Other matters.",
        "1) Organizational matters:\na) Opening;\nb) Adoption.\n2) Other matters.",
        "1.\tOrganizational matters:\n\ta.\tOpening;\n\tb.\tAdoption.\n2.\tOther matters.",
        "1、Organizational matters：\n（a）Opening；\n（b）Adoption。\n2、Other matters。",
        "- Organizational matters:\n  - Opening;\n  - Adoption.\n- Other matters.",
        "• Organizational matters:\n\t• Opening;\n\t• Adoption.\n• Other matters.",
        "1. Organizational matters:\n   - Opening;\n   - Adoption.\n2. Other matters.",
        "\ufeff1. Organizational matters:\n\u3000(a) Opening;\n\u3000(b) Adoption.\n"
        "2. Other matters.",
    ],
    ids=["dot", "bracket", "tabs", "ideographic", "markdown", "word-bullets", "mixed", "bom"],
)
def test_number_and_bullet_styles(text):
    parsed = parse_agenda(text)
    assert problems(parsed) == []
    assert titles(parsed) == [("Organizational matters", ["Opening", "Adoption"]),
                              ("Other matters", [])]  # fmt: skip
    assert numbers(parsed) == ["1", "1(a)", "1(b)", "2"]


def test_arabic_indic_digits_are_item_numbers():
    parsed = parse_agenda("١. افتتاح الدورة.\n٢. إقرار جدول الأعمال.")
    assert parsed.ok
    assert titles(parsed) == [("افتتاح الدورة", []), ("إقرار جدول الأعمال", [])]


@pytest.mark.parametrize("language", sorted(TERMS))
def test_the_agenda_heading_of_each_language_is_skipped_at_the_top(language):
    heading = TERMS[language]["agenda"]
    text = f"{TERMS[language]['title']}\n\n{heading.upper()}:\n1. Item."
    parsed = parse_agenda(text)
    assert parsed.ok
    assert parsed.skipped == [
        Skipped(1, TERMS[language]["title"], "heading"),
        Skipped(3, f"{heading.upper()}:", "heading"),
    ]


def test_agenda_headings_with_a_footnote_call_or_of_an_adopted_agenda_are_skipped():
    parsed = parse_agenda("# Provisional agenda*\n议程\nAGENDA\n1. One.")
    assert parsed.ok
    assert [s.line for s in parsed.skipped] == [1, 2, 3]


def test_a_heading_after_the_items_is_a_problem_not_a_title():
    parsed = parse_agenda("I. Provisional agenda\n1. Other matters\n\nII. Annotations\n说明")
    assert parsed.skipped == [Skipped(1, "I. Provisional agenda", "heading")]
    assert problems(parsed) == [
        "Line 4: 'II. Annotations' is a heading of the document, not an agenda item; "
        "paste the agenda only",
        "Line 5: '说明' is a heading of the document, not an agenda item; paste the agenda only",
    ]
    assert titles(parsed) == [("Other matters", [])]


# --- titles --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("Opening of the session;", "Opening of the session"),
        ("Opening of the session; and", "Opening of the session"),
        ("Opening of the session, and ", "Opening of the session"),
        ("Adoption of the agenda and organization of work.", "Adoption of the agenda and "
                                                             "organization of work"),
        ("Organizational matters:", "Organizational matters"),
        ("Role of technology: opportunities, challenges.", "Role of technology: opportunities, "
                                                           "challenges"),
        ("会议开幕；", "会议开幕"),
        ("会议开幕；和", "会议开幕"),
        ("会议开幕；以及", "会议开幕"),
        ("合作和", "合作和"),
        ("Trinidad and", "Trinidad and"),
        ("Brand;", "Brand"),
        ("Ouverture de la session ; et", "Ouverture de la session"),
        ("Открытие сессии; и", "Открытие сессии"),
        ("افتتاح الدورة؛", "افتتاح الدورة"),
        ("Other matters (continued).", "Other matters (continued)"),
    ],
)  # fmt: skip
def test_clean_title_strips_list_punctuation_and_the_last_and(typed, title):
    assert clean_title(typed) == title


def test_a_title_wrapped_over_lines_is_joined_with_a_space_in_latin_text_and_none_in_chinese():
    text = (
        "1. Role and impact of technology in international cooperation in criminal\n"
        "matters: opportunities, challenges and capacity-\n"
        "building needs.\n"
        "2. 技术在刑事事项国际合作方面的作用和影响：\u200b机遇、挑战和\n"
        "能力建设需要。\n"
        "3.\n"
        "Other matters."
    )
    parsed = parse_agenda(text)
    assert parsed.ok
    assert titles(parsed) == [
        ("Role and impact of technology in international cooperation in criminal matters: "
         "opportunities, challenges and capacity-building needs", []),
        ("技术在刑事事项国际合作方面的作用和影响：机遇、挑战和能力建设需要", []),
        ("Other matters", []),
    ]  # fmt: skip
    assert [item.continued_on for item in parsed.items] == [[2, 3], [5], [7]]


def test_a_title_wrapped_after_a_colon_goes_on_only_in_lower_case():
    text = (
        "1.   Role and impact of technology in international cooperation in criminal matters:\n"
        "     opportunities, challenges and capacity-building needs.\n"
        "2.   Organizational matters:\n"
        "     Opening of the session;"
    )
    parsed = parse_agenda(text)
    assert titles(parsed) == [
        ("Role and impact of technology in international cooperation in criminal matters: "
         "opportunities, challenges and capacity-building needs", []),
        ("Organizational matters", []),
    ]  # fmt: skip
    assert problems(parsed) == [
        "Line 4: no item number; expected '3.' or '(a)' (it cannot be the rest of the title "
        "above, which ends with ':')"
    ]


def test_first_number_lets_a_paste_continue_the_agenda_as_well_as_restart_at_one():
    assert parse_agenda("4. Other matters.\n5. Adoption of the report.", first_number=4).ok
    assert parse_agenda("1. Other matters.\n2. Adoption of the report.", first_number=4).ok
    parsed = parse_agenda("3. Other matters.", first_number=4)
    assert problems(parsed) == ["Line 1: '3. Other matters.' starts the agenda at 3 — "
                                "expected 1 or 4"]  # fmt: skip


# --- malformed input -----------------------------------------------------------------------

MALFORMED = [
    (
        "1. Organizational matters:\n(a) Opening;\n\n(c) Adoption.\n2. Other.",
        ["Line 4: '(c) Adoption.' follows (a) — expected (b)"],
    ),
    (
        "1. Organizational matters.\n3. Other matters.\n4. Report.",
        ["Line 2: '3. Other matters.' follows 1 — expected 2"],
    ),
    (
        "1. One.\n2. Two.\n2. Again.\n3. Three.",
        ["Line 3: 2 is used twice (also line 2) — expected 3"],
    ),
    (
        "1. One:\n(a) First;\n(a) Again;\n(b) Second.",
        ["Line 3: (a) is used twice (also line 2) — expected (b)"],
    ),
    (
        "1. One:\n(b) First.",
        ["Line 2: '(b) First.' is the first sub-item of item 1 — expected (a)"],
    ),
    (
        "(a) Opening;\n1. Organizational matters.",
        [
            "Line 1: '(a) Opening;' is a sub-item, but no item comes before it — expected an "
            "item such as '1.' first"
        ],
    ),
    (
        "1. One:\n(a) First:\n(i) Deeper;\n(ii) Deeper still.\n2. Two.",
        [
            f"Line 3: '(i) Deeper;' is numbered as a third level; {THIRD_LEVEL}",
            f"Line 4: '(ii) Deeper still.' is numbered as a third level; {THIRD_LEVEL}",
        ],
    ),
    (
        "1. One.\n1.1 Part.\n2. Two.",
        [f"Line 2: '1.1 Part.' is numbered as a third level; {THIRD_LEVEL}"],
    ),
    (
        "- One:\n  - First;\n    - Deeper.\n- Two.",
        [f"Line 3: 'Deeper.' is indented as a third level; {THIRD_LEVEL}"],
    ),
    (
        "Some words first\n1. One.",
        ["Line 1: no item number before the first item; expected '1.'"],
    ),
    (
        "1. One.\n2. Two:\n(a) First;\n(b) Second.\n\nThird thing",
        [
            "Line 6: no item number; expected '3.' or '(c)' (it cannot be the rest of the title "
            "above, which ends with '.')"
        ],
    ),
    (
        "1. One:\n(a) First; (c) Third.\n2. Two.",
        [
            "Line 2: '(c)' inside a title looks like a number, but '2.' or '(b)' comes next; put "
            "each item on a line of its own or correct the number"
        ],
    ),
    ("1. One.\n2.\n3. Three.", ["Line 2: item 2 has no title"]),
    ("1. One:\n(a) ;\n2. Two.", ["Line 2: sub-item 1(a) has no title"]),
    (
        "1. One.\nBad\x07 line\n2. Two.",
        ["Line 2: contains an invisible control character (U+0007); remove it"],
    ),
    (
        "7. Seven.\n(i) Eye.",
        [
            "Line 1: '7. Seven.' starts the agenda at 7 — expected 1",
            "Line 2: '(i) Eye.' is the first sub-item of item 7 — expected (a)",
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), MALFORMED)
def test_malformed_input_is_reported_with_line_numbers_and_nothing_is_dropped(text, expected):
    parsed = parse_agenda(text)
    assert problems(parsed) == expected
    assert not parsed.ok
    assert_every_line_accounted_for(text, parsed)


def test_problems_keep_the_line_as_typed():
    parsed = parse_agenda("1. One.\n  Stray text  ")
    assert parsed.problems == [
        Problem(2, "Stray text", "no item number; expected '2.' or '(a)' (it cannot be the "
                                 "rest of the title above, which ends with '.')")
    ]  # fmt: skip


def test_a_dubious_line_does_not_take_the_lines_after_it():
    parsed = parse_agenda("1. One:\n(a) First:\n(i) Deeper,\ncontinued\n(b) Second.")
    assert problems(parsed)[1:] == [
        "Line 4: no item number; expected '2.' or '(b)'",
    ]
    assert titles(parsed) == [("One", ["First", "Second"])]


def test_a_paste_over_the_size_limit_is_refused_whole():
    text = "1. Item.\n" * (MAX_BYTES // 9 + 1)
    parsed = parse_agenda(text)
    assert parsed.items == []
    assert problems(parsed) == ["The paste is 201 KB; at most 200 KB is read at once. Paste "
                                "the agenda only."]  # fmt: skip


def test_more_items_than_the_limit_stops_reading_with_a_problem():
    text = "\n".join(f"{n}. Item {n}." for n in range(1, MAX_ITEMS + 3))
    parsed = parse_agenda(text)
    assert parsed.count() == MAX_ITEMS
    assert problems(parsed) == [
        "Line 501: more than 500 items and sub-items: this line and the rest of the paste "
        "were not read"
    ]


def test_reading_stops_after_too_many_problems():
    text = "x\n" * 1000
    parsed = parse_agenda(text)
    assert len(parsed.problems) == 201
    assert str(parsed.problems[-1]) == (
        "Line 201: more than 200 problems: this line and the rest of the paste were not read"
    )
    assert_every_line_accounted_for(text, parsed)


def test_a_title_runs_over_twelve_lines_at_most():
    text = "1. Title\n" + "wrapped\n" * 12
    parsed = parse_agenda(text)
    assert parsed.items[0].continued_on == list(range(2, 13))
    assert problems(parsed) == [
        "Line 13: no item number; expected '2.' or '(a)' (the title above already runs over "
        "12 lines)"
    ]


# --- properties ----------------------------------------------------------------------------

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=4,
                max_size=9) | st.text(alphabet="会议开幕通过程工作安排技术合作组织事项其他报告",
                                      min_size=2, max_size=6)  # fmt: skip
TITLES = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)
TREES = st.lists(st.tuples(TITLES, st.lists(TITLES, max_size=4)), min_size=1, max_size=12)
STYLES = {
    "word": ("{n}. {title}", "({k}) {title}"),
    "brackets": ("{n}) {title}", "{k}) {title}"),
    "full-width": ("{n}．{title}", "（{k}）{title}"),
    "bullets": ("- {title}", "   - {title}"),
}


@settings(deadline=None)  # the machine is shared: timing is no property of the parser
@given(tree=TREES, style=st.sampled_from(sorted(STYLES)), run_on=st.booleans())
def test_any_rendered_agenda_parses_back_to_its_tree(tree, style, run_on):
    item_format, sub_format = STYLES[style]
    lines = []
    for n, (title, subs) in enumerate(tree, 1):
        lines.append(item_format.format(n=n, title=title) + (":" if subs else "."))
        for k, sub in enumerate(subs, 1):
            lines.append(sub_format.format(k=letter(k), title=sub) + ";")
    separator = " " if run_on and style != "bullets" else "\n"
    parsed = parse_agenda(separator.join(lines))
    assert problems(parsed) == []
    assert titles(parsed) == [(title, subs) for title, subs in tree]


@settings(deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_is_read_without_error_and_nothing_is_dropped(text):
    assert_every_line_accounted_for(text, parse_agenda(text))


@settings(deadline=None)
@given(st.text(alphabet="1234567890.()abcivx-：；;:\n\t 、（）Item和and", max_size=300))
def test_any_numbering_noise_is_read_without_error_and_nothing_is_dropped(text):
    parsed = parse_agenda(text)
    assert_every_line_accounted_for(text, parsed)
    assert parsed.count() == sum(1 + len(item.children) for item in parsed.items)


# --- saving --------------------------------------------------------------------------------


@pytest.fixture
def draft(db):
    session = factories.session(status=Session.Status.DRAFT, original_language="zh")
    organizational = factories.item(session, "Organizational matters")
    factories.item(session, "Opening", parent=organizational)
    factories.item(session, "Elections")
    return Session.objects.get(pk=session.pk)


def agenda_of(session) -> list[tuple[str, dict]]:
    items = list(AgendaItem.objects.filter(session=session))
    numbered = number_items(items)
    return sorted((numbered[item.pk], item.title) for item in items)


def test_create_items_appends_the_tree_after_the_existing_items(draft):
    created = create_items(draft, parse_agenda(ZH_WORD_PASTE), language="zh")
    assert [(item.parent_id is None, item.position) for item in created] == [
        (True, 2), (False, 0), (False, 1), (True, 3), (True, 4), (True, 5), (True, 6)
    ]  # fmt: skip
    assert [item.title for item in created] == [
        {"zh": title} for title, subs in seed_titles("zh") for title in (title, *subs)
    ]
    assert agenda_of(draft) == [
        ("1", {"en": "Organizational matters"}),
        ("1(a)", {"en": "Opening"}),
        ("2", {"en": "Elections"}),
        ("3", {"zh": "组织事项"}),
        ("3(a)", {"zh": "会议开幕"}),
        ("3(b)", {"zh": "通过议程和工作安排"}),
        ("4", {"zh": "技术在刑事事项国际合作方面的作用和影响：机遇、挑战和能力建设需要"}),
        ("5", {"zh": seed_titles("zh")[2][0]}),
        ("6", {"zh": "其他事项"}),
        ("7", {"zh": "通过报告"}),
    ]


def test_create_items_into_an_empty_agenda_starts_at_position_zero(db):
    session = factories.session(status=Session.Status.DRAFT)
    created = create_items(session, parse_agenda("1. Other matters."), language="fr")
    assert [(item.position, item.title) for item in created] == [(0, {"fr": "Other matters"})]


@pytest.mark.parametrize("size", [1, 160])
def test_create_items_costs_the_same_queries_whatever_the_size(db, size, django_assert_num_queries):
    session = factories.session(status=Session.Status.DRAFT)
    text = "\n".join(f"{n}. Item {n}:\n(a) First;\n(b) Second." for n in range(1, size + 1))
    parsed = parse_agenda(text)
    # savepoint, lock, last position, insert items and their history, insert sub-items and
    # their history, release
    user = User.objects.create_user("sec")
    with django_assert_num_queries(8):
        create_items(session, parsed, language="en", by=user)
    assert AgendaItem.objects.filter(session=session).count() == 3 * size
    assert AgendaItem.history.filter(session_id=session.pk, history_user=user).count() == 3 * size


def test_create_items_refuses_a_paste_with_problems_and_saves_nothing(draft):
    parsed = parse_agenda("1. One.\n3. Three.")
    with pytest.raises(ValidationError) as caught:
        create_items(draft, parsed, language="en")
    assert caught.value.messages == [
        "The pasted agenda has problems; correct them first.",
        "Line 2: '3. Three.' follows 1 — expected 2",
    ]
    assert AgendaItem.objects.filter(session=draft).count() == 3


@pytest.mark.parametrize(
    ("status", "label"),
    [("issued", "provisional agenda issued"), ("adopted", "agenda adopted"), ("closed", "closed")],
)
def test_create_items_refuses_an_agenda_that_is_no_longer_a_draft(draft, status, label):
    Session.objects.filter(pk=draft.pk).update(status=status)
    with pytest.raises(ValidationError) as caught:
        create_items(draft, parse_agenda("1. One."), language="en")
    assert caught.value.messages == [
        f"The agenda is {label} and frozen: items can only be pasted into a draft."
    ]
    assert AgendaItem.objects.filter(session=draft).count() == 3


@pytest.mark.parametrize(
    ("parsed", "language", "message"),
    [
        (
            parse_agenda("1. One."),
            "de",
            "Unknown language “de”; use one of ar, zh, en, fr, ru, es.",
        ),
        (parse_agenda("Provisional agenda"), "en", "The paste holds no agenda items."),
        (
            ParsedAgenda(items=[ParsedItem("One", [ParsedItem("a", [ParsedItem("i")])])]),
            "en",
            "Sub-items cannot have sub-items: agendas have two levels only.",
        ),
    ],
)
def test_create_items_refuses_what_it_cannot_save(draft, parsed, language, message):
    with pytest.raises(ValidationError) as caught:
        create_items(draft, parsed, language=language)
    assert caught.value.messages == [message]
    assert AgendaItem.objects.filter(session=draft).count() == 3


def test_create_items_is_all_or_nothing(draft):
    # A hand-built tree whose sub-item fails its check after the items were inserted.
    parsed = ParsedAgenda(
        items=[ParsedItem("One", [ParsedItem("  ", line=2, number="1(a)")], line=1, number="1")]
    )
    with pytest.raises(ValidationError) as caught:
        create_items(draft, parsed, language="en")
    assert caught.value.messages == ["Item 1(a) (line 2) has no title."]
    assert AgendaItem.objects.filter(session=draft).count() == 3


# --- real documents: page furniture, Word bullets, Chinese and Arabic numbering, bis ---------

# The provisional agenda of E/CN.15/2011/1 as copied from its PDF: the masthead, then page 1's
# footer (job number, bar code) and page 2's header (symbol) inside item 4, whose title is
# wrapped there, and page 2's counter between two sub-items.
ECOSOC_PDF = """United Nations E/CN.15/2011/1
Economic and Social Council Distr.: General
1 February 2011
Original: English
Commission on Crime Prevention and Criminal Justice
Twentieth session
Vienna, 11-15 April 2011
Provisional agenda*
1. Election of officers.
2. Adoption of the agenda and other organizational matters.
3. Thematic discussion on protecting children in a digital age：the misuse of technology.
4. Integration and coordination of efforts by the United Nations Office on
V.11-80000 (E) 010211 020211
*1180000*
E/CN.15/2011/1
Drugs and Crime and by Member States in the field of crime prevention:
(a) Ratification and implementation of the Organized Crime Convention;
2/5
E/CN.15/2011/1
Page 2
(b) Other crime prevention and criminal justice matters.
3 bis. World crime trends.
5. Other business.
* E/CN.15/2011/1/Add.1.
"""


def test_a_pdf_paste_drops_its_page_furniture_wherever_it_falls():
    parsed = parse_agenda(ECOSOC_PDF.replace("3 bis.", "4 bis."))
    assert problems(parsed) == []
    assert titles(parsed) == [
        ("Election of officers", []),
        ("Adoption of the agenda and other organizational matters", []),
        ("Thematic discussion on protecting children in a digital age: the misuse of technology",
         []),
        ("Integration and coordination of efforts by the United Nations Office on Drugs and "
         "Crime and by Member States in the field of crime prevention",
         ["Ratification and implementation of the Organized Crime Convention",
          "Other crime prevention and criminal justice matters"]),
        ("World crime trends", []),
        ("Other business", []),
    ]  # fmt: skip
    assert numbers(parsed) == ["1", "2", "3", "4", "4(a)", "4(b)", "4 bis", "5"]
    assert [item.bis for item in parsed.items] == [0, 0, 0, 0, 1, 0]
    dropped = {line.line: (line.text, line.reason) for line in parsed.dropped}
    assert dropped == {
        1: ("United Nations E/CN.15/2011/1", "document header"),
        2: ("Economic and Social Council Distr.: General", "document header"),
        3: ("1 February 2011", "date line"),
        4: ("Original: English", "masthead"),
        5: ("Commission on Crime Prevention and Criminal Justice", "document header"),
        6: ("Twentieth session", "document header"),
        7: ("Vienna, 11-15 April 2011", "document header"),
        13: ("V.11-80000 (E) 010211 020211", "job number"),
        14: ("*1180000*", "bar code"),
        15: ("E/CN.15/2011/1", "document symbol"),
        18: ("2/5", "page number"),
        19: ("E/CN.15/2011/1", "document symbol"),
        20: ("Page 2", "page number"),
        24: ("* E/CN.15/2011/1/Add.1.", "footnote of the heading"),
    }
    assert [s.line for s in parsed.skipped if not s.dropped] == [8]  # the heading
    assert_every_line_accounted_for(ECOSOC_PDF, parsed)


def test_a_bis_item_must_follow_its_item():
    parsed = parse_agenda(ECOSOC_PDF)  # "3 bis" after item 4(b)
    assert problems(parsed) == ["Line 22: '3 bis. World crime trends.' must follow item 3"]
    assert numbers(parse_agenda("1. One.\n1 bis. Late.\n1 ter. Later.\n2. Two.")) == [
        "1", "1 bis", "1 ter", "2"
    ]  # fmt: skip
    assert problems(parse_agenda("1. One.\n1 ter. Late.")) == [
        "Line 2: '1 ter. Late.' must follow item 1 bis"
    ]


def test_the_footnote_of_the_heading_is_dropped_but_star_bullets_are_items():
    parsed = parse_agenda("Provisional agenda*\n1. One.\n2. Two.\n* Annotations to follow.")
    assert titles(parsed) == [("One", []), ("Two", [])]
    assert [s.reason for s in parsed.dropped] == ["footnote of the heading"]
    parsed = parse_agenda("Provisional agenda*\n* One.\n* Two.")
    assert titles(parsed) == [("One", []), ("Two", [])]


def test_furniture_lines_are_never_titles_but_a_general_may_end_a_wrapped_title():
    parsed = parse_agenda("1. Report of the Director-\nGeneral.\n2. Other matters.")
    assert titles(parsed) == [("Report of the Director-General", []), ("Other matters", [])]
    parsed = parse_agenda("United Nations\nGeneral\nProvisional agenda\n1. One.")
    assert [(s.text, s.reason) for s in parsed.dropped] == [
        ("United Nations", "masthead"),
        ("General", "masthead"),
    ]
    # A title with a slash or a number in it is no symbol and no page counter.
    parsed = parse_agenda("1. HIV/AIDS.\n2. Programme 2024-2025:\n(a) Budget.")
    assert titles(parsed) == [("HIV/AIDS", []), ("Programme 2024-2025", ["Budget"])]


WORD_BULLETS = (
    "\uf0b7\tOrganizational matters:\n"
    "o\tOpening of the session;\n"
    "o\tAdoption of the agenda and organization of work.\n"
    "\uf0b7\tOther matters.\n"
    "•\tAdoption of the report."
)


def test_word_bullets_make_items_and_its_o_bullets_sub_items():
    parsed = parse_agenda(WORD_BULLETS.replace("•", "\uf0b7"))
    assert problems(parsed) == []
    assert titles(parsed) == [
        ("Organizational matters", ["Opening of the session",
                                    "Adoption of the agenda and organization of work"]),
        ("Other matters", []),
        ("Adoption of the report", []),
    ]  # fmt: skip
    # Into a browser, Word's Symbol bullet often arrives as "·" and its tab as spaces.
    parsed = parse_agenda(
        "·\u00a0\u00a0 Organizational matters:\no\u00a0\u00a0 Opening.\n·   Other."
    )
    assert titles(parsed) == [("Organizational matters", ["Opening"]), ("Other", [])]
    # Indented o bullets under numbered items, and a § third level, as Word pastes them.
    parsed = parse_agenda("1. One:\n\to\tFirst;\n\to\tSecond.\n2. Two:\n\t§ Deeper.")
    assert titles(parsed) == [("One", ["First", "Second"]), ("Two", ["Deeper"])]
    parsed = parse_agenda("• One:\n  o First;\n    § Deeper.\n• Two.")
    assert problems(parsed) == [f"Line 3: 'Deeper.' is indented as a third level; {THIRD_LEVEL}"]


CHINESE_OUTLINE = """临时议程
一、组织事项：
（一）会议开幕；
（二）通过议程和工作安排。
二、技术在刑事事项国际合作方面的作用和影响。
十、其他事项。"""


def test_chinese_outline_numbering():
    parsed = parse_agenda(CHINESE_OUTLINE.replace("十、", "三、"))
    assert problems(parsed) == []
    assert titles(parsed) == [
        ("组织事项", ["会议开幕", "通过议程和工作安排"]),
        ("技术在刑事事项国际合作方面的作用和影响", []),
        ("其他事项", []),
    ]
    assert numbers(parsed) == ["1", "1(a)", "1(b)", "2", "3"]
    assert problems(parse_agenda(CHINESE_OUTLINE)) == [
        "Line 6: '十、其他事项。' follows 2 — expected 3"
    ]


@pytest.mark.parametrize(
    ("text", "number"),
    [("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20), ("二十一", 21), ("十十", 0)],
)
def test_chinese_numbers(text, number):
    assert chinese_number(text) == number


ARABIC = f"""{TERMS["ar"]["agenda"]}
1 - المسائل التنظيمية:
(أ) افتتاح الدورة؛
(ب) إقرار جدول الأعمال وتنظيم الأعمال.
2 - مسائل أخرى.
3 - اعتماد التقرير."""


def test_an_arabic_agenda_with_abjad_sub_items():
    parsed = parse_agenda(ARABIC)
    assert problems(parsed) == []
    assert titles(parsed) == [
        ("المسائل التنظيمية", ["افتتاح الدورة", "إقرار جدول الأعمال وتنظيم الأعمال"]),
        ("مسائل أخرى", []),
        ("اعتماد التقرير", []),
    ]


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        (
            "Thematic discussion：the misuse of technology",
            "Thematic discussion: the misuse of technology",
        ),
        ("Opening （continued）， and closing", "Opening (continued), and closing"),
        ("主题讨论：技术的滥用", "主题讨论：技术的滥用"),  # Chinese keeps its punctuation
    ],
)
def test_full_width_punctuation_in_latin_titles_is_normalised(typed, title):
    parsed = parse_agenda(f"1. {typed}.")
    assert titles(parsed) == [(title, [])]


def test_renumber_gives_the_numbers_the_items_will_get():
    parsed = parse_agenda("1. One:\n(a) Sub.\n1 bis. Late.\n2. Two.")
    parsed.renumber(4)
    assert numbers(parsed) == ["4", "4(a)", "4 bis", "5"]


def test_create_items_writes_bis_and_can_replace_a_draft(draft):
    factories.item(draft, "Old one")
    parsed = parse_agenda("1. One.\n1 bis. Late.\n2. Two.")
    create_items(draft, parsed, language="en", replace=True)
    items = AgendaItem.objects.filter(session=draft)
    assert number_items(items) == {i.pk: n for i, n in zip(
        items.order_by("position"), ["1", "1 bis", "2"], strict=True)}  # fmt: skip
    assert not items.filter(title__en="Old one").exists()


def test_create_items_does_not_replace_a_published_agenda(draft):
    factories.item(draft, "Old one")
    factories.publish(draft)
    before = AgendaItem.objects.filter(session=draft).count()
    # Even if the session were a draft again, what was published keeps its items.
    Session.objects.filter(pk=draft.pk).update(status=Session.Status.DRAFT)
    with pytest.raises(ValidationError, match="cannot be replaced"):
        create_items(draft, parse_agenda("1. One."), language="en", replace=True)
    assert AgendaItem.objects.filter(session=draft).count() == before
