"""The provisional agenda as a Word document (.docx), of the current published version or of
any earlier one (each at a stable address beside its PDF), cached and conditional."""

from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag

from agenda.outputs.docx.cache import docx_cache_key, published_docx
from agenda.outputs.docx.render import CONTENT_TYPE, docx_filename, render_agenda_docx
from agenda.reads.content import published_content
from agenda.reads.visibility import follows_moves
from agenda.views.public.pdf import document_language, find_version, unpublished_content


def docx_response(data: bytes, filename: str, language: str, *, private: bool) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPE)
    response["Content-Language"] = language  # the document's, whatever the interface's
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache" if private else "no-cache"
    return response


@document_language
@follows_moves
def session_docx(request, body_slug, number, lang, version=None):
    """The .docx of a published version: 304 when the client has it, else from the cache or
    rendered once. A session never published: only its secretariat, from the working copy."""
    found = find_version(body_slug, number, version)
    if found is None:
        content = unpublished_content(request, body_slug, number, version)
        data = render_agenda_docx(content, lang)
        return docx_response(data, docx_filename(content.session, lang), lang, private=True)
    etag = quote_etag(docx_cache_key(found, lang))
    last_modified = int(found.published_at.timestamp())
    response = get_conditional_response(request, etag, last_modified)
    if response is None:
        data = published_docx(found, lang)
        filename = docx_filename(published_content(found).session, lang)
        response = docx_response(data, filename, lang, private=False)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["X-Agenda-Version"] = str(found.number)
    return response
