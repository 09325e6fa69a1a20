"""HTTP for the calendar feeds: language, visibility, conditional GET and cached bytes.

A feed shows published versions only (services.publishing), which never change. Each view first
reads which versions it shows, in one cheap query, never the feed itself; a request whose
ETag still matches gets 304 at once. Otherwise the bytes come from the cache, named by those
versions (their ids and digests), the language and the builder's own version, or are built
once (outputs/calendar/feeds.py). A body's feed caches each session's events by version, so after
one session publishes only its events are rebuilt. Links use settings.SITE_URL, never the
request's Host header, so no client can split or poison the cache. A draft's feed (its
secretariat only) is built from the working copy and never cached.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import cache as memoize

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils.cache import get_conditional_response
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from agenda.models import PublishedVersion
from agenda.outputs.calendar import feeds as calendar
from agenda.outputs.memory import RecentBytes as RecentFeeds
from agenda.outputs.versioning import code_version
from agenda.reads.content import body_contents
from agenda.reads.visibility import follows_moves, visible_content
from meetings.models import Body, RemovedSitting, Session
from meetings.translations import UN_LANGUAGES

# Part of every cache key and ETag: changes whenever the builders' code changes.
FORMAT = code_version(
    "agenda/outputs/calendar/feeds.py",
    "agenda/outputs/calendar/ical.py",
    "agenda/published.py",
    "agenda/outputs/document_terms.py",
    "meetings/dates.py",
    "locale/*/LC_MESSAGES/django.po",
)


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


recent = RecentFeeds(budget=64 * 1024 * 1024)  # the feeds this process served last


@dataclass(frozen=True)
class FeedState:
    """Which published content a feed shows: names its bytes (with the language)."""

    tag: str
    last_modified: dt.datetime | None
    draft: bool = False


def _aware(value) -> dt.datetime | None:
    """A timestamp as read by raw SQL: SQLite gives text (UTC), PostgreSQL a datetime."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


@memoize
def _body_state_sql() -> str:
    return """
        SELECT b.id, b.name, b.abbreviation, v.time_zone,
          COUNT(p.id), SUM(p.id), SUM(p.digest_number), MAX(p.published_at),
          (SELECT COUNT(*) FROM {removed} r WHERE r.body_id = b.id),
          (SELECT MAX(r.removed_at) FROM {removed} r WHERE r.body_id = b.id)
        FROM {body} b
          JOIN {venue} v ON v.id = b.duty_station_id
          LEFT JOIN {session} s ON s.body_id = b.id
          LEFT JOIN {version} p ON p.session_id = s.id AND p.is_current
        WHERE b.slug = %s
        GROUP BY b.id, v.id
    """.format(
        body=Body._meta.db_table,
        venue=Body._meta.get_field("duty_station").related_model._meta.db_table,
        session=Session._meta.db_table,
        version=PublishedVersion._meta.db_table,
        removed=RemovedSitting._meta.db_table,
    )


def body_feed_state(slug: str) -> tuple[int, FeedState] | None:
    """One SQL statement, written out: a 304 must cost about as much as a trivial view, and
    compiling the equivalent ORM query alone costs more. Version ids only grow and each
    digest names its content, so their count and sums change with every publication, and a
    restored database whose ids name other content gives other sums."""
    with connection.cursor() as cursor:
        cursor.execute(_body_state_sql(), [slug])
        row = cursor.fetchone()
    if row is None:
        return None
    pk, name, abbreviation, zone, count, ids, digests, published, removed, removed_at = row
    published, removed_at = _aware(published), _aware(removed_at)
    tag = f"body:{pk}:{name}:{abbreviation}:{zone}:{count}:{ids}:{digests}:{removed}:{removed_at}"
    moments = [m for m in (published, removed_at) if m]
    return pk, FeedState(tag, max(moments) if moments else None)


def digest(state: FeedState, language: str | None) -> str:
    """Names the bytes: the content, the language, the site address and the builder."""
    key = f"{FORMAT}|{state.tag}|{language}|{settings.SITE_URL}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _bad_language(language):
    return HttpResponseBadRequest(
        _(
            "Unknown language “%(language)s” in ?lang=: use one of %(languages)s, or leave it "
            "out for the original language."
        )
        % {"language": language, "languages": ", ".join(UN_LANGUAGES)},
        content_type="text/plain; charset=utf-8",
    )


def serve_feed(request, state: FeedState, build, *, filename, attachment=False):
    """304 if the client's copy is current; else the cached bytes, or build(language)."""
    try:
        language = feed_language(request)
    except UnknownLanguage as exc:
        return _bad_language(exc)
    name = digest(state, language)
    etag = f'"{name}"'
    last_modified = int(state.last_modified.timestamp()) if state.last_modified else None
    # None unless the client's copy is current (304) or a precondition fails (412).
    response = get_conditional_response(request, etag, last_modified)
    if response is None:
        content = build(language) if state.draft else cached_feed(name, lambda: build(language))
        response = CalendarResponse(content, filename=filename, attachment=attachment)
        # the languages of the text sent, not the interface language of the request
        response["Content-Language"] = ", ".join(content.languages)
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


def cached_events(language: str | None):
    """events_of for build_body_calendar: a session's events, by version and language."""

    def events_of(content, build):
        key = f"calendar-events:{FORMAT}:{content.version.cache_key}:{language}"
        events = cache.get(key)
        if events is None:
            events = build()
            cache.set(key, events)
        return events

    return events_of


def content_state(content) -> FeedState:
    if content.is_working_copy:
        return FeedState(f"draft:{content.session.pk}:{_now_tag()}", None, draft=True)
    version = content.version
    return FeedState(f"version:{version.cache_key}", version.published_at)


def _now_tag() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


@require_safe
def body_calendar(request, body_slug):
    found = body_feed_state(body_slug)
    if found is None:
        raise Http404(_("No public calendar at this address."))
    pk, state = found

    def build(language):
        body = Body.objects.select_related("duty_station").get(pk=pk)
        contents = body_contents(body)
        removed = list(RemovedSitting.objects.filter(body=body))
        return calendar.build_body_calendar(
            body, contents, removed, language, settings.SITE_URL, cached_events(language)
        )

    return serve_feed(request, state, build, filename=f"{body_slug}.ics")


@require_safe
@follows_moves
def session_calendar(request, body_slug, number):
    content = visible_content(request, body_slug, number)

    def build(language):
        return calendar.build_session_calendar(content, language, settings.SITE_URL)

    return serve_feed(request, content_state(content), build, filename=f"{body_slug}-{number}.ics")


@require_safe
@follows_moves
def sitting_calendar(request, body_slug, number, sitting):
    content = visible_content(request, body_slug, number)
    if not any(s.number == sitting for s in content.sittings):
        raise Http404(_("This session has no meeting %(number)s.") % {"number": sitting})

    def build(language):
        return calendar.build_sitting_calendar(content, sitting, language, settings.SITE_URL)

    state = content_state(content)
    state = FeedState(f"{state.tag}:sitting:{sitting}", state.last_modified, state.draft)
    filename = f"{body_slug}-{number}-meeting-{sitting}.ics"
    return serve_feed(request, state, build, filename=filename, attachment=True)
