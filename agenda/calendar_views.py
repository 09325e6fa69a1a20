"""HTTP for the calendar feeds: language, visibility, conditional GET and cached bytes.

Each view first reads the feed's content version in one or two cheap queries (never the
feed itself); a request whose ETag or date still matches gets 304 at once. Otherwise the
bytes come from the cache, keyed on that version with the language and the site address, or
are built once (agenda/calendar.py) and cached. Nothing goes stale: every write a feed shows
changes its version (Session.revision, the tombstones).
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from agenda import calendar, queries
from meetings.models import Session
from meetings.translations import UN_LANGUAGES


class CalendarResponse(HttpResponse):
    def __init__(self, content=b"", *, filename: str, attachment: bool = False, public=True):
        super().__init__(content, content_type="text/calendar; charset=utf-8")
        disposition = "attachment" if attachment else "inline"
        self["Content-Disposition"] = f'{disposition}; filename="{filename}"'
        # Always revalidate (cheap: 304), so that calendars never keep an outdated copy.
        self["Cache-Control"] = "public, no-cache" if public else "private, no-cache"


@dataclass(frozen=True)
class FeedVersion:
    tag: str  # names the content; changes with every write the feed shows
    last_modified: object  # aware datetime or None

    def digest(self, language: str | None, base_url: str) -> str:
        """Names the bytes: the content, the language, the site address, the builder."""
        key = f"{calendar.FORMAT}|{self.tag}|{language}|{base_url}"
        return hashlib.sha256(key.encode()).hexdigest()[:32]


class UnknownLanguage(Exception):
    pass


def feed_language(request) -> str | None:
    language = request.GET.get("lang") or None
    if language is not None and language not in UN_LANGUAGES:
        raise UnknownLanguage(language)
    return language


def serve_feed(request, version: FeedVersion, build, *, filename, attachment=False, public=True):
    """304 if the client's copy is current; else the cached bytes, or build(language, base)."""
    try:
        language = feed_language(request)
    except UnknownLanguage as exc:
        return HttpResponseBadRequest(
            f"Unknown language “{exc}” in ?lang=: use one of {', '.join(UN_LANGUAGES)}, "
            "or leave it out for the original language.",
            content_type="text/plain; charset=utf-8",
        )
    base_url = request.build_absolute_uri("/")
    digest = version.digest(language, base_url)
    etag = f'"{digest}"'
    response = CalendarResponse(filename=filename, attachment=attachment, public=public)
    response["ETag"] = etag
    last_modified = None
    if version.last_modified is not None:
        last_modified = int(version.last_modified.timestamp())
        response["Last-Modified"] = http_date(last_modified)
    conditional = get_conditional_response(request, etag, last_modified, response)
    if conditional is not response:
        return conditional
    key = f"calendar:{digest}"
    content = cache.get(key)
    if content is None:
        content = build(language, base_url)
        cache.set(key, content)
    response.content = content
    return response


@require_safe
def body_calendar(request, body_slug):
    body = get_object_or_404(queries.body_with_removals(), slug=body_slug)
    versions = queries.session_versions(body)
    public = [f"{pk}.{rev}" for pk, rev, _, status in versions if status != Session.Status.DRAFT]
    # Drafts count for the date (it must never go back when a session returns to draft).
    dates = [changed for _, _, changed, _ in versions] + [body.removed_at]
    tag = (
        f"body:{body.pk}:{body.abbreviation}:{sorted(body.name.items())}:"
        f"{body.duty_station.time_zone}:{','.join(public)}:"
        f"{body.removed_count}:{body.removed_at}"
    )
    version = FeedVersion(tag, max(filter(None, dates), default=None))
    return serve_feed(
        request,
        version,
        lambda language, base: calendar.build_body_calendar(body, language, base),
        filename=f"{body.slug}.ics",
    )


def _visible(request, session: Session) -> bool:
    return session.status != Session.Status.DRAFT or request.user.is_staff


@require_safe
def session_calendar(request, body_slug, number):
    session = get_object_or_404(
        queries.sessions_with_removals(), body__slug=body_slug, number=number
    )
    if not _visible(request, session):
        raise Http404("No public session matches the given query.")
    version = FeedVersion(
        f"session:{session.content_tag}:{session.removed_count}:{session.removed_at}",
        max(filter(None, [session.changed_at, session.removed_at])),
    )
    return serve_feed(
        request,
        version,
        lambda language, base: calendar.build_session_calendar(session, language, base),
        filename=f"{body_slug}-{number}.ics",
        public=session.status != Session.Status.DRAFT,
    )


@require_safe
def sitting_calendar(request, body_slug, number, sitting):
    sitting = get_object_or_404(
        queries.sittings_for_feed(),
        session__body__slug=body_slug,
        session__number=number,
        number=sitting,
    )
    session = sitting.session
    if not _visible(request, session):
        raise Http404("No public session matches the given query.")
    version = FeedVersion(f"sitting:{sitting.pk}:{session.content_tag}", session.changed_at)
    return serve_feed(
        request,
        version,
        lambda language, base: calendar.build_sitting_calendar(sitting, language, base),
        filename=f"{body_slug}-{number}-meeting-{sitting.number}.ics",
        attachment=True,
        public=session.status != Session.Status.DRAFT,
    )
