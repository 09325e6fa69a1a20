"""The provisional agenda as a Word document (.docx), of the current published version or of
any earlier one (each at a stable address beside its PDF), cached and conditional."""

from django.http import HttpResponse

from agenda.outputs.docx.cache import docx_cache_key, published_docx
from agenda.outputs.docx.render import CONTENT_TYPE, docx_filename, render_agenda_docx
from agenda.reads.content import published_content
from agenda.reads.visibility import follows_moves
from agenda.views.public.pdf import (
    document_language,
    find_version,
    published_document,
    unpublished_content,
)


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

    def answer():
        filename = docx_filename(published_content(found).session, lang)
        return docx_response(published_docx(found, lang), filename, lang, private=False)

    return published_document(request, found, docx_cache_key(found, lang), answer)
