"""The provisional agenda as PDF (cached, conditional) and its HTML print preview, of the
current published version or of any earlier one (each at a stable address)."""

import functools

from django.http import Http404, HttpResponse
from django.middleware.csp import get_nonce
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _

from agenda.content import current_version, published_content
from agenda.models import PublishedVersion
from agenda.pdf import pdf_filename, render_agenda_html, render_agenda_pdf
from agenda.pdf_cache import cached_agenda_pdf, pdf_cache_key
from agenda.public import follows_moves, visible_content
from meetings.translations import UN_LANGUAGES


def document_language(view):
    """Precondition: the ``lang`` of the URL is one of the six UN languages, else 404."""

    @functools.wraps(view)
    def wrapper(request, *args, lang, **kwargs):
        if lang not in UN_LANGUAGES:
            raise Http404(
                _("There is no “%(lang)s” version: the languages are %(languages)s.")
                % {"lang": lang, "languages": ", ".join(UN_LANGUAGES)}
            )
        return view(request, *args, lang=lang, **kwargs)

    return wrapper


def _version(body_slug, number, version) -> PublishedVersion | None:
    if version is None:
        return current_version(body_slug, number)
    found = PublishedVersion.objects.filter(
        session__body__slug=body_slug, session__number=number, number=version
    )
    return found.select_related("session").defer("content", "register", "calendar").first()


def pdf_response(pdf: bytes, filename: str, language: str, *, private: bool) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Language"] = language  # the document's, whatever the interface's
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache" if private else "no-cache"
    return response


@document_language
@follows_moves
def session_pdf(request, body_slug, number, lang, version=None):
    found = _version(body_slug, number, version)
    if found is None:
        if version is not None:
            raise Http404(_("There is no published version with that number."))
        # Never published: only its secretariat sees it, rendered from the working copy.
        content = visible_content(request, body_slug, number)
        pdf = render_agenda_pdf(content, lang)
        return pdf_response(pdf, pdf_filename(content.session, lang), lang, private=True)
    etag = quote_etag(pdf_cache_key(found, lang))
    last_modified = int(found.published_at.timestamp())
    response = get_conditional_response(request, etag, last_modified)
    if response is None:
        pdf = cached_agenda_pdf(found, lang)
        filename = pdf_filename(published_content(found).session, lang)
        response = pdf_response(pdf, filename, lang, private=False)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    return response


@document_language
@follows_moves
def session_pdf_preview(request, body_slug, number, lang, version=None):
    if version is None:
        content = visible_content(request, body_slug, number)
    else:
        found = _version(body_slug, number, version)
        if found is None:
            raise Http404(_("There is no published version with that number."))
        content = published_content(found)
    return HttpResponse(render_agenda_html(content, lang, csp_nonce=str(get_nonce(request))))
