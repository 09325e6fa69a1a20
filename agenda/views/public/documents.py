"""The documents register in public (index with search, a document's page, a session's list)
and the secretariat's upload of a document's text for reference extraction."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from agenda.reads import documents as document_queries
from agenda.reads.visibility import follows_moves, visible_content
from agenda.rules import ownership
from agenda.services.register import MAX_TEXT_BYTES, read_text, store_references
from agenda.views.editor.forms import DocumentTextForm
from meetings.symbols import clean_symbol
from meetings.translations import (
    UN_LANGUAGES,
    interface_language,
    language_names,
)
from meetings.validators import control_character

PAGE_SIZE = 50

CHAIN_ROLES = {
    "": _lazy("Original"),
    "Rev": _lazy("Revision"),
    "Corr": _lazy("Corrigendum"),
    "Add": _lazy("Addendum"),
    "Amend": _lazy("Amendment"),
    "Suppl": _lazy("Supplement"),
}


class UnknownLanguage(Exception):
    pass


def requested_language(request) -> str:
    """``?lang=`` if given (one of the six), else "" (each text in its original language)."""
    language = request.GET.get("lang", "")
    if language and language not in UN_LANGUAGES:
        raise UnknownLanguage(language)
    return language


def _bad_language(language: str):
    return HttpResponseBadRequest(
        _("Unknown language “%(language)s”: use one of %(known)s.")
        % {"language": language, "known": ", ".join(UN_LANGUAGES)},
        content_type="text/plain; charset=utf-8",
    )


def _languages():
    """Each content language in its own name (the page then comes in it: one language)."""
    return settings.LANGUAGES


def _with_titles(documents, language: str) -> list:
    for document in documents:
        document.shown_title = document.localized_title(language or document.original_language)
    return documents


def document_index(request):
    try:
        language = requested_language(request)
    except UnknownLanguage as exc:
        return _bad_language(str(exc))
    query = request.GET.get("q", "").strip()[:200]
    if found := control_character(query):
        # PostgreSQL cannot even compare a text with a NUL in it.
        return render(
            request,
            "agenda/documents/not_found.html",
            {
                "heading": _("Search refused"),
                "message": _(
                    "The search contains an invisible control character (%(code)s); remove it "
                    "and search again."
                )
                % {"code": found[1]},
            },
            status=400,
        )
    page = Paginator(document_queries.search_documents(query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    _with_titles(page.object_list, language)
    context = {"page": page, "query": query, "language": language, "languages": _languages()}
    return render(request, "agenda/documents/index.html", context)


class NotInRegister(Http404):
    pass


def _find(symbol: str, user):
    """The document if ``user`` may see it (public, or their own); else NotInRegister."""
    try:
        symbol = clean_symbol(symbol)
    except ValidationError as exc:
        raise NotInRegister(" ".join(exc.messages)) from None
    document = document_queries.find_document(symbol, user)
    if document is None:
        raise NotInRegister(_("The register has no document %(symbol)s.") % {"symbol": symbol})
    return document


def _not_found(request, exc: NotInRegister):
    """Say why, whatever DEBUG says (Django's own 404 page shows no reason in production)."""
    return render(request, "agenda/documents/not_found.html", {"message": str(exc)}, status=404)


def document_detail(request, symbol):
    try:
        language = requested_language(request)
    except UnknownLanguage as exc:
        return _bad_language(str(exc))
    try:
        document = _find(symbol, request.user)
    except NotInRegister as exc:
        return _not_found(request, exc)
    page = document_queries.document_page(
        document,
        cites_page=document_queries.page_number(request.GET.get("cites")),
        cited_by_page=document_queries.page_number(request.GET.get("cited_by")),
    )
    shown = language or document.original_language
    for other in _with_titles(page.chain, shown):
        other.chain_role = CHAIN_ROLES[other.parsed_symbol.suffix_kind]
    context = {
        "page": page,
        "windows": _window_links(request, page),
        "document": document,
        "title": document.localized_title(shown),
        "language": language,
        "languages": _languages(),
        "language_names": language_names(document.languages),
        "reader_language": interface_language(),
        "ods_url": document.ods_url(language),
        "can_edit": ownership.can_change_document(request.user, document),
    }
    return render(request, "agenda/documents/detail.html", context)


def _window_links(request, page) -> dict:
    """Previous/next addresses of the two reference lists, keeping the other's place."""
    links = {}
    for name, window in (("cites", page.cites), ("cited_by", page.cited_by)):
        for key, wanted, number in (
            ("previous", window.has_previous, window.number - 1),
            ("next", window.has_next, window.number + 1),
        ):
            if wanted:
                query = request.GET.copy()
                query[name] = str(number)
                links[f"{name}_{key}"] = f"?{query.urlencode()}#{name.replace('_', '-')}"
    return links


@follows_moves
def session_document_list(request, body_slug, number):
    """The documents of the session's published version (as they stood when published)."""
    try:
        language = requested_language(request)
    except UnknownLanguage as exc:
        return _bad_language(str(exc))
    content = visible_content(request, body_slug, number)
    documents = _with_titles(content.session_documents, language)
    context = {
        "session": content.session,
        "documents": documents,
        "language": language,
        "languages": _languages(),
    }
    return render(request, "agenda/documents/session_list.html", context)


def document_text(request, symbol):
    """Upload (or paste) the text of a document: its references replace those found before.
    Whoever may change the document may (agenda.rules.ownership: its body's secretariat, or a
    superuser); that secretariat finds its unpublished documents here too."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        document = _find(symbol, request.user)
    except NotInRegister as exc:
        return _not_found(request, exc)
    ownership.check_can_change(request.user, document)
    posted = request.method == "POST"
    form = DocumentTextForm(request.POST, request.FILES) if posted else DocumentTextForm()
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload is not None:
                if upload.size > MAX_TEXT_BYTES:
                    raise ValidationError(
                        _("The file is %(size)s bytes; at most %(max)s are accepted.")
                        % {"size": f"{upload.size:,}", "max": f"{MAX_TEXT_BYTES:,}"}
                    )
                text = read_text(upload.read(), upload.name)
            else:
                text = read_text(form.cleaned_data["text"].encode())
            references = store_references(document, text)
        except ValidationError as exc:
            form.add_error("file" if upload is not None else "text", exc)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d reference found in the text of %(symbol)s.",
                    "%(count)d references found in the text of %(symbol)s.",
                    len(references),
                )
                % {"count": len(references), "symbol": document.symbol},
            )
            return redirect(reverse("document-detail", args=[document.symbol]))
    context = {"document": document, "form": form, "max_bytes": MAX_TEXT_BYTES}
    return render(
        request, "agenda/documents/text.html", context, status=400 if form.errors else 200
    )
