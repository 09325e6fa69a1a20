"""The public session page's document (masthead, agenda, annotations, organization of work),
rendered once per published version and kept in the shared cache.

It is most of the page's cost (a template include per item, footnote and document), and a
published version never changes, so the key needs only the version (id and digest), the
content and interface languages, the session's lifecycle status (shown in it, and not part of
a version) and the templates' own version. What is per request (the language switcher's
CSRF token, the CSP nonce, the links with the request's host) stays outside it.
"""

import functools
import hashlib

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from agenda.outputs.document_terms import document_title
from agenda.outputs.memory import RecentBytes
from agenda.outputs.versioning import code_version
from agenda.reads.agenda import session_agenda
from agenda.reads.content import SessionContent
from agenda.reads.now import by_day, meetings_of, now_and_next
from agenda.reads.translation_status import content_status
from meetings.translations import LANGUAGE_NAMES

TEMPLATES = code_version(
    "templates/agenda/includes/*.html",
    "agenda/outputs/page.py",
    "agenda/reads/agenda.py",
    "agenda/published.py",
    "agenda/outputs/richtext.py",
    "agenda/outputs/linking.py",
    "agenda/rules/references.py",
    "agenda/outputs/document_terms.py",
    "locale/*/LC_MESSAGES/django.po",  # the documents' wording (context "document")
    "agenda/rules/numbering.py",
    "agenda/reads/now.py",
    "agenda/reads/translation_status.py",
    "agenda/outputs/calendar/links.py",
    "agenda/outputs/calendar/feeds.py",
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
        "title": document_title(language, session.title_variant),
        "lang_name": LANGUAGE_NAMES[language],
        "original_name": LANGUAGE_NAMES[session.original_language],
        "LANGUAGE_CODE": get_language(),
    }
    return mark_safe(render_to_string("agenda/includes/session_document.html", context))


def _cached(name: str, content: SessionContent, language: str, render) -> SafeString:
    """A fragment of a published content from the cache (a working copy: rendered). A
    published version never changes, so the key needs only the version (id and digest), the
    content and interface languages, the session's lifecycle status (not part of a version),
    the templates' own version and the site's address (in absolute links)."""
    if content.is_working_copy:
        return render()
    key = ":".join(
        [
            name,
            content.version.cache_key,
            language,
            get_language(),
            content.session.status,
            TEMPLATES,
            _site(settings.SITE_URL),
        ]
    )
    html = cache.get(key)
    if html is None:
        html = str(render())
        cache.set(key, html)
    return mark_safe(html)


@functools.cache
def _site(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()[:8]


def session_document(content: SessionContent, language: str) -> SafeString:
    """The document: masthead, agenda with documents, annotations, organization of work."""
    return _cached(
        "session-document", content, language, lambda: render_session_document(content, language)
    )


def session_meetings(content: SessionContent, language: str) -> SafeString:
    """Every meeting by day, each with its calendar links (under "Downloads and calendar"):
    nothing in it follows the clock (the card above says which one is on), so it is cached."""

    def render():
        context = {
            "days": by_day(meetings_of(content, None, language)),
            "lang": language,
            "LANGUAGE_CODE": get_language(),
        }
        return mark_safe(render_to_string("agenda/includes/session_meetings.html", context))

    return _cached("session-meetings", content, language, render)


def session_page(content: SessionContent, language: str, now) -> dict:
    """What the session page shows of a content: its cached document and meetings, and,
    worked out per request (they follow the clock), the meeting under way and the next."""
    return {
        "session": content.session,
        "version": content.version,
        "language": language,
        "document": session_document(content, language),
        "meetings": session_meetings(content, language),
        "now": now_and_next(content, now, language),
        "languages": settings.LANGUAGES,
        # how complete each language is, in this content (the published version's, for delegates)
        "translation_status": content_status(content),
    }


# What stands in a cached page where each response puts its own CSRF token (Django masks
# the token anew for every response); plain ASCII, so no escaping can change it.
CSRF_HOLE = "csrf-token-of-this-response-0f3c9a"
recent_pages = RecentBytes(budget=32 * 1024 * 1024)


def anonymous_page(request, key_parts: list[str], render) -> HttpResponse:
    """A public page for anonymous delegates, the same for everyone who asks for the same
    published version in the same languages (and, on the session page, the same meetings
    now and next): the whole page is kept, with a hole where the CSRF token of the language
    switcher goes. Signed-in users, and requests with messages to show, get a fresh render
    (``render(extra_context)`` returns the HTML)."""
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


def now_key(now) -> str:
    """Names what the "now / next" card shows, for the key of a page that shows it."""

    def uid(meeting):
        return str(meeting.sitting.uid) if meeting else "-"

    return f"{now.phase}:{uid(now.current)}:{uid(now.next)}"
