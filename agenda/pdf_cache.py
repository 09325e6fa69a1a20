"""Rendered PDFs, kept in Django's cache per content version, language and layout version.

A key names exactly one content (``Session.content_tag`` changes with every write to what the
session publishes) so entries never need invalidating: a changed session simply asks for a new
key, and the old entry expires. The key doubles as the ETag.
"""

from django.core.cache import cache

from agenda.pdf import LAYOUT_VERSION, render_agenda_pdf
from meetings.models import Session


def pdf_cache_key(session: Session, language: str) -> str:
    return f"agenda-pdf:{session.content_tag}:{language}:layout{LAYOUT_VERSION}"


def cached_agenda_pdf(version: Session, language: str) -> tuple[bytes, Session]:
    """The PDF of ``version`` (a Session from ``version_of``) and the session it shows: on a
    miss the session is loaded and rendered, and if it changed since ``version`` was read, the
    newer content is what is rendered, cached and returned."""
    pdf = cache.get(pdf_cache_key(version, language))
    if pdf is not None:
        return pdf, version
    session = Session.objects.with_body().get(pk=version.pk)
    pdf = render_agenda_pdf(session, language)
    cache.set(pdf_cache_key(session, language), pdf)
    return pdf, session
