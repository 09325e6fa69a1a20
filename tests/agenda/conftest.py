import json
import subprocess

import pytest
from django.conf import settings
from django.urls import reverse

from meetings.models import Session
from tests import factories

ICAL_CHECK = settings.BASE_DIR / "tests" / "agenda" / "ical_check.mjs"


@pytest.fixture
def ical_js():
    """Parse an .ics with Mozilla's ical.js (installed by scripts/bootstrap.sh) and return what
    it read: see tests/agenda/ical_check.mjs."""

    def parse(content: bytes) -> dict:
        done = subprocess.run(
            ["node", str(ICAL_CHECK)],
            input=content,
            capture_output=True,
            cwd=settings.BASE_DIR,
            check=False,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr.decode()
        return json.loads(done.stdout)

    return parse


@pytest.fixture
def draft():
    """A session being prepared: its agenda can still be reshaped."""
    return factories.session(status=Session.Status.DRAFT)


@pytest.fixture
def four_items(draft):
    """Items 1, 1(a), 1(b) and 2 of the draft session, by number."""
    org = factories.item(draft, "Organizational matters")
    return {
        "1": org,
        "1(a)": factories.item(draft, "Opening", parent=org),
        "1(b)": factories.item(draft, "Adoption", parent=org),
        "2": factories.item(draft, "Technology"),
    }


@pytest.fixture
def published_small():
    """An issued session of one item, "Opening of the meeting", and its version 1."""
    session = factories.session(agenda_symbol="CTOC/COP/WG.9/2024/1")
    factories.item(session, "Opening of the meeting")
    factories.publish(session)
    return session


@pytest.fixture
def editor(client, draft):
    """A member of the draft session's secretariat, logged in with ``client``."""
    user = factories.signed_in(client, draft.body)
    return user


def edit_url(name, session, *args) -> str:
    return reverse(name, args=[session.body.slug, session.number, *args])


@pytest.fixture
def published_large():
    """A published session of 30 items with sub-items, footnotes and a meeting."""
    session = factories.session(agenda_symbol="CTOC/COP/WG.8/2024/1")
    for n in range(30):
        parent = factories.item(session, f"Item {n}", annotation={"en": f"Text [^a]{n}"})
        factories.footnote(parent, "a", f"Note {n}")
        factories.item(session, f"Sub-item {n}", parent=parent)
    sitting = factories.sitting(session)
    factories.schedule(sitting, *session.agenda_items.filter(parent=None)[:5])
    factories.publish(session)
    return session


def private_to_its_secretariat(client, draft, url):
    """The draft's output at ``url``: 404 to readers and to staff of another body, then the
    response its own secretariat gets, which no cache may keep for others."""
    from django.contrib.auth.models import User

    assert client.get(url).status_code == 404
    staff = User.objects.create_user("staff", is_staff=True)
    client.force_login(staff)
    assert client.get(url).status_code == 404  # staff of another body
    draft.body.secretariat.add(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
    return response
