"""What the read API shows, built from a session's content (agenda.reads.content) and the
register, never from the editing tables for the public: a session is its current published
version (or the version asked for), the working copy only for its body's secretariat.

Each list is read in a fixed number of queries, whatever its length, and cut into pages here.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from agenda import published
from agenda.models import Document, PublishedVersion
from agenda.outputs.exchange import venue_data
from agenda.reads.content import (
    LIGHT,
    SessionContent,
    current_version,
    current_versions,
    published_content,
    published_contents,
    working_content,
)
from agenda.reads.organization import organization_rows
from agenda.rules.numbering import number_items, ordered_tree
from agenda.rules.ownership import visible_documents
from meetings.models import Session
from meetings.permissions import can_edit

WORKING = "working"
DEFAULT_LIMIT, MAX_LIMIT = 20, 100


def no_session(body: str, number: int) -> Http404:
    """The same answer for a session that does not exist and for a draft the reader may not
    see, so that a draft's existence is not given away."""
    return Http404(
        _("There is no public session %(number)s of “%(body)s”.") % {"number": number, "body": body}
    )


def session_content(request, body: str, number: int, version: str | None) -> SessionContent:
    """The content ``version`` names: None the current published version, a number that
    published version, ``working`` the working copy (its body's secretariat only)."""
    if version == WORKING:
        session = Session.objects.with_body().filter(body__slug=body, number=number).first()
        if session is None or not can_edit(request.user, session.body):
            raise no_session(body, number)
        return working_content(session)
    current = current_version(body, number)
    if current is None:
        raise no_session(body, number)
    if version is None or int(version) == current.number:
        return published_content(current)
    shown = (
        PublishedVersion.objects.filter(session_id=current.session_id, number=int(version))
        .defer(*LIGHT)
        .select_related("session")
        .first()
    )
    if shown is None:
        raise Http404(_("There is no published version with that number."))
    return published_content(shown)


def session_versions(body: str, number: int) -> QuerySet:
    """The session's published versions, light, if it has any (else 404)."""
    current = current_version(body, number)
    if current is None:
        raise no_session(body, number)
    return PublishedVersion.objects.filter(session_id=current.session_id).defer(*LIGHT)


def session_version(body: str, number: int, version: int) -> PublishedVersion:
    found = session_versions(body, number).filter(number=version).first()
    if found is None:
        raise Http404(_("There is no published version with that number."))
    return found


# --- pages ----------------------------------------------------------------------------------


@dataclass
class Window:
    limit: int = DEFAULT_LIMIT
    offset: int = 0


def page(request, rows, window: Window, show) -> dict:
    """One page of ``rows`` (a list, or a queryset read with two queries: its count and the
    page), shown by ``show`` (the page's rows → their dicts), with the addresses of the pages
    before and after."""
    count = rows.count() if isinstance(rows, QuerySet) else len(rows)
    end = window.offset + window.limit

    def address(offset: int) -> str:
        query = request.GET.copy()
        query["limit"], query["offset"] = str(window.limit), str(offset)
        return f"{request.path}?{urlencode(sorted(query.items()))}"

    return {
        "count": count,
        "next": address(end) if end < count else None,
        "previous": address(max(window.offset - window.limit, 0)) if window.offset else None,
        "results": show(list(rows[window.offset : end])),
    }


# --- sessions -------------------------------------------------------------------------------


def session_url(name: str, session, version: str | None = None) -> str:
    path = reverse(f"api:{name}", args=[session.body.slug, session.number])
    return f"{path}?{urlencode({'version': version})}" if version else path


def public_sessions(body: str | None) -> QuerySet:
    """The current versions of the public sessions (of one body), in a stable order."""
    versions = current_versions().order_by("session__body__slug", "session__number", "pk")
    return versions.filter(session__body__slug=body) if body else versions


def summaries(versions: list[PublishedVersion]) -> list[dict]:
    """The page's sessions, their contents in one query for those not in memory."""
    return [summary(content) for content in published_contents(versions)]


def summary(content: SessionContent) -> dict:
    session = content.session
    return {
        "body": session.body.slug,
        "number": session.number,
        "title": session.title,
        "start_date": session.start_date,
        "end_date": session.end_date,
        "status": session.status,
        "agenda_symbol": session.agenda_symbol,
        "version": None if content.is_working_copy else content.version.number,
        "url": session_url("session", session, WORKING if content.is_working_copy else None),
    }


def attributes(row, *names: str) -> dict:
    """``row``'s attributes ``names``, under their own names (the schema uses the model's)."""
    return {name: getattr(row, name) for name in names}


def version_row(version: PublishedVersion) -> dict:
    return attributes(
        version, "number", "kind", "symbol", "issue_date", "published_at", "note", "is_current"
    )


def version_rows(versions: list[PublishedVersion]) -> list[dict]:
    return [version_row(version) for version in versions]


def session_details(content: SessionContent, asked: str | None) -> dict:
    session, body, venue = content.session, content.session.body, content.session.venue
    return {
        **summary(content),
        "body_details": attributes(body, "slug", "name", "abbreviation", "symbol_prefix"),
        "venue": None if venue is None else venue_data(venue),
        "format": session.format,
        "interpretation_languages": session.interpretation_languages,
        "original_language": session.original_language,
        "issue_date": session.issue_date,
        "distribution": session.distribution,
        "published": None if content.is_working_copy else version_row(content.version),
        **{name: session_url(name, session, asked) for name in ("items", "meetings", "documents")},
        "versions": session_url("versions", session),
    }


def items(content: SessionContent) -> list[dict]:
    """The agenda in its order: each item, then its sub-items."""
    numbers = number_items(content.items)
    ordered = [row for item, subs in ordered_tree(content.items) for row in (item, *subs)]
    return [
        {
            "number": numbers[item.pk],
            "parent": numbers[item.parent_id] if item.parent_id else None,
            "title": item.title,
            "annotation": item.annotation or {},
            "footnotes": [
                {"label": fn.label, "text": fn.text} for fn in content.footnotes.get(item.pk, [])
            ],
            "documents": [d.symbol for d in content.documents.get(item.pk, [])],
        }
        for item in ordered
    ]


def meetings(content: SessionContent) -> list:
    """Its meetings in time order with the items each takes up (organization_rows), derived
    once per content: a page of them is then only the page's rows (``meeting_rows``)."""
    return content.once("meetings", lambda: organization_rows(content.sittings, content.scheduled))


def meeting_rows(content: SessionContent, rows) -> list[dict]:
    numbers = content.once("numbers", lambda: number_items(content.items))
    zone = content.session.zone.key
    return [
        {
            **published.row(row.sitting, published.SITTING),
            "time_zone": zone,
            "items": [
                {"number": numbers[entry.item.pk], "continued": entry.continued}
                for entry in row.entries
            ],
        }
        for row in rows
    ]


# --- the register ---------------------------------------------------------------------------


def register(user) -> QuerySet:
    """The public documents, and a secretariat's own unpublished ones, by symbol."""
    return visible_documents(user=user).order_by("symbol_key", "pk")


def find_document(user, symbol: str) -> Document:
    document = register(user).select_related("session__body", "base").filter(symbol=symbol).first()
    if document is None:
        raise Http404(_("The register has no document %(symbol)s.") % {"symbol": symbol})
    return document


def documents(rows: list[Document]) -> list[dict]:
    return [document_row(document) for document in rows]


def document_row(document: Document) -> dict:
    return {
        **attributes(document, "symbol", "title", "kind", "status", "issue_date"),
        **attributes(document, "original_language", "languages"),
        "prepared_by": document.prepared_by or {},
        "url": reverse("api:document", args=[document.symbol]),
    }


def document_details(document: Document) -> dict:
    session = document.session
    return {
        **document_row(document),
        "distribution": document.distribution,
        "base": document.base.symbol if document.base else None,
        "session": None
        if session is None
        else {
            "body": session.body.slug,
            "number": session.number,
            "url": session_url("session", session),
        },
        "official_text": document.ods_url(),
    }
