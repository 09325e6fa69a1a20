"""Rendered PDFs, kept in Django's cache per published version, language and layout.

A key names exactly one content (a published version never changes, and its digest is part
of the key) so entries never need invalidating; the key doubles as the ETag. Only the task
queue's worker writes here (agenda/outputs/pdf/tasks.py), and only whole files. Drafts (their
secretariat's preview) are rendered each time and never cached.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache

from agenda.models import PublishedVersion
from agenda.outputs.memory import RecentBytes
from agenda.outputs.pdf.render import LAYOUT_VERSION


def pdf_cache_key(version: PublishedVersion, language: str) -> str:
    return f"agenda-pdf:{version.cache_key}:{language}:{LAYOUT_VERSION}:{_site(settings.SITE_URL)}"


@functools.cache
def _site(url: str) -> str:
    """The PDF links its documents to their pages at SITE_URL: part of what it is."""
    return hashlib.sha256(url.encode()).hexdigest()[:8]


# The PDFs this process served last: a repeated download is then answered from memory.
recent = RecentBytes(budget=64 * 1024 * 1024)


def cached_pdf(key: str) -> bytes | None:
    """The PDF under ``key`` if it has been rendered (and not evicted since), else None."""
    pdf = recent.get(key)
    if pdf is None:
        pdf = cache.get(key)
        if pdf is not None:
            recent.put(key, pdf)
    return pdf


def store(key: str, pdf: bytes) -> None:
    """One write of the complete file (Redis SET, or the file cache's rename into place):
    a reader finds the whole PDF or nothing, never part of one."""
    cache.set(key, pdf)
