"""The paste page: preview first, then create; problems shown, nothing lost."""

from html.parser import HTMLParser

import pytest

from agenda.models import AgendaItem
from agenda.rules.numbering import number_items, ordered_tree
from meetings.models import Session
from tests import factories
from tests.agenda.conftest import edit_url as url
from tests.parsed import parse

pytestmark = pytest.mark.django_db

SEED_AGENDA_ZH = """临时议程
1. 组织事项：
(a) 会议开幕；
(b) 通过议程和工作安排。
2. 技术在刑事事项国际合作方面的作用和影响：机遇、挑战和能力建设需要。
3. 其他事项。
4. 通过报告。"""


def test_preview_then_create(client, draft, editor):
    page = url("agenda-paste", draft)
    response = client.post(page, {"text": SEED_AGENDA_ZH, "lang": "zh", "preview": ""})
    html = parse(response.content)
    assert response.status_code == 200
    assert "组织事项" in html.visible_text and "会议开幕" in html.visible_text
    assert html.find(name="create").text == "Add these 6 items"
    assert not AgendaItem.objects.exists()  # a preview saves nothing
    response = client.post(page, {"text": SEED_AGENDA_ZH, "lang": "zh", "create": ""})
    assert response.status_code == 302
    tree = ordered_tree(AgendaItem.objects.all())
    titles = [i.title["zh"] for top, subs in tree for i in (top, *subs)]
    assert titles == [
        "组织事项",
        "会议开幕",
        "通过议程和工作安排",
        "技术在刑事事项国际合作方面的作用和影响：机遇、挑战和能力建设需要",
        "其他事项",
        "通过报告",
    ]


def test_problems_are_listed_and_nothing_is_created(client, draft, editor):
    text = "1. One.\n3. Three.\nstray line"
    response = client.post(url("agenda-paste", draft), {"text": text, "create": ""})
    html = parse(response.content).visible_text
    assert response.status_code == 422
    assert "Line 2: '3. Three.' follows 1 — expected 2" in html
    assert "Add these" not in html
    assert not AgendaItem.objects.exists()


def test_pasting_continues_the_numbering_of_an_existing_agenda(client, draft, editor):
    factories.item(draft, "Existing")
    response = client.post(url("agenda-paste", draft), {"text": "2. Next.", "create": ""})
    assert response.status_code == 302
    assert AgendaItem.objects.filter(session=draft).count() == 2


def test_an_issued_agenda_refuses_pastes(client, draft, editor):
    draft.status = "issued"
    draft.save()
    response = client.post(url("agenda-paste", draft), {"text": "1. Late.", "create": ""})
    assert "only be pasted into a draft" in response.content.decode()
    assert not AgendaItem.objects.exists()


class _Collector(HTMLParser):
    """The texts of the elements with a given class, from a page."""

    def __init__(self, css_class: str):
        super().__init__()
        self.css_class, self.depth, self.texts = css_class, 0, []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += 1
        elif self.css_class in (dict(attrs).get("class") or "").split():
            self.depth = 1
            self.texts.append("")

    def handle_endtag(self, tag):
        self.depth = max(0, self.depth - 1)

    def handle_data(self, data):
        if self.depth:
            self.texts[-1] += data


def texts(html: str, css_class: str) -> list[str]:
    collector = _Collector(css_class)
    collector.feed(html)
    return [" ".join(text.split()) for text in collector.texts]


PASTE = "1. Opening of the session.\n2. Other matters:\n(a) First;\n(b) Second."


def test_the_preview_shows_the_numbers_the_items_will_get_after_the_existing_ones(
    client, draft, editor
):
    for title in ("Opening", "Elections", "Adoption of the agenda"):
        factories.item(draft, title)
    existing = 3
    page = url("agenda-paste", draft)
    html = client.get(page).content.decode()
    assert "Replace the existing items" in html  # a draft never published can be replaced
    response = client.post(page, {"text": PASTE, "mode": "append", "preview": ""})
    html = response.content.decode()
    n = existing + 1
    assert texts(html, "number") == [f"{n}.", f"{n + 1}.", f"{n + 1}(a)", f"{n + 1}(b)"]
    assert texts(html, "notice") == [
        f"These items go after the {existing} items of the agenda, numbered as shown."
    ]
    response = client.post(page, {"text": PASTE, "mode": "append", "create": ""})
    assert response.status_code == 302
    tree = ordered_tree(AgendaItem.objects.filter(session=draft))
    numbers = number_items(AgendaItem.objects.filter(session=draft))
    assert [(numbers[top.pk], top.title["en"]) for top, _subs in tree][-2:] == [
        (str(n), "Opening of the session"),
        (str(n + 1), "Other matters"),
    ]


def test_replace_removes_the_existing_items_of_a_draft(client, draft, editor):
    old = factories.item(draft, "Old")
    factories.item(draft, "Old sub", parent=old)
    page = url("agenda-paste", draft)
    response = client.post(page, {"text": PASTE, "mode": "replace", "preview": ""})
    html = response.content.decode()
    assert texts(html, "number") == ["1.", "2.", "2(a)", "2(b)"]
    assert "Replace the agenda with these 4 items" in html
    response = client.post(page, {"text": PASTE, "mode": "replace", "create": ""})
    assert response.status_code == 302
    tree = ordered_tree(AgendaItem.objects.filter(session=draft))
    assert [(t.title["en"], [s.title["en"] for s in subs]) for t, subs in tree] == [
        ("Opening of the session", []),
        ("Other matters", ["First", "Second"]),
    ]


def test_a_published_agenda_offers_no_replace(client, draft, editor):
    factories.item(draft, "Old")
    factories.publish(draft)
    Session.objects.filter(pk=draft.pk).update(status=Session.Status.DRAFT)
    page = url("agenda-paste", draft)
    html = client.get(page).content.decode()
    assert "Replace the existing items" not in html
    assert "cannot be replaced" in html
    before = AgendaItem.objects.filter(session=draft).count()
    response = client.post(page, {"text": PASTE, "mode": "replace", "create": ""})
    assert response.status_code == 302  # added after them: replacing is not on offer
    assert AgendaItem.objects.filter(session=draft).count() == before + 4


def test_the_preview_lists_dropped_furniture_with_its_reason(client, draft, editor):
    text = (
        "1. Integration of efforts by the Office on\nV.11-80000 (E) 010211 020211\n"
        "*1180000*\nE/CN.15/2011/1\nDrugs and Crime.\n2. Other."
    )
    html = client.post(
        url("agenda-paste", draft), {"text": text, "mode": "replace", "preview": ""}
    ).content.decode()
    assert texts(html, "reason") == ["(job number)", "(bar code)", "(document symbol)"]
    assert (
        "Integration of efforts by the Office on Drugs and Crime" in texts(html, "preview-list")[0]
    )


def test_paste_problems_and_reasons_are_in_the_users_language(client, draft, editor):
    text = "1. One.\n3. Three.\n2/5"
    response = client.post(
        url("agenda-paste", draft),
        {"text": text, "mode": "replace", "preview": ""},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    html = response.content.decode()
    problems = texts(html, "problems")[0]
    assert "Line" not in problems and "expected" not in problems and "follows" not in problems
    assert texts(html, "reason") == ["(页码)"]
