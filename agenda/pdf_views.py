"""The provisional agenda as PDF (cached, conditional) and its HTML print preview."""

import functools

from django.http import Http404, HttpResponse
from django.middleware.csp import get_nonce
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from agenda.pdf import pdf_filename, render_agenda_html
from agenda.pdf_cache import cached_agenda_pdf, pdf_cache_key
from agenda.views import get_visible_session
from meetings.models import Session
from meetings.permissions import can_edit
from meetings.translations import UN_LANGUAGES
from meetings.validators import printable


def document_language(view):
    """Precondition: the ``lang`` of the URL is one of the six UN languages, else 404."""

    @functools.wraps(view)
    def wrapper(request, body_slug, number, lang):
        if lang not in UN_LANGUAGES:
            raise Http404(
                _("There is no “%(lang)s” version: the languages are %(known)s.")
                % {"lang": printable(lang), "known": ", ".join(UN_LANGUAGES)}
            )
        return view(request, body_slug, number, lang)

    return wrapper


def _visible_version(request, body_slug, number) -> Session | None:
    """The session's content version, read once per request (one query) for the ETag, the
    Last-Modified date and the cache; None if missing or a draft the user may not see."""
    if not hasattr(request, "_session_version"):
        request._session_version = Session.objects.version_of(body_slug, number)
    version = request._session_version
    if version is None or (
        version.status == Session.Status.DRAFT and not can_edit(request.user, version.body)
    ):
        return None
    return version


def _etag(request, body_slug, number, lang):
    version = _visible_version(request, body_slug, number)
    return pdf_cache_key(version, lang) if version else None


def _last_modified(request, body_slug, number, lang):
    version = _visible_version(request, body_slug, number)
    return version.changed_at if version else None


@document_language
@condition(etag_func=_etag, last_modified_func=_last_modified)
def session_pdf(request, body_slug, number, lang):
    version = _visible_version(request, body_slug, number)
    if version is None:
        raise Http404(
            _("There is no public session %(number)s of “%(body)s”.")
            % {"number": number, "body": body_slug}
        )
    pdf, shown = cached_agenda_pdf(version, lang)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{pdf_filename(shown, lang)}"'
    # Describe the content actually sent (newer than `version` if it changed meanwhile).
    response["ETag"] = quote_etag(pdf_cache_key(shown, lang))
    response["Last-Modified"] = http_date(shown.changed_at.timestamp())
    response["Cache-Control"] = "private, no-cache" if shown.status == "draft" else "no-cache"
    return response


@document_language
def session_pdf_preview(request, body_slug, number, lang):
    session = get_visible_session(request, body_slug, number)
    return HttpResponse(render_agenda_html(session, lang, csp_nonce=str(get_nonce(request))))
