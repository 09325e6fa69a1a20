"""The header's search: bodies, sessions, agenda items and documents, as published only,
results in the reader's language; PostgreSQL's full-text search where it runs."""

import pytest
from django.db import connection
from django.urls import reverse

from agenda.models import SearchEntry
from agenda.reads.search import search
from agenda.services import editing
from meetings.models import Session
from tests import factories
from tests.parsed import parse

pytestmark = pytest.mark.django_db


def found(query, language="en") -> list[tuple[str, str]]:
    return [(r.kind, r.key or r.title.text) for r in search(query, language)]


def test_items_and_documents_match_words_of_any_language(wg3):
    # (in the order of their kinds; PostgreSQL ranks those of a kind by relevance)
    assert sorted(found("extradition")) == [
        ("document", "CTOC/COP/WG.3/2024/3"),
        ("item", "2"),  # its annotation: "… in particular in relation to extradition"
        ("item", "3"),
    ]
    assert sorted(found("引渡")) == sorted(found("extradition"))  # Chinese, written unspaced
    assert found("Extradition tentative") == [("item", "3"), ("document", "CTOC/COP/WG.3/2024/3")]


def test_bodies_sessions_and_symbols(wg3):
    assert ("body", "Working Group on International Cooperation") in found("WG.3")
    assert found("fifteenth meeting")[0] == (
        "session",
        "Fifteenth meeting of the Working Group on International Cooperation",
    )
    assert found("CTOC/COP/WG.3/2024/2") == [("document", "CTOC/COP/WG.3/2024/2")]
    assert found("") == [] and found("   ") == []


def test_results_are_in_the_readers_language_marked_when_not(wg3):
    [item, document] = search("引渡 机制", "zh")[:2]
    assert (
        item.title.text.startswith("鉴于在联合国打击跨国有组织犯罪公约")
        and not item.title.is_fallback
    )
    assert item.url == "/bodies/ctoc-cop-wg3/sessions/15/?lang=zh#item-3"
    assert document.url == "/documents/CTOC/COP/WG.3/2024/3?lang=zh"
    french = search("extradition", "fr")[1]
    assert french.title.is_fallback and french.title.language == "en"


def test_only_what_is_published_is_found(wg3):
    item = wg3.agenda_items.get(parent=None, position=3)
    editing.update_item(
        item, expected_version=item.version, language="en", title="Sundry matters", annotation=""
    )
    assert found("sundry") == []  # the working copy is not searched
    assert ("item", "4") in found("other matters")
    factories.publish(wg3, kind="corrigendum")
    assert found("sundry") == [("item", "4")]
    assert ("item", "4") not in found("other matters")  # the replaced version is gone
    assert SearchEntry.objects.filter(version__is_current=False).count() == 0
    draft = factories.session(status=Session.Status.DRAFT, title={"en": "Sundry draft"})
    factories.item(draft, "Sundry business")
    assert found("sundry") == [("item", "4")]  # a draft is no one's to find


def test_the_search_page_in_the_header(client, wg3):
    client.cookies["django_language"] = "zh"
    html = parse(client.get(reverse("search") + "?q=引渡").content)
    search = html.select_one("form.search-page[role=search]")
    assert search.find("input", name="q")["value"] == "引渡"
    assert html.find("a", href="/bodies/ctoc-cop-wg3/sessions/15/?lang=zh#item-3")
    assert "“引渡”的结果：3 条" in html.visible_text


def test_the_search_query_count_does_not_grow(client, wg3, django_assert_num_queries):
    for number in range(16, 26):
        session = factories.session(
            body=wg3.body, number=number, title={"en": f"Meeting on extradition {number}"}
        )
        factories.item(session, "Extradition")
        factories.publish(session)
    with django_assert_num_queries(2):  # bodies, entries (with their versions and sessions)
        results = search("extradition", "en")
    assert len(results) == 23


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full-text search")
def test_postgresql_answers_words_from_its_full_text_index(wg3):
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")  # the table is small: make the plan tell
        from agenda.reads.search import matching

        query = matching(SearchEntry.objects.values("id"), "extradition")
        sql, params = query.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "agenda_searchentry_text_fts" in plan
    assert "to_tsvector" in plan


def test_the_migration_indexes_versions_published_before_search_existed(wg3):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("agenda.migrations.0011_search_entries")
    before = sorted(SearchEntry.objects.values_list("kind", "key", "path", "text"))
    SearchEntry.objects.all().delete()
    migration.index_published(apps, None)
    assert sorted(SearchEntry.objects.values_list("kind", "key", "path", "text")) == before
    wg3_entries = SearchEntry.objects.filter(version__session=wg3)
    assert wg3_entries.count() == 1 + 7 + 4  # the session, 7 items and sub-items, 4 documents
