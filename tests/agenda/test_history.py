"""The session's history in people's words: items by number and title, meetings by date and
time, fields by their labels in the reader's language, and publications in the timeline."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from agenda.reads import history
from agenda.services import editing, publishing
from meetings.models import Session
from tests import factories
from tests.parsed import find_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    session = factories.session(status=Session.Status.DRAFT, agenda_symbol="CTOC/COP/WG.3/2024/1")
    editing.add_item(session, title="Opening of the session", language="en")
    editing.add_item(session, title="Technology", language="en")
    return Session.objects.get(pk=session.pk)


@pytest.fixture
def editor(client, session):
    user = factories.signed_in(client, session.body, "officer")
    return user


def rows(client, session, lang="en") -> list[list[str]]:
    url = reverse("session-history", args=[session.body.slug, session.number])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    return [[" ".join(td.text.split()) for td in tr.within("td")] for tr in trs(html)]


def trs(html):
    return find_all(html, "tr")[1:]  # below the heading row


def test_meetings_and_their_items_are_named_by_number_title_date_and_time(client, session, editor):
    technology = session.agenda_items.get(title__en="Technology")
    sitting = factories.sitting(session, date=dt.date(2024, 6, 5), start="10:00", end="13:00")
    factories.schedule(sitting, technology)
    sitting.start_time, sitting.end_time = dt.time(15, 0), dt.time(18, 0)
    sitting.save()
    what = [(row[2], row[3]) for row in rows(client, session)]
    assert (
        "Organization of work: item 2, “Technology” in meeting 1 (5 June 2024, 15:00–18:00)",
        "created",
    ) in what
    meeting = "Meeting: meeting 1 (5 June 2024, 15:00–18:00)"
    assert (meeting, "changed: start time, end time") in what
    assert not any("#" in name for name, _change in what)  # no database ids


def test_field_labels_and_names_follow_the_interface_language(client, session, editor):
    item = session.agenda_items.get(title__en="Technology")
    editing.update_item(item, expected_version=1, language="zh", title="技术", annotation="")
    with translation.override("zh"):
        entries = history.session_history(session)
    change = next(e for e in entries if e.action != "创建" and e.kind == "议程项目")
    assert change.name == "项目 2，“技术”"
    assert change.fields == ["标题"]


def test_publishing_is_in_the_timeline_with_its_version_and_who(client, session, editor):
    publishing.publish(session, by=editor, check_ready=False)
    first = rows(client, session)[0]
    assert first[1:] == ["officer", "Publication: version 1, CTOC/COP/WG.3/2024/1", "First issue"]


def test_the_page_takes_as_many_queries_for_twenty_entries_as_for_two(client, session, editor):
    url = reverse("session-history", args=[session.body.slug, session.number])

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        return len(captured), len(trs(response.content.decode()))

    few, few_entries = queries()
    for n in range(6):
        item = editing.add_item(session, title=f"Item {n}", language="en")
        sitting = factories.sitting(session)
        factories.schedule(sitting, item)
        factories.footnote(item, "1", "Note")
    publishing.publish(session, by=editor, check_ready=False)
    many, many_entries = queries()
    assert (few_entries, many_entries) == (3, 28)  # a session created, two items; then more
    assert many == few
