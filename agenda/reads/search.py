"""The site's search: bodies, sessions, agenda items and documents, as published.

Only published content is searched: each current version's session, items and documents
are written to SearchEntry rows when it is published (``index_version``, from the version's
own content, never the working copy) and those of the version it replaces are deleted.
Bodies are few and always public: they are read from their table.

Matching, on ``SearchEntry.text`` (every language's text of the entry, case-folded):
- PostgreSQL: full-text search, the "simple" configuration (no stemming: six languages),
  with an expression GIN index (migration 0007) and ranked. Chinese is written without
  spaces, so a query with Chinese characters matches as a substring instead.
- Elsewhere (SQLite): each word of the query must occur in the text.
Results show in the reader's language, falling back to the original, marked.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q
from django.urls import reverse

from agenda.models import SearchEntry
from agenda.reads.changes import numbered_entries
from agenda.rules.numbering import anchor
from meetings.models import Body
from meetings.translations import Localized, localize

MAX_RESULTS = 50
_CJK = re.compile(r"[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]")


def folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").casefold()


def _texts(*values) -> str:
    """Every language of each value (a text object, or a plain string), as one string."""
    parts = []
    for value in values:
        parts += value.values() if isinstance(value, dict) else [value or ""]
    return folded(" ".join(part for part in parts if part))


def entries_for(content: dict, body_slug: str, number: int) -> list[dict]:
    """What a version publishes, as search entries (plain data: the migration that fills
    the table for versions published before it reads the same)."""
    session = content["session"]
    original = session["original_language"]
    session_path = reverse("session-detail", args=[body_slug, number])
    body = next(b for b in content["bodies"] if b["slug"] == session["body"])
    found = [
        {
            "kind": SearchEntry.Kind.SESSION,
            "key": "",
            "title": session["title"],
            "original_language": original,
            "path": session_path,
            "text": _texts(
                session["title"], body["name"], body["abbreviation"], session["agenda_symbol"]
            ),
        }
    ]
    for item_number, entry in numbered_entries(session["agenda"]):
        found.append(
            {
                "kind": SearchEntry.Kind.ITEM,
                "key": item_number,
                "title": entry["title"],
                "original_language": original,
                "path": f"{session_path}#item-{anchor(item_number)}",
                "text": _texts(entry["title"], entry.get("annotation") or {}),
            }
        )
    for document in content["documents"]:
        found.append(
            {
                "kind": SearchEntry.Kind.DOCUMENT,
                "key": document["symbol"],
                "title": document["title"],
                "original_language": document["original_language"],
                "path": reverse("document-detail", args=[document["symbol"]]),
                "text": _texts(document["symbol"], document["title"]),
            }
        )
    return found


def index_version(version) -> None:
    """The version's entries replace those of the session's earlier versions (in the
    publishing transaction, under its session lock)."""
    SearchEntry.objects.filter(version__session_id=version.session_id).delete()
    session = version.session
    rows = entries_for(version.content, session.body.slug, session.number)
    SearchEntry.objects.bulk_create(
        SearchEntry(version=version, position=n, **row) for n, row in enumerate(rows)
    )


@dataclass
class Result:
    kind: str
    title: Localized
    path: str
    key: str = ""  # an item's number, a document's symbol
    context: Localized | None = None  # the session an item belongs to

    @property
    def url(self) -> str:
        """The path in the reader's language (its fragment, an item's anchor, last)."""
        path, hash_mark, anchor = self.path.partition("#")
        return f"{path}?lang={self.title.requested}{hash_mark}{anchor}"


def matching(entries, query: str):
    """``entries`` (SearchEntry rows) whose text matches ``query``, best first."""
    words = folded(query).split()
    if connection.vendor == "postgresql" and not _CJK.search(query):
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("text", config="simple")
        terms = SearchQuery(" ".join(words), config="simple", search_type="websearch")
        return (
            entries.annotate(vector=vector, rank=SearchRank(vector, terms))
            .filter(vector=terms)
            .order_by("-rank", "kind", "version_id", "position")
        )
    condition = Q()
    for word in words:
        condition &= Q(text__contains=word)
    return entries.filter(condition).order_by("kind", "version_id", "position")


def _matching_entries(query: str):
    current = SearchEntry.objects.filter(version__is_current=True)
    return matching(current.select_related("version__session__body"), query)


def search(query: str, language: str) -> list[Result]:
    """At most MAX_RESULTS results: bodies first, then sessions, items and documents (each
    document once, wherever it is listed)."""
    words = folded(query).split()
    if not words:
        return []
    results = []
    for body in Body.objects.order_by("slug"):
        text = _texts(body.name, body.abbreviation, body.symbol_prefix)
        if all(word in text for word in words):
            results.append(
                Result("body", localize(body.name, language, "en"), body.get_absolute_url())
            )
    seen = set()
    for entry in _matching_entries(query)[: MAX_RESULTS * 2]:
        if entry.kind == SearchEntry.Kind.DOCUMENT:
            if entry.key in seen:
                continue
            seen.add(entry.key)
        session = entry.version.session
        context = None
        if entry.kind == SearchEntry.Kind.ITEM:
            context = localize(entry.version.title, language, session.original_language)
        results.append(
            Result(
                entry.kind,
                localize(entry.title, language, entry.original_language),
                entry.path,
                entry.key,
                context,
            )
        )
    order = {"body": 0, SearchEntry.Kind.SESSION: 1, SearchEntry.Kind.ITEM: 2}
    return sorted(results, key=lambda r: order.get(r.kind, 3))[:MAX_RESULTS]
