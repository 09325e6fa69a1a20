import pytest

from agenda.management.commands.load_seeds import SEEDS_DIR


@pytest.fixture(autouse=True)
def _empty_cache():
    """Primary keys are reused after a test's rollback, so a cached render could outlive it."""
    from django.core.cache import cache

    from agenda.outputs import page
    from agenda.outputs.docx import cache as docx_cache
    from agenda.outputs.pdf import cache as pdf_cache
    from agenda.reads.content import forget_contents
    from agenda.views.public import calendar
    from agenda.views.public import session as views

    cache.clear()
    forget_contents()
    pdf_cache.recent.clear()
    docx_cache.recent.clear()
    calendar.recent.clear()
    page.recent_pages.clear()
    views.recent_exports.clear()


@pytest.fixture(autouse=True, scope="session")
def _cache_left_empty():
    """On a Redis shared with other runs, this run's keys (its own prefix) go when it ends."""
    yield
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _in_english():
    """A request in another language leaves that language active in the thread; each test
    starts in English, so that messages built outside a request do not depend on the order."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def seeded(db):
    """The demo data of a fresh install."""
    from django.core.management import call_command

    call_command("load_seeds", verbosity=0)


@pytest.fixture
def wg3(seeded):
    """The seeded session: the 15th meeting of the Working Group on International Cooperation."""
    from meetings.models import Session

    return Session.objects.with_body().get(body__slug="ctoc-cop-wg3", number=15)


@pytest.fixture
def seed_files():
    return sorted(SEEDS_DIR.glob("*.json"))


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE']}"
