"""Reads of the documents register for its public pages, each in a fixed number of queries.

Documents issued for a draft session stay out of the public register, like the session.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from agenda.models import AgendaItem, Document, DocumentLink, Reference
from agenda.numbering import number_items
from meetings.models import Session
from meetings.symbols import normalize_symbol, symbol_sort_key

# A query that reads as the start of a symbol: "A/58", "CTOC/COP/WG.3", "E/CN.15", "CTOC".
_SYMBOL_PREFIX = re.compile(r"[A-Z]{1,8}(?:/[A-Za-z0-9./\- ()]*)?")


def published() -> QuerySet:
    # A subquery rather than a join, so that PostgreSQL can walk the symbol index in order.
    drafts = Session.objects.filter(status=Session.Status.DRAFT).values("pk")
    return Document.objects.exclude(session__in=drafts)


def search_documents(query: str) -> QuerySet:
    """Documents whose symbol starts with ``query`` (when it reads as a symbol: capitals, or
    a slash), else whose symbol or titles contain every word of it; case is ignored.
    The symbol prefix is answered from an index (agenda.lookups); title words scan
    ``search_text``, one column per row."""
    documents = published().select_related("session__body").order_by("symbol_key")
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
class DocumentPage:
    document: Document
    chain: list[Document]  # the base and every revision, corrigendum and addendum, by symbol
    listings: list[Listing]
    cites: list[Reference]
    cited_by: list[Reference]
    languages: list[str] = field(default_factory=list)


def find_document(symbol: str) -> Document | None:
    return published().select_related("session__body", "base").filter(symbol=symbol).first()


def document_page(document: Document) -> DocumentPage:
    """Everything the document's page shows, in five queries after ``find_document``."""
    root = document.parsed_symbol.base
    key = str(root).upper()
    chain = sorted(
        published().filter(Q(symbol_key=key) | Q(symbol_key__prefix=key + "/")),
        key=lambda d: symbol_sort_key(d.symbol),
    )
    links = list(
        DocumentLink.objects.filter(document=document)
        .exclude(item__session__status=Session.Status.DRAFT)
        .select_related("item__session__body")
        .order_by("item__session__body__slug", "item__session__number", "pk")
    )
    sessions = {link.item.session_id for link in links}
    numbers = {}
    if sessions:
        items = AgendaItem.objects.filter(session__in=sessions).only(
            "pk", "session_id", "parent_id", "position", "fixed_number"
        )
        by_session = {}
        for item in items:
            by_session.setdefault(item.session_id, []).append(item)
        for session_items in by_session.values():
            numbers |= number_items(session_items)
    cites = list(document.references.select_related("cited").order_by("start", "pk"))
    cited_by = list(
        Reference.objects.filter(cited=document)
        .exclude(citing__session__status=Session.Status.DRAFT)
        .select_related("citing")
        .order_by("citing__symbol", "start")
    )
    return DocumentPage(
        document=document,
        chain=chain,
        listings=[Listing(link.item.session, link.item, numbers[link.item_id]) for link in links],
        cites=cites,
        cited_by=cited_by,
    )


def session_documents(session: Session) -> list[Document]:
    """The session's documents in natural order of their symbols, so that each base is
    followed by its revisions, corrigenda and addenda."""
    return sorted(session.documents.all(), key=lambda d: symbol_sort_key(d.symbol))
