"""Issue 16's "Done when", in a real browser: a secretariat member of the Commission on Crime
Prevention and Criminal Justice builds an 8-item agenda (items 1-8 of the provisional agenda of
its thirty-third session, E/CN.15/2024/1) with its organization of work, from text pasted with
a PDF's page furniture, entirely in the Chinese interface: at most 23 clicks (half of the 46 the
issue counted), and no English on any page or error the user meets. Labels are read from the
catalogues, so the test follows the Chinese the user sees."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.utils import translation
from playwright.sync_api import expect

from agenda.models import AgendaItem, ScheduledItem
from meetings.models import Session
from tests import factories
from tests.interface_language import english_in

pytestmark = pytest.mark.django_db(transaction=True)

MAX_CLICKS = 23
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"

PASTE = """联合国                                                   E/CN.15/2024/1
经济及社会理事会
Distr.: General
2024年2月22日
Chinese
Original: English
预防犯罪和刑事司法委员会
第三十三届会议
2024年5月13日至17日，维也纳
临时议程和说明
临时议程*
1. 选举主席团成员。
2. 通过议程和其他组织事项。
3. 战略管理、预算和行政问题：
(a) 关于改进联合国毒品和犯罪问题办公室治理和财务状况的常设不限成员名额政府间工作组的工作；
(b) 关于联合国预防犯罪和刑事司法方案的政策和预算问题的指示；
(c) 预防犯罪和刑事司法委员会的工作方法；
(d) 联合国毒品和犯罪问题办公室工作人员组成及其他事项。
4. 专题讨论。
5. 联合国毒品和犯罪问题办公室和会员国在预防犯罪和刑事司法领域的努力的
* E/CN.15/2024/1/Add.1。
V.24-01234 (C)    220224    230224
*2401234*
E/CN.15/2024/1
2/5
整合与协调。
6. 联合国预防犯罪和刑事司法标准和规范的使用和适用。
V.24-01234 (C)
3/5
7. 第十四届联合国预防犯罪和刑事司法大会的后续行动和第十五届联合国预防犯罪和刑事司法大会的筹备工作。
8. 预防犯罪和刑事司法领域的世界犯罪趋势和新出现的问题及对策。"""


def zh(message: str) -> str:
    with translation.override("zh"):
        return translation.gettext(message)


class Secretariat:
    """The user at the keyboard: every click and field is counted, every page read for English."""

    def __init__(self, page):
        self.page = page
        self.clicks = self.fields = 0

    def click(self, locator):
        self.clicks += 1
        locator.click()

    def fill(self, locator, text):
        self.fields += 1
        locator.fill(text)

    def choose(self, locator, value):
        self.fields += 1
        locator.select_option(value)

    def sees(self, where):
        self.page.wait_for_load_state()
        found = english_in(self.page.content(), "zh")
        assert found == [], f"{where}: English on the page: {found}"


def test_a_real_agenda_with_its_organization_of_work_in_chinese(live_server, page):
    venue = factories.venue(
        slug="vic", name={"en": "Vienna International Centre", "zh": "维也纳国际中心"}
    )
    body = factories.body(
        slug="ccpcj",
        name={
            "en": "Commission on Crime Prevention and Criminal Justice",
            "zh": "预防犯罪和刑事司法委员会",
        },
        abbreviation="E/CN.15",
        symbol_prefix="E/CN.15",
        duty_station=venue,
    )
    user = User.objects.create_user("秘书处干事", password="a-long-password-1")
    body.secretariat.add(user)
    page.context.add_cookies([{"name": "django_language", "value": "zh", "url": live_server.url}])
    me = Secretariat(page)

    # Sign in from the body's page.
    page.goto(f"{live_server.url}/bodies/ccpcj/")
    me.sees("body page")
    me.click(page.get_by_role("link", name=zh("Log in")))
    me.sees("login page")
    me.fill(page.get_by_label(zh("User name")), "秘书处干事")
    me.fill(page.get_by_label(zh("Password")), "a-long-password-1")
    me.click(page.get_by_role("button", name=zh("Log in")))

    # The session, titled in Chinese, its original language.
    me.click(page.get_by_role("link", name=zh("New session")))
    me.sees("new session form")
    me.choose(page.locator("[name=original_language]"), "zh")
    me.fill(page.locator("[name=title]"), "预防犯罪和刑事司法委员会第三十三届会议")
    me.fill(page.locator("[name=number]"), "33")
    me.fill(page.locator("[name=start_date]"), "2024-05-13")
    me.fill(page.locator("[name=end_date]"), "2024-05-14")
    me.fill(page.locator("[name=agenda_symbol]"), "E/CN.15/2024/1")
    me.click(page.get_by_role("button", name=zh("Create the session")))
    me.sees("editor")

    # Paste the agenda as the PDF gives it: the furniture is dropped and listed, never merged.
    me.click(page.get_by_role("link", name=zh("paste a whole agenda")))
    me.fill(page.locator("textarea[name=text]"), PASTE)
    me.click(page.get_by_role("button", name=zh("Preview")))
    me.sees("paste preview")
    preview = page.locator(".paste-preview")
    for dropped in ("V.24-01234 (C)", "*2401234*", "2/5"):
        expect(preview).to_contain_text(dropped)
    me.click(page.locator("button[name=create]"))
    me.sees("editor with the pasted agenda")
    session = Session.objects.get(body=body, number=33)
    assert AgendaItem.objects.filter(session=session, parent=None).count() == 8
    assert AgendaItem.objects.filter(session=session).exclude(parent=None).count() == 4
    titles = [
        t for t in AgendaItem.objects.filter(session=session).values_list("title__zh", flat=True)
    ]
    item5 = next(t for t in titles if t.startswith("联合国毒品和犯罪问题办公室和会员国"))
    assert item5 == "联合国毒品和犯罪问题办公室和会员国在预防犯罪和刑事司法领域的努力的整合与协调"

    # An annotation whose footnote reference has no footnote: refused at the field, in Chinese.
    me.click(page.get_by_role("link", name=re.compile(zh("Edit") + ".*2$")).first)
    annotation = page.locator("textarea[name=annotation]").first
    me.fill(annotation, "委员会将选出主席团成员。[^1]")
    me.click(page.get_by_role("button", name=zh("Save"), exact=True))
    expect(page.locator(".item-form .error")).to_be_visible()
    me.sees("footnote error")
    expect(annotation).to_have_value("委员会将选出主席团成员。[^1]")
    footnotes = page.locator(".footnotes-editor")
    me.fill(footnotes.locator("[name=text]").last, "见 E/CN.15/2023/13。")
    me.click(footnotes.get_by_role("button", name=zh("Add footnote")))
    expect(footnotes.get_by_role("button", name=zh("Save footnote"))).to_be_visible()
    me.click(page.get_by_role("button", name=zh("Save"), exact=True))
    expect(page.locator("li.editor-item .badge")).to_have_count(1)
    me.sees("editor after the annotation")

    # The organization of work: three meetings in the next free slots (one refused first for
    # its end time), then a proposal in agenda order.
    me.click(page.get_by_role("link", name=zh("Organization of work")).first)
    me.sees("organization page")
    add = page.locator("form.add-sitting")
    me.click(add.get_by_role("button", name=zh("Add meeting")))
    expect(page.locator("#meeting-1")).to_be_visible()
    me.fill(add.locator("[name=end_time]"), "14:00")
    me.fill(add.locator("[name=start_time]"), "18:00")
    me.click(add.get_by_role("button", name=zh("Add meeting")))
    expect(add.locator(".error")).to_be_visible()
    me.sees("meeting error")
    me.fill(add.locator("[name=start_time]"), "15:00")
    me.fill(add.locator("[name=end_time]"), "18:00")
    me.click(add.get_by_role("button", name=zh("Add meeting")))
    expect(page.locator("#meeting-2")).to_be_visible()
    me.click(add.get_by_role("button", name=zh("Add meeting")))
    expect(page.locator("#meeting-3")).to_be_visible()
    me.click(page.get_by_role("button", name=zh("Propose an organization of work")))
    expect(page.locator("#meeting-3 .lines li").first).to_be_visible()
    me.sees("organization proposed")
    assert ScheduledItem.objects.filter(sitting__session=session).count() >= 11

    # Issue the agenda, then read it as a delegate.
    me.click(page.locator("nav.breadcrumbs a, a.back").last)
    me.click(page.get_by_role("link", name=zh("Issue the provisional agenda…")))
    me.sees("issue confirmation")
    me.click(page.get_by_role("button", name=zh("Issue the provisional agenda")))
    me.sees("editor after the issue")
    assert Session.objects.get(pk=session.pk).status == "issued"

    delegate = page.context.browser.new_context()
    delegate.add_cookies([{"name": "django_language", "value": "zh", "url": live_server.url}])
    public = delegate.new_page()
    public.goto(f"{live_server.url}/bodies/ccpcj/sessions/33/")
    expect(public.get_by_text("选举主席团成员").first).to_be_visible()
    expect(public.get_by_text("预防犯罪和刑事司法领域的世界犯罪趋势").first).to_be_visible()
    assert english_in(public.content(), "zh") == []
    delegate.close()

    # The pages the user worked on, on a wide screen and on a phone: nothing wider than it.
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    editor = f"{live_server.url}/bodies/ccpcj/sessions/33/edit/"
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        for name, url in (("editor", editor), ("organization", editor + "organization/")):
            page.goto(url)
            page.screenshot(path=str(ARTIFACTS / f"zh-{name}-{width}.png"), full_page=True)
            overflow = "document.documentElement.scrollWidth - window.innerWidth"
            assert page.evaluate(overflow) <= 0, (name, width)

    print(f"clicks {me.clicks}, fields {me.fields}")
    assert me.clicks <= MAX_CLICKS
