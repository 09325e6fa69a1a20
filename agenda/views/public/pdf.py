"""The provisional agenda as PDF (cached, conditional) and its HTML print preview, of the
current published version or of any earlier one (each at a stable address)."""

import functools

from django.conf import settings
from django.http import Http404, HttpResponse
from django.middleware.csp import get_nonce
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _

from agenda.models import PublishedVersion
from agenda.outputs.pdf.cache import cached_pdf, pdf_cache_key
from agenda.outputs.pdf.render import pdf_filename, render_agenda_html, render_agenda_pdf
from agenda.outputs.pdf.tasks import request_render, stand_in
from agenda.reads.content import LIGHT, current_version, published_content
from agenda.reads.visibility import follows_moves, visible_content
from meetings.translations import UN_LANGUAGES
from meetings.validators import printable


def document_language(view):
    """Precondition: the ``lang`` of the URL is one of the six UN languages, else 404."""

    @functools.wraps(view)
    def wrapper(request, *args, lang, **kwargs):
        if lang not in UN_LANGUAGES:
            raise Http404(
                _("There is no “%(lang)s” version: the languages are %(languages)s.")
                % {"lang": printable(lang), "languages": ", ".join(UN_LANGUAGES)}
            )
        return view(request, *args, lang=lang, **kwargs)

    return wrapper


def find_version(body_slug, number, version) -> PublishedVersion | None:
    """The version numbered ``version`` of the session (light), its current one for None."""
    if version is None:
        return current_version(body_slug, number)
    found = PublishedVersion.objects.filter(
        session__body__slug=body_slug, session__number=number, number=version
    )
    return found.select_related("session").defer(*LIGHT).first()


def unpublished_content(request, body_slug, number, version):
    """When ``find_version`` found nothing: a version number no version has is a 404; a
    session never published is seen only by its secretariat, from the working copy."""
    if version is not None:
        raise Http404(_("There is no published version with that number."))
    return visible_content(request, body_slug, number)


def pdf_response(pdf: bytes, filename: str, language: str, *, private: bool) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Language"] = language  # the document's, whatever the interface's
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache" if private else "no-cache"
    return response


# Seconds after which the "being prepared" page asks again (Retry-After, Refresh).
RETRY_AFTER = 5


def published_document(request, version: PublishedVersion, key: str, answer, **marks):
    """A published version's document (PDF, Word) under its own ETag (its cache ``key``) and
    date: 304 when the client has these bytes, else ``answer()``'s response (None: nothing).
    ``marks`` are headers that label it."""
    etag = quote_etag(key)
    last_modified = int(version.published_at.timestamp())
    response = get_conditional_response(request, etag, last_modified)
    if response is None:
        response = answer()
        if response is None:
            return None
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["X-Agenda-Version"] = str(version.number)
    for header, value in marks.items():
        response[header] = value
    return response


def _published_pdf(request, version: PublishedVersion, key: str, lang: str, pdf=None, **marks):
    """A published version's PDF: 304 when the client has these bytes, else ``pdf`` (None:
    the conditional answer alone, or nothing). ``marks`` label a stand-in for a version
    still rendering."""

    def answer():
        if pdf is None:
            return None
        filename = pdf_filename(published_content(version).session, lang)
        if marks:
            filename = filename.removesuffix(".pdf") + "-previous.pdf"
        return pdf_response(pdf, filename, lang, private=False)

    return published_document(request, version, key, answer, **marks)


def being_prepared(request, version: PublishedVersion, lang: str, session_url: str):
    """503 with Retry-After: the PDF is on the task queue; the page reloads by itself."""
    # the document's language by its own name (中文, Français …), as the session page's links
    language = dict(settings.LANGUAGES)[lang]
    context = {"version": version, "lang": lang, "language": language, "session_url": session_url}
    context["retry_after"] = RETRY_AFTER
    response = render(request, "agenda/pdf_being_prepared.html", context, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Refresh"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    # Expected while a render runs, not a failure: Django would log every 5xx as an error
    # (django.request), which is what operators alert on. The access log still has it.
    response._has_been_logged = True
    return response


@document_language
@follows_moves
def session_pdf(request, body_slug, number, lang, version=None):
    """The PDF of a published version. Rendering happens on the task queue, never here: a PDF
    not rendered yet is requested from it, and meanwhile the current version's address gives
    the latest earlier version's PDF, marked as such under its own ETag; an address naming a
    version (or a session with no earlier PDF) gives the "being prepared" page."""
    found = find_version(body_slug, number, version)
    if found is None:
        content = unpublished_content(request, body_slug, number, version)
        pdf = render_agenda_pdf(content, lang)
        return pdf_response(pdf, pdf_filename(content.session, lang), lang, private=True)
    key = pdf_cache_key(found, lang)
    answered = _published_pdf(request, found, key, lang)  # the client has it: 304
    if answered is not None:
        return answered
    pdf = cached_pdf(key) or request_render(found, lang)
    if pdf is not None:
        return _published_pdf(request, found, key, lang, pdf)
    earlier = stand_in(found, lang) if version is None else None
    if earlier is None:
        session_url = reverse("session-detail", args=[body_slug, number])
        return being_prepared(request, found, lang, session_url)
    previous, previous_key, previous_pdf = earlier
    return _published_pdf(
        request,
        previous,
        previous_key,
        lang,
        previous_pdf,
        **{"X-Agenda-Pending-Version": str(found.number)},
    )


@document_language
@follows_moves
def session_pdf_preview(request, body_slug, number, lang, version=None):
    if version is None:
        content = visible_content(request, body_slug, number)
    else:
        found = find_version(body_slug, number, version)
        if found is None:
            raise Http404(_("There is no published version with that number."))
        content = published_content(found)
    return HttpResponse(render_agenda_html(content, lang, csp_nonce=str(get_nonce(request))))
