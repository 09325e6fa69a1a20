"""The delegate portal in a real browser: every public page in English and Arabic passes an
axe-core audit (no serious or critical violations) and has no horizontal scrolling at 360 and
1280 px; screenshots of the session page and the timetable in Chinese and Arabic are saved in
test-artifacts/portal/ to be looked at."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

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
    "/today/?date=2024-06-05",
    "/accounts/login/",
]


def open_in(browser, live_server, language: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    host = live_server.url.split("//", 1)[1].split(":")[0]
    context.add_cookies(
        [{"name": "django_language", "value": language, "domain": host, "path": "/"}]
    )
    return context


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def horizontal_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_public_pages_are_accessible_and_fit_a_phone(live_server, browser, language):
    call_command("load_seeds", verbosity=0)
    problems = {}
    for width in (360, 1280):
        context = open_in(browser, live_server, language, width)
        page = context.new_page()
        for path in PAGES:
            page.goto(live_server.url + path)
            assert page.locator("html").get_attribute("lang") == language, path
            expected_dir = "rtl" if language == "ar" else "ltr"
            assert page.locator("html").get_attribute("dir") == expected_dir, path
            overflow = horizontal_overflow(page)
            if overflow > 0:
                problems[f"{path} at {width}px"] = f"{overflow}px of horizontal scrolling"
            if width == 360 or path in (SESSION, SESSION + "timetable/"):
                violations = serious_violations(page)
                if violations:
                    problems[f"{path} at {width}px"] = violations
        context.close()
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)


@pytest.mark.parametrize("language", ["zh", "ar"])
def test_screenshots_of_the_session_page_and_timetable(live_server, browser, language):
    call_command("load_seeds", verbosity=0)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width in (360, 1280):
        context = open_in(browser, live_server, language, width)
        page = context.new_page()
        for name, path in (("session", SESSION), ("timetable", SESSION + "timetable/")):
            page.goto(live_server.url + path)
            shot = ARTIFACTS / f"{name}-{language}-{width}.png"
            page.screenshot(path=str(shot), full_page=name == "timetable")
            assert shot.stat().st_size > 10_000
        context.close()
