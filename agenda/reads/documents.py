"""Reads of the documents register for its public pages, each in a fixed number of queries
and of a bounded size, whatever the register holds.

Only public documents are shown (``Document.objects.public()``), except that a secretariat
finds its own unpublished ones (agenda.rules.ownership.visible_documents).
"""

import re
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet

from agenda.models import AgendaItem, Document, DocumentLink, Reference
from agenda.rules.numbering import number_items
from agenda.rules.ownership import visible_documents
from meetings.models import Session
from meetings.symbols import normalize_symbol, symbol_sort_key

# A query that reads as the start of a symbol: "A/58", "CTOC/COP/WG.3", "E/CN.15", "CTOC".
_SYMBOL_PREFIX = re.compile(r"[A-Z]{1,8}(?:/[A-Za-z0-9./\- ()]*)?")

# References shown at once on a document's page, in "Cites" and in "Cited by" each.
REFERENCES_PAGE = 50
# Pages of references one can ask for (a larger number is read as the last allowed one).
MAX_REFERENCE_PAGE = 100_000


def search_documents(query: str) -> QuerySet:
    """Documents whose symbol starts with ``query`` (when it reads as a symbol: capitals, or
    a slash), else whose symbol or titles contain every word of it; case is ignored.
    The symbol prefix is answered from an index (agenda.lookups); title words scan
    ``search_text``, one column per row."""
    documents = Document.objects.public().select_related("session__body").order_by("symbol_key")
    query = normalize_symbol(query)
    if not query:
        return documents
    if _SYMBOL_PREFIX.fullmatch(query.upper()) and (query.isupper() or "/" in query):
        return documents.filter(symbol_key__prefix=query.upper())
    words = Q()
    for word in query.casefold().split():
        words &= Q(search_text__contains=word)
    return documents.filter(words)


@dataclass
class Listing:
    """An agenda item whose Documentation list names the document."""

    session: Session
    item: AgendaItem
    number: str


@dataclass
class Window:
    """One page of a long list, read with one query: REFERENCES_PAGE rows and whether more
    follow (no count: counting 100,000 references would cost more than showing 50)."""

    rows: list
    number: int
    has_next: bool

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def start(self) -> int:
        return (self.number - 1) * REFERENCES_PAGE + 1

    @property
    def end(self) -> int:
        return self.start + len(self.rows) - 1


def page_number(value) -> int:
    """A page number from the query string: 1 unless it is a whole number from 1."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_REFERENCE_PAGE)


def window(queryset: QuerySet, number: int) -> Window:
    start = (number - 1) * REFERENCES_PAGE
    rows = list(queryset[start : start + REFERENCES_PAGE + 1])
    return Window(rows[:REFERENCES_PAGE], number, len(rows) > REFERENCES_PAGE)


@dataclass
class DocumentPage:
    document: Document
    chain: list[Document]  # the base and every revision, corrigendum and addendum, by symbol
    listings: list[Listing]
    cites: Window  # of Reference, each with ``cited_public``
    cited_by: Window  # of Reference
    languages: list[str] = field(default_factory=list)


def find_document(symbol: str, user=None) -> Document | None:
    """The document with ``symbol`` if it is public, or ``user``'s own (agenda.rules.ownership)."""
    documents = visible_documents(user=user)
    return documents.select_related("session__body", "base").filter(symbol=symbol).first()


def document_page(
    document: Document, *, cites_page: int = 1, cited_by_page: int = 1
) -> DocumentPage:
    """Everything the document's page shows, in five queries after ``find_document``; the
    references a page at a time (``*_page``), so that its size is bounded."""
    root = document.parsed_symbol.base
    key = str(root).upper()
    chain = sorted(
        Document.objects.public().filter(Q(symbol_key=key) | Q(symbol_key__prefix=key + "/")),
        key=lambda d: symbol_sort_key(d.symbol),
    )
    links = list(
        DocumentLink.objects.filter(document=document, item__session__in=Session.objects.public())
        .select_related("item__session__body")
        .order_by("item__session__body__slug", "item__session__number", "pk")
    )
    sessions = {link.item.session_id for link in links}
    numbers = {}
    if sessions:
        items = AgendaItem.objects.filter(session__in=sessions).only(
            "pk", "session_id", "parent_id", "position", "fixed_number", "bis"
        )
        by_session = {}
        for item in items:
            by_session.setdefault(item.session_id, []).append(item)
        for session_items in by_session.values():
            numbers |= number_items(session_items)
    # A cited document is linked only if public: another body's draft is not in the register.
    cites = (
        document.references.select_related("cited")
        .annotate(cited_public=Exists(Document.objects.public().filter(pk=OuterRef("cited_id"))))
        .order_by("start", "pk")
    )
    # By citing document, then position: the order of the (cited, citing, start) index.
    cited_by = (
        Reference.objects.filter(cited=document, citing__in=Document.objects.public())
        .select_related("citing")
        .order_by("citing_id", "start", "pk")
    )
    return DocumentPage(
        document=document,
        chain=chain,
        listings=[Listing(link.item.session, link.item, numbers[link.item_id]) for link in links],
        cites=window(cites, cites_page),
        cited_by=window(cited_by, cited_by_page),
    )


def session_documents(session: Session, user=None) -> list[Document]:
    """The session's documents (those ``user`` may see) in natural order of their symbols, so
    that each base is followed by its revisions, corrigenda and addenda."""
    visible = visible_documents(user=user).values("pk")
    documents = session.documents.filter(pk__in=visible)
    return sorted(documents, key=lambda d: symbol_sort_key(d.symbol))
