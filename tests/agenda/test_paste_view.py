"""The paste page: preview first, then create; problems shown, nothing lost."""

import pytest

from agenda.models import AgendaItem
from agenda.numbering import ordered_tree
from tests import factories
from tests.agenda.conftest import edit_url as url

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
    html = response.content.decode()
    assert response.status_code == 200
    assert "组织事项" in html and "会议开幕" in html
    assert 'name="create">Add these 6 items' in html
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
    html = response.content.decode()
    assert response.status_code == 422
    assert "Line 2: &#x27;3. Three.&#x27; follows 1 — expected 2" in html
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
