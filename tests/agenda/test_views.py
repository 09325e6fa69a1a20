import json
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from agenda.models import DocumentLink
from agenda.outputs.exchange import export_session
from meetings.models import Session
from tests import factories
from tests.parsed import parse

pytestmark = pytest.mark.django_db


def session_url(session, **query):
    url = reverse("session-detail", args=[session.body.slug, session.number])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def wg3(seeded):
    return Session.objects.get(body__slug="ctoc-cop-wg3", number=15)


def test_wg3_public_page_shows_the_whole_provisional_agenda(client, wg3):
    page = parse(client.get(session_url(wg3, lang="zh")).content)
    text = page.visible_text
    for shown in [
        "CTOC/COP/WG.3/2024/1",
        "Distr.: General",
        "Original: English",
        "联合国打击跨国有组织犯罪公约缔约方会议",
        "国际合作工作组第十五次会议",
        "2024年6月5日和6日，维也纳",
        "临时议程说明",
        "拟议工作安排",
        "6月5日，星期三",
        "6月6日，星期四",
    ]:
        assert shown in text, shown
    # sub-items: their letter, then their title isolated for the bidirectional algorithm
    subs = [(n.text, n.after[1].text) for n in page.select("span.number") if n.after[1:]]
    assert ("(a)", "会议开幕") in subs
    assert ("(b)", "通过议程和工作安排") in subs
    # a Documentation entry: its page in the register, the symbol unbreakable, then its
    # official text in the reader's language
    entry = page.find("a", class_="document-page", href="/documents/CTOC/COP/WG.3/2024/2?lang=zh")
    assert entry.visible_text == (
        "秘书处编写的背景文件，内容是技术在刑事事项国际合作方面的作用和影响："
        "机遇、挑战和能力建设需要（CTOC/COP/WG.3/2024/2）"
    )
    assert entry.find("span", class_="symbol-text").text == "CTOC/COP/WG.3/2024/2"
    official = page.find(
        "a", class_="official-text", href="https://undocs.org/zh/CTOC/COP/WG.3/2024/2"
    )
    assert official["hreflang"] == "zh"
    symbols = [span.text for span in page.select("span.symbol-text")]
    assert "CTOC/COP/WG.2/2024/4" in symbols and "CTOC/COP/WG.3/2024/4" in symbols
    # symbols and web addresses in footnotes are links
    cited = page.find("a", class_="symbol-link", href="https://undocs.org/zh/CTOC/COP/WG.3/2023/4")
    assert cited.visible_text == "CTOC/COP/WG.3/2023/4"
    footnote_7 = page.find("li", id="fn-7")
    assert footnote_7["value"] == "7"
    assert footnote_7.find("a", class_="web-link")["href"].startswith(
        "https://www.unodc.org/unodc/en/treaties/CTOC/"
    )
    annex = page.select_one("section.organization").visible_text
    assert "技术在刑事事项国际合作方面的作用和影响：机遇、挑战和能力建设需要（续）" in annex
    assert annex.count("（续）") == 2


def test_wg3_page_in_english(client, wg3):
    page = parse(client.get(session_url(wg3)).content)
    assert "Provisional agenda and annotations" in page.visible_text
    assert "Wednesday, 5 June" in page.visible_text
    annex = page.select_one("section.organization").visible_text
    assert "Other matters (continued)" not in annex
    assert annex.count(" (continued)") == 2


def test_missing_translations_fall_back_to_the_original_marked(client, wg3):
    html = parse(client.get(session_url(wg3, lang="fr")).content)
    # the document's own headings
    assert "Projet d’organisation des travaux" in html.visible_text
    assert html.find("span", lang="en", class_="fallback")  # content not in French yet


def test_unknown_language_falls_back_to_the_original(client, wg3):
    html = parse(client.get(session_url(wg3, lang="xx")).content)
    assert html.find("html").attrs == {"lang": "en", "dir": "ltr"}
    assert html.select_one("article.un-document")["lang"] == "en"


def test_draft_sessions_are_hidden_from_the_public(client):
    draft = factories.session(status=Session.Status.DRAFT)
    assert client.get(session_url(draft)).status_code == 404
    body_page = client.get(reverse("body-detail", args=[draft.body.slug])).content.decode()
    assert "No public sessions." in body_page
    # Staff of another body do not see it either; the body's own secretariat does.
    client.force_login(User.objects.create_user("staff", is_staff=True))
    assert client.get(session_url(draft)).status_code == 404
    assert "No public sessions." in client.get(draft.body.get_absolute_url()).content.decode()
    draft.body.secretariat.add(User.objects.get(username="staff"))
    assert client.get(session_url(draft)).status_code == 200
    assert "Draft" in client.get(draft.body.get_absolute_url()).content.decode()


def test_body_pages_list_bodies_and_sessions(client, seeded):
    home = client.get(reverse("body-list")).content.decode()
    assert "Working Group on International Cooperation" in home
    page = client.get(reverse("body-detail", args=["ctoc-cop-wg3"])).content.decode()
    assert "Fifteenth meeting of the Working Group on International Cooperation" in page
    assert "5 and 6 June 2024" in page


def test_json_export_download(client, wg3):
    response = client.get(reverse("session-export", args=["ctoc-cop-wg3", 15]))
    assert response["Content-Disposition"] == 'attachment; filename="ctoc-cop-wg3-15.json"'
    assert json.loads(response.content) == export_session(wg3)
    # its texts are in Chinese and English, whatever the interface language of the request
    client.cookies["django_language"] = "ar"
    response = client.get(reverse("session-export", args=["ctoc-cop-wg3", 15]))
    assert response["Content-Language"] == "zh, en"


def build_session(items: int) -> Session:
    session = factories.session(body=factories.body(parent=factories.body()))
    morning = factories.sitting(session, number=1)
    afternoon = factories.sitting(session, number=2, start="15:00", end="18:00")
    for n in range(items):
        item = factories.item(session, f"Item {n}", annotation={"en": f"Text[^{n}]."})
        factories.footnote(item, str(n), "A note.")
        sub = factories.item(session, f"Sub {n}", parent=item)
        listed = factories.document()
        factories.document(f"{listed.symbol}/Corr.1")
        DocumentLink.objects.create(item=sub, document=listed)
        factories.schedule(morning if n % 2 else afternoon, item)
    factories.publish(session)
    return session


@pytest.mark.parametrize("items", [2, 20])
def test_session_page_query_count_does_not_grow_with_the_agenda(
    client, django_assert_num_queries, items
):
    session = build_session(items)
    # the current version, its content (everything else is rebuilt from it), and which of
    # its PDFs are still on the task queue
    with django_assert_num_queries(3):
        response = client.get(session_url(session))
    assert response.status_code == 200


@pytest.mark.parametrize("items", [2, 20])
def test_export_query_count_does_not_grow_with_the_agenda(django_assert_num_queries, items):
    session = build_session(items)
    with django_assert_num_queries(7):
        export_session(session)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


def test_the_public_page_is_kept_whole_with_a_fresh_csrf_token_each_time(
    seeded, django_assert_num_queries
):
    client = Client(enforce_csrf_checks=True)
    url = reverse("session-detail", args=["ctoc-cop-wg3", 15])  # the cookie picks the language
    first = client.get(url).content.decode()
    # the current version and which of its PDFs are still rendering; the page itself is kept
    with django_assert_num_queries(2):
        second = client.get(url).content.decode()
    assert csrf_of(first) != csrf_of(second)  # masked anew for every response
    assert first.replace(csrf_of(first), "") == second.replace(csrf_of(second), "")
    switched = client.post(
        reverse("set_language"),
        {"language": "zh", "next": url, "csrfmiddlewaretoken": csrf_of(second)},
    )
    assert switched.status_code == 302
    in_chinese = parse(client.get(url).content)
    assert in_chinese.find("html")["lang"] in ("zh-hans", "zh")
    # another interface language, another page
    assert "Log in" not in in_chinese.visible_text


def test_signed_in_readers_get_their_own_page(client, seeded):
    url = reverse("session-detail", args=["ctoc-cop-wg3", 15])
    client.get(url)  # kept for anonymous readers
    client.force_login(User.objects.create_user("reader"))
    html = client.get(url).content.decode()
    assert "reader" in html and "Log out" in html
