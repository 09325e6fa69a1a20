"""Standing items recognised by their titles, in the six languages (agenda.rules.standing_items)."""

from types import SimpleNamespace

import pytest
from django.conf import settings

from agenda.models import AgendaItem
from agenda.rules.numbering import number_items, ordered_tree
from agenda.rules.standing_items import standing_items, standing_kind
from agenda.services.paste import parse_agenda

SOURCE = settings.BASE_DIR / "seeds" / "source" / "003_2c512c1415575397.txt"


@pytest.mark.parametrize(
    ("language", "title", "kind"),
    [
        ("en", "Opening of the session", "opening"),
        ("en", "Opening of the meeting.", "opening"),
        ("zh", "会议开幕", "opening"),
        ("zh", "届会开幕", "opening"),
        ("fr", "Ouverture de la session", "opening"),
        ("es", "Apertura del período de sesiones", "opening"),
        ("ru", "Открытие сессии", "opening"),
        ("ar", "افتتاح الدورة", "opening"),
        ("en", "Organizational matters:", "organizational"),
        ("zh", "组织事项：", "organizational"),
        ("fr", "Questions d’organisation", "organizational"),
        ("es", "Cuestiones de organización", "organizational"),
        ("ru", "Организационные вопросы", "organizational"),
        ("ar", "المسائل التنظيمية", "organizational"),
        ("en", "Election of officers", "election"),
        ("fr", "Élection du Bureau", "election"),
        ("es", "Elección de la Mesa", "election"),
        ("ru", "Выборы должностных лиц", "election"),
        ("ar", "انتخاب أعضاء المكتب", "election"),
        ("zh", "选举主席团成员", "election"),
        ("en", "Adoption of the agenda and organization of work", "agenda"),
        ("zh", "通过议程和工作安排", "agenda"),
        ("fr", "Adoption de l'ordre du jour et organisation des travaux", "agenda"),
        ("es", "Aprobación del programa y organización de los trabajos", "agenda"),
        ("ru", "Утверждение повестки дня и организация работы", "agenda"),
        ("ar", "إقرار جدول الأعمال وتنظيم الأعمال", "agenda"),
        ("en", "Other matters", "other"),
        ("zh", "其他事项。", "other"),
        ("fr", "Questions diverses", "other"),
        ("es", "Otros asuntos", "other"),
        ("ru", "Прочие вопросы", "other"),
        ("ar", "مسائل أخرى", "other"),
        ("en", "Provisional agenda for the next session", "next_agenda"),
        ("zh", "下届会议临时议程", "next_agenda"),
        ("fr", "Ordre du jour provisoire de la prochaine session", "next_agenda"),
        ("en", "Adoption of the report", "report"),
        ("en", "Adoption of the report of the Commission on its thirty-fourth session", "report"),
        ("zh", "通过报告", "report"),
        ("zh", "通过工作组会议报告", "report"),
        ("fr", "Adoption du rapport", "report"),
        ("es", "Aprobación del informe", "report"),
        ("ru", "Утверждение доклада", "report"),
        ("ar", "اعتماد التقرير", "report"),
        # Substantive items are none of these.
        ("en", "Role and impact of technology in international cooperation", ""),
        ("en", "Report of the Secretariat on other matters", ""),
        ("zh", "技术在刑事事项国际合作方面的作用和影响：机遇、挑战和能力建设需要", ""),
        ("fr", "Rapport du Secrétariat sur les questions diverses", ""),
        ("ru", "Доклад о ходе работы", ""),
    ],
)
def test_a_title_in_any_language_names_its_kind(language, title, kind):
    assert standing_kind({language: title}) == kind


def test_a_wording_counts_only_in_its_own_language():
    # "Opening of the" typed as the French title is not French for an opening.
    assert standing_kind({"fr": "Opening of the session"}) == ""
    assert standing_kind({"en": "Role of technology", "zh": "其他事项"}) == "other"


def row(**fields):
    return SimpleNamespace(fixed_number=None, bis=0, **fields)


def items_of(parsed):
    """Unsaved items standing for the parsed agenda: primary keys by position."""
    rows, pk = [], 0
    for position, item in enumerate(parsed.items):
        pk += 1
        top = row(pk=pk, parent_id=None, position=position, title={"zh": item.title})
        rows.append(top)
        for k, sub in enumerate(item.children):
            pk += 1
            rows.append(row(pk=pk, parent_id=top.pk, position=k, title={"zh": sub.title}))
    return rows


def standing_numbers(rows) -> list[str]:
    numbers = number_items(rows)
    tree = ordered_tree(rows)
    found = standing_items(tree)
    return [numbers[row.pk] for top, subs in tree for row in (top, *subs) if row.pk in found]


def test_the_chinese_seed_agenda():
    source = SOURCE.read_text(encoding="utf-8")
    start = source.index("临时议程\n")
    parsed = parse_agenda(source[start : source.index("\n说明\n", start)])
    assert standing_numbers(items_of(parsed)) == ["1", "1(a)", "1(b)", "4", "5"]


def test_the_seeded_wg3_session(wg3):
    assert standing_numbers(list(AgendaItem.objects.filter(session=wg3))) == [
        "1",
        "1(a)",
        "1(b)",
        "4",
        "5",
    ]


def test_a_substantive_sub_item_of_a_standing_item_stays_behind():
    rows = [
        row(pk=1, parent_id=None, position=0, title={"en": "Opening of the session"}),
        row(pk=2, parent_id=1, position=0, title={"en": "Election of officers"}),
        row(pk=3, parent_id=1, position=1, title={"en": "Statement by the Chair"}),
        row(pk=4, parent_id=None, position=1, title={"en": "Thematic discussion"}),
        # A standing title under a substantive item is not carried on its own.
        row(pk=5, parent_id=4, position=0, title={"en": "Other matters"}),
    ]
    assert standing_numbers(rows) == ["1", "1(a)"]
