"""The public session page, rendered once per published version and kept in the cache.

``session_document``: the document (masthead, agenda, annotations, organization of work),
rendered once per published version and kept in the shared cache.

It is most of the page's cost (a template include per item, footnote and document), and a
published version never changes, so the key needs only the version (id and digest), the
content and interface languages, the session's lifecycle status (shown in it, and not part of
a version) and the templates' own version. What is per request (the language switcher's
CSRF token, the CSP nonce, the links with the request's host) stays outside it.
"""

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from agenda.content import SessionContent
from agenda.memory import RecentBytes
from agenda.organization import organization_rows, rows_by_date
from agenda.queries import session_agenda
from agenda.versioning import code_version
from meetings.translations import LANGUAGE_NAMES

TEMPLATES = code_version(
    "templates/agenda/includes/*.html",
    "agenda/pages.py",
    "agenda/queries.py",
    "agenda/richtext.py",
    "agenda/document_terms.py",
    "meetings/dates.py",
    "meetings/templatetags/*.py",
    "agenda/templatetags/*.py",
    "templates/base.html",
    "templates/agenda/session_detail.html",
)


def render_session_document(content: SessionContent, language: str) -> SafeString:
    session = content.session
    context = {
        "agenda": session_agenda(content, language),
        "lang_name": LANGUAGE_NAMES[language],
        "original_name": LANGUAGE_NAMES[session.original_language],
        "LANGUAGE_CODE": get_language(),
    }
    return mark_safe(render_to_string("agenda/includes/session_document.html", context))


def session_document(content: SessionContent, language: str) -> SafeString:
    """The document of a published content from the cache (a working copy: rendered)."""
    if content.is_working_copy:
        return render_session_document(content, language)
    key = ":".join(
        [
            "session-document",
            content.version.cache_key,
            language,
            get_language(),
            content.session.status,
            TEMPLATES,
        ]
    )
    html = cache.get(key)
    if html is None:
        html = str(render_session_document(content, language))
        cache.set(key, html)
    return mark_safe(html)


# What stands in a cached page where each response puts its own CSRF token (Django masks
# the token anew for every response); plain ASCII, so no escaping can change it.
CSRF_HOLE = "csrf-token-of-this-response-0f3c9a"
recent_pages = RecentBytes(budget=32 * 1024 * 1024)


def anonymous_page(request, key_parts: list[str], render) -> HttpResponse:
    """A public page for anonymous delegates, the same for everyone who asks for the same
    published version in the same languages: the whole page is kept, with a hole where the
    CSRF token of the language switcher goes. Signed-in users, and requests with messages
    to show, get a fresh render (``render(extra_context)`` returns the HTML)."""
    if request.user.is_authenticated or len(messages.get_messages(request)):
        return HttpResponse(render({}))
    key = ":".join(["page", *key_parts, get_language(), request.get_full_path(), TEMPLATES])
    key = "page:" + hashlib.sha256(key.encode()).hexdigest()[:32]
    html = recent_pages.get(key)
    if html is None:
        html = cache.get(key)
        if html is None:
            html = render({"csrf_token": CSRF_HOLE}).encode()
            cache.set(key, html)
        recent_pages.put(key, html)
    return HttpResponse(html.replace(CSRF_HOLE.encode(), get_token(request).encode()))


def organization(content: SessionContent) -> list:
    """The sittings by date with the items each takes up (for the calendar downloads)."""
    return rows_by_date(organization_rows(content.sittings, content.scheduled))
