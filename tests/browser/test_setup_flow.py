"""An administrator sets up a new body in a real browser, and its first session in Chinese.

The test thread reads the database only after the page shows that the server has answered:
the live server and the test share one SQLite database.
"""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from meetings.models import Body, Session
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_an_administrator_creates_a_body_then_a_session_in_chinese(live_server, page):
    factories.venue(slug="vic", name={"en": "Vienna International Centre"})
    User.objects.create_superuser("root", password="a-long-password-1")
    User.objects.create_user("officer", password="a-long-password-2")
    log_in(page, live_server, "root", "a-long-password-1")

    page.get_by_role("link", name="New body").click()
    names = page.get_by_role("group", name="Name")
    names.get_by_label("English").fill("Working Group on Firearms")
    names.get_by_label("Chinese").fill("枪支问题工作组")
    page.get_by_label("Abbreviation").fill("WG.6")
    page.get_by_label("Web address").fill("Firearms WG")  # refused: not an address
    page.get_by_label("Document series").fill("CTOC/COP/WG.6")
    page.get_by_label("Duty station").select_option(label="Vienna International Centre")
    page.get_by_role("group", name="Secretariat members").get_by_label("officer").check()
    page.get_by_role("button", name="Create the body").click()
    expect(page.locator("#id_slug-error")).to_contain_text("Use lower-case letters")
    # What was typed is kept; only the address needs correcting.
    expect(names.get_by_label("Chinese")).to_have_value("枪支问题工作组")
    page.get_by_label("Web address").fill("ctoc-cop-wg6")
    page.get_by_role("button", name="Create the body").click()
    expect(page.get_by_role("heading", name="Working Group on Firearms")).to_be_visible()
    body = Body.objects.get(slug="ctoc-cop-wg6")
    assert body.name == {"en": "Working Group on Firearms", "zh": "枪支问题工作组"}
    assert [u.username for u in body.secretariat.all()] == ["officer"]

    # The new session, with Chinese as its original language: the title follows.
    page.get_by_role("link", name="New session").click()
    expect(page.get_by_label("Title (en)")).to_be_visible()
    page.get_by_label("Original language").select_option("zh")
    title = page.get_by_label("Title (zh)")
    expect(title).to_have_attribute("lang", "zh")
    title.fill("第一次会议")
    page.get_by_role("spinbutton", name="Number").fill("1")
    page.get_by_role("button", name="Create the session").click()
    expect(page.get_by_role("heading", name="Edit the agenda of")).to_be_visible()
    assert page.url.endswith("?lang=zh")
    assert Session.objects.get(body=body, number=1).title == {"zh": "第一次会议"}
