"""Browser tests: Playwright drives Debian's Chromium (installed by the set-up) against
pytest-django's live server. Nothing is downloaded."""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM, used by the
    # tests around it, would otherwise refuse to run (tests only).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    errors, refused = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # The pages run under the strict CSP of the settings: anything it blocks (an inline
    # script or style, a foreign origin) is reported on the console.
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"
    assert refused == [], f"blocked by the Content Security Policy: {refused}"
