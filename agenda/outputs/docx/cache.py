"""Rendered Word documents, kept in Django's cache per published version and language.

A .docx renders in a fraction of a second, so it renders in the request that first asks
for it (no task queue); its key names exactly one content (the version's digest) and one
renderer (DOCX_VERSION: a digest of the renderer's files), so an entry never needs
invalidating, and the key doubles as the ETag. The working copy is never cached.
"""

from django.core.cache import cache

from agenda.models import PublishedVersion
from agenda.outputs.docx.render import DOCX_VERSION, render_agenda_docx
from agenda.outputs.memory import RecentBytes
from agenda.reads.content import published_content

# The documents this process served last: a repeated download is answered from memory.
recent = RecentBytes(budget=16 * 1024 * 1024)


def docx_cache_key(version: PublishedVersion, language: str) -> str:
    return f"agenda-docx:{version.cache_key}:{language}:{DOCX_VERSION}"


def published_docx(version: PublishedVersion, language: str) -> bytes:
    """The .docx of ``version`` in ``language``: from memory, else the shared cache, else
    rendered once and stored there whole (the same bytes whoever renders it)."""
    key = docx_cache_key(version, language)
    data = recent.get(key)
    if data is None:
        data = cache.get(key)
        if data is None:
            data = render_agenda_docx(published_content(version), language)
            cache.set(key, data)
        recent.put(key, data)
    return data
