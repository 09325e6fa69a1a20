"""The delegate portal in a real browser (Debian's Chromium).

- Every public page, in English, Chinese and Arabic, at 360 and 1280 px: no horizontal
  scrolling, and no axe-core violation of any impact (the whole default rule set).
- The focus ring contrasts at least 3:1 with whatever it is drawn on, element by element.
- Done when: on a phone, from the seeded WG.3 session page, a delegate reaches the official
  text of item 3's background paper, and adds the Thursday morning meeting to a calendar,
  in two taps each at most.
- Screenshots of the main pages in test-artifacts/portal/, to be looked at.
"""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from icalendar import Calendar

from tests.images import ink

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "portal"
SESSION = "/bodies/ctoc-cop-wg3/sessions/15/"
PAGES = [
    "/",
    "/bodies/ctoc-cop-wg3/",
    SESSION,
    SESSION + "timetable/",
    SESSION + "changes/",
    SESSION + "documents/",
    SESSION + "agenda.en.html",  # the print preview
    SESSION + "agenda.ar.html",
    "/documents/",
    "/documents/CTOC/COP/WG.3/2024/3",
    "/today/?date=2024-06-05",
    "/today/?date=2024-06-07",  # a day without meetings
    "/search/?q=extradition",
    "/accounts/login/",
]
# While meeting 2 is held: the session page shows its "now / next" card.
DURING_MEETING_2 = dt.datetime(2024, 6, 5, 14, 30, tzinfo=dt.UTC)


@pytest.fixture
def seeded_portal(live_server, monkeypatch):
    call_command("load_seeds", verbosity=0)
    # the live server runs in this process: it reads the same clock
    monkeypatch.setattr("django.utils.timezone.now", lambda: DURING_MEETING_2)
    return live_server


def open_in(browser, live_server, language: str, width: int, **options):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, bypass_csp=True, **options
    )
    host = live_server.url.split("//", 1)[1].split(":")[0]
    context.add_cookies(
        [{"name": "django_language", "value": language, "domain": host, "path": "/"}]
    )
    return context


def violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def horizontal_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("language", ["en", "zh", "ar"])
def test_every_public_page_fits_a_phone_and_passes_axe(seeded_portal, browser, language):
    problems = {}
    for width in (360, 1280):
        context = open_in(browser, seeded_portal, language, width)
        page = context.new_page()
        for path in PAGES:
            page.goto(seeded_portal.url + path)
            if "agenda." not in path:  # the print preview is in the document's language
                assert page.locator("html").get_attribute("lang") == language, path
                expected_dir = "rtl" if language == "ar" else "ltr"
                assert page.locator("html").get_attribute("dir") == expected_dir, path
            overflow = horizontal_overflow(page)
            if overflow > 0:
                problems[f"{path} at {width}px"] = f"{overflow}px of horizontal scrolling"
            found = violations(page)
            if found:
                problems[f"{path} at {width}px (axe)"] = found
        context.close()
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)


# The contrast of each focused element's outline with the background it is drawn on (the
# nearest ancestor's background colour: the outline lies outside the element), as WCAG
# computes it from relative luminance.
FOCUS_CONTRAST = """() => {
  const rgb = (text) => text.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const linear = (c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const element = document.activeElement;
  const style = getComputedStyle(element);
  let node = element.parentElement, background = [255, 255, 255];
  while (node) {
    const value = getComputedStyle(node).backgroundColor;
    const parts = rgb(value);
    if (parts.length < 4 || parts[3] > 0) { background = parts.slice(0, 3); break; }
    node = node.parentElement;
  }
  const ring = rgb(style.outlineColor).slice(0, 3);
  const [light, dark] = [luminance(ring), luminance(background)].sort((a, b) => b - a);
  return {
    element: element.outerHTML.slice(0, 80),
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    ratio: (light + 0.05) / (dark + 0.05),
  };
}"""


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_focus_ring_contrasts_3_to_1_on_every_background(seeded_portal, browser, language):
    context = open_in(browser, seeded_portal, language, 1280)
    page = context.new_page()
    weak = []
    for path in (SESSION, "/bodies/ctoc-cop-wg3/", "/today/?date=2024-06-05"):
        page.goto(seeded_portal.url + path)
        seen = 0
        for _ in range(400):  # every focusable element, by keyboard
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement === document.body"):
                break
            focus = page.evaluate(FOCUS_CONTRAST)
            seen += 1
            if focus["style"] == "none" or focus["width"] < 2 or focus["ratio"] < 3:
                weak.append((path, focus))
        assert seen > 10, path
    context.close()
    assert weak == []


def phone(browser, live_server):
    context = open_in(
        browser, live_server, "en", 360, is_mobile=True, has_touch=True, accept_downloads=True
    )
    page = context.new_page()
    # nothing leaves this machine: undocs.org answers with a stand-in page
    page.route(
        "https://undocs.org/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>ODS</p>"),
    )
    return context, page


def test_done_when_the_official_text_of_item_3s_background_paper_is_two_taps_away(
    seeded_portal, browser
):
    context, page = phone(browser, seeded_portal)
    page.goto(seeded_portal.url + SESSION)
    taps = 0
    item_3 = page.locator("#agenda-3")
    # tap 1: item 3's background paper, listed under the item, its official text
    item_3.get_by_role("link", name="Official text (English) CTOC/COP/WG.3/2024/3").tap()
    taps += 1
    page.wait_for_url("https://undocs.org/CTOC/COP/WG.3/2024/3")
    assert taps <= 2
    # its page in the register is one tap too, with its status and the same link
    page.goto(seeded_portal.url + SESSION)
    item_3.get_by_role("link", name="Background paper prepared by the Secretariat: Legal").tap()
    page.wait_for_url("**/documents/CTOC/COP/WG.3/2024/3?lang=en")
    assert "Issued" in page.content()
    context.close()


def test_done_when_the_thursday_morning_meeting_is_in_a_calendar_in_two_taps(
    seeded_portal, browser
):
    context, page = phone(browser, seeded_portal)
    page.goto(seeded_portal.url + SESSION)
    thursday = page.locator("#downloads article.meeting").filter(has_text="Meeting 3")
    assert "10:00–13:00" in thursday.inner_text()
    thursday.locator("summary").tap()  # tap 1: "Add to calendar"
    with page.expect_download() as download:
        thursday.get_by_role("link", name="Download .ics").tap()  # tap 2
    event = Calendar.from_ical(Path(download.value.path()).read_bytes()).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == dt.datetime(
        2024, 6, 6, 10, tzinfo=dt.timezone(dt.timedelta(hours=2))
    )
    assert str(event["SUMMARY"]).endswith("3rd meeting")
    # the same two taps from the timetable and from the today page, to Google Calendar
    page.route(
        "https://calendar.google.com/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>Google</p>"),
    )
    for path in (SESSION + "timetable/", "/today/?date=2024-06-06"):
        page.goto(seeded_portal.url + path)
        meeting = page.locator("article.meeting").filter(has_text="Meeting 3")
        meeting.locator("summary").tap()
        meeting.get_by_role("link", name="Google Calendar").tap()
        page.wait_for_url("https://calendar.google.com/**")
        assert "dates=20240606T080000Z%2F20240606T110000Z" in page.url
    context.close()


def test_screenshots_for_review(seeded_portal, browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for language in ("en", "zh", "ar"):
        for width in (360, 1280):
            context = open_in(browser, seeded_portal, language, width)
            page = context.new_page()
            for name, path in (
                ("session", SESSION),
                ("timetable", SESSION + "timetable/"),
                ("today", "/today/?date=2024-06-05"),
                ("body", "/bodies/ctoc-cop-wg3/"),
                ("search", "/search/?q=extradition"),
            ):
                page.goto(seeded_portal.url + path)
                shot = ARTIFACTS / f"{name}-{language}-{width}.png"
                page.screenshot(path=str(shot), full_page=name != "session")
                drawn = ink(shot)  # a page drawn, not blank; at 360 px no wider than the screen
                assert drawn.fraction > 0.01, (name, language, width, drawn)
                assert horizontal_overflow(page) <= 0, (name, language, width)
            context.close()
