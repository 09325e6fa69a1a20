"""HTTP for the calendar feeds: language, visibility, conditional GET and cached bytes.

Each view first reads the feed's content version in one cheap query, never the feed itself
(agenda.queries.*_feed_state); a request whose ETag or date still matches gets 304 at once.
Otherwise the bytes come from the cache, keyed on that version with the language and the
site address, or are built once (agenda/calendar.py) and cached. Nothing goes stale: every
write a feed shows changes its version (Session.revision, the tombstones).
"""

import hashlib
import threading
from collections import OrderedDict

from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from agenda import calendar, queries
from meetings.models import Body, Session, Sitting
from meetings.permissions import can_edit
from meetings.translations import UN_LANGUAGES


class CalendarResponse(HttpResponse):
    def __init__(self, content, *, filename: str, attachment: bool = False):
        super().__init__(content, content_type="text/calendar; charset=utf-8")
        disposition = "attachment" if attachment else "inline"
        self["Content-Disposition"] = f'{disposition}; filename="{filename}"'


class UnknownLanguage(Exception):
    pass


def feed_language(request) -> str | None:
    if not request.META.get("QUERY_STRING"):  # the usual subscription: skip parsing
        return None
    language = request.GET.get("lang") or None
    if language is not None and language not in UN_LANGUAGES:
        raise UnknownLanguage(language)
    return language


class RecentFeeds:
    """The feeds this process served last, in memory, in front of the shared file cache
    (which costs a file read, decompression and unpickling of up to a megabyte). Keys name
    the content itself, so an entry is never stale; the oldest go beyond the byte budget."""

    def __init__(self, budget: int):
        self.budget, self.size = budget, 0
        self.entries: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self.lock:
            content = self.entries.get(key)
            if content is not None:
                self.entries.move_to_end(key)
            return content

    def put(self, key: str, content: bytes) -> None:
        with self.lock:
            if key not in self.entries:
                self.entries[key] = content
                self.size += len(content)
            while self.size > self.budget and self.entries:
                self.size -= len(self.entries.popitem(last=False)[1])


recent = RecentFeeds(budget=64 * 1024 * 1024)


def digest(state: queries.FeedState, language: str | None, base_url: str) -> str:
    """Names the bytes: the content, the language, the site address and the builder."""
    key = f"{calendar.FORMAT}|{state.tag}|{language}|{base_url}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def may_see_draft(request, body_slug: str) -> bool:
    """Only the body's secretariat sees a draft session's feeds (one query, drafts only)."""
    body = Body.objects.filter(slug=body_slug).first()
    return body is not None and can_edit(request.user, body)


def serve_feed(request, state, build, *, body_slug, filename, attachment=False):
    """304 if the client's copy is current; else the cached bytes, or build(language, base).
    Drafts are visible to the body's secretariat only, and never cached by shared caches."""
    if state is None or (state.draft and not may_see_draft(request, body_slug)):
        raise Http404("No public calendar at this address.")
    try:
        language = feed_language(request)
    except UnknownLanguage as exc:
        return HttpResponseBadRequest(
            f"Unknown language “{exc}” in ?lang=: use one of {', '.join(UN_LANGUAGES)}, "
            "or leave it out for the original language.",
            content_type="text/plain; charset=utf-8",
        )
    base_url = f"{request.scheme}://{request.get_host()}/"  # as build_absolute_uri("/")
    name = digest(state, language, base_url)
    etag = f'"{name}"'
    last_modified = int(state.last_modified.timestamp()) if state.last_modified else None
    # None unless the client's copy is current (304) or a precondition fails (412).
    response = get_conditional_response(request, etag, last_modified)
    if response is None:
        response = CalendarResponse(
            cached_feed(name, lambda: build(language, base_url)),
            filename=filename,
            attachment=attachment,
        )
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    # Always revalidate (cheap: 304), so that calendars never keep an outdated copy.
    response["Cache-Control"] = "private, no-cache" if state.draft else "public, no-cache"
    return response


def cached_feed(name: str, build) -> bytes:
    content = recent.get(name)
    if content is None:
        key = f"calendar:{name}"
        content = cache.get(key)
        if content is None:
            content = build()
            cache.set(key, content)
        recent.put(name, content)
    return content


@require_safe
def body_calendar(request, body_slug):
    def build(language, base_url):
        body = Body.objects.select_related("duty_station").get(pk=state.pk)
        return calendar.build_body_calendar(body, language, base_url)

    state = queries.body_feed_state(body_slug)
    return serve_feed(request, state, build, body_slug=body_slug, filename=f"{body_slug}.ics")


@require_safe
def session_calendar(request, body_slug, number):
    def build(language, base_url):
        session = Session.objects.with_body().get(pk=state.pk)
        return calendar.build_session_calendar(session, language, base_url)

    state = queries.session_feed_state(body_slug, number)
    return serve_feed(
        request, state, build, body_slug=body_slug, filename=f"{body_slug}-{number}.ics"
    )


@require_safe
def sitting_calendar(request, body_slug, number, sitting):
    def build(language, base_url):
        row = Sitting.objects.select_related("session__venue", "session__body__duty_station")
        return calendar.build_sitting_calendar(row.get(pk=state.pk), language, base_url)

    state = queries.sitting_feed_state(body_slug, number, sitting)
    filename = f"{body_slug}-{number}-meeting-{sitting}.ics"
    return serve_feed(
        request, state, build, body_slug=body_slug, filename=filename, attachment=True
    )
