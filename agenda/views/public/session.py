"""The public session pages: each reads the current published version (agenda.reads.visibility)."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from agenda.models import PublishedVersion
from agenda.outputs import page as pages
from agenda.outputs.exchange import dumps, export_session, text_languages
from agenda.outputs.memory import RecentBytes
from agenda.outputs.pdf.tasks import pending_languages
from agenda.reads import changes as comparison
from agenda.reads import search
from agenda.reads.changes import comparable
from agenda.reads.content import LIGHT, next_meeting_day, sittings_of_day
from agenda.reads.now import by_day, meetings_of
from agenda.reads.timetable import zone_label
from agenda.reads.visibility import content_language, follows_moves, visible_content
from meetings.dates import full_date, long_date
from meetings.models import Session
from meetings.permissions import can_edit
from meetings.translations import localize

# The days /today/ shows: wide, yet far from the ends of the calendar, where a day before or
# after (and times in other zones) no longer exist.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2199, 12, 31)


@follows_moves
def session_detail(request, body_slug, number):
    """The delegate's hub of a session: what it is, what is on now and next, the agenda with
    its documents, and the timetable, changes and downloads one tap away."""
    content = visible_content(request, body_slug, number)
    session = content.session
    language = content_language(request, session)
    # the PDFs still being rendered are marked on the page, so they are part of its key
    pending = pending_languages(content.version) if content.version else set()
    shown = pages.session_page(content, language, timezone.now())

    def render_page(extra: dict) -> str:
        context = {
            **shown,
            "pdf_pending": pending,
            "can_edit": can_edit(request.user, session.body),
            **extra,
        }
        return render_to_string("agenda/session_detail.html", context, request)

    if content.is_working_copy:  # a draft, for its secretariat
        return HttpResponse(render_page({}))
    key = [
        content.version.cache_key,
        language,
        session.status,
        ",".join(sorted(pending)),
        pages.now_key(shown["now"]),
    ]
    return pages.anonymous_page(request, key, render_page)


# The exports this process served last (a version's JSON never changes).
recent_exports = RecentBytes(budget=16 * 1024 * 1024)


@follows_moves
def session_export(request, body_slug, number):
    """The published version in the exchange format, exactly as it was published."""
    content = visible_content(request, body_slug, number)
    if content.is_working_copy:
        data = export_session(Session.objects.get(pk=content.session.pk))
        body = dumps(data).encode()
    else:
        data = content.version.content
        key = f"export:{content.version.cache_key}"
        body = recent_exports.get(key)
        if body is None:
            body = dumps(data).encode()
            recent_exports.put(key, body)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Language"] = ", ".join(text_languages(data))
    filename = f"{body_slug}-{number}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _number(request, name: str, default: int) -> int:
    try:
        return int(request.GET.get(name, default))
    except ValueError:
        raise Http404(_("Versions are numbered 1, 2, …")) from None


def published_moment(version: PublishedVersion, zone, language: str) -> str:
    """The version's date and time in the venue's zone: 23 February 2024, 10:30 (CET)."""
    local = timezone.localtime(version.published_at, zone)
    comma = "، " if language == "ar" else ", "
    return f"{long_date(local.date(), language)}{comma}{local:%H:%M} ({local.tzname()})"


@follows_moves
def session_changes(request, body_slug, number):
    """What changed between two published versions (by default the latest two)."""
    content = visible_content(request, body_slug, number)
    session = content.session
    language = content_language(request, session)
    versions = list(
        PublishedVersion.objects.filter(session_id=session.pk)
        .defer(*LIGHT)
        .select_related("published_by")
    )
    by_number = {v.number: v for v in versions}
    newer = older = None
    sections = []
    if versions:
        to = _number(request, "to", versions[-1].number)
        since = _number(request, "from", to - 1)
        newer, older = by_number.get(to), by_number.get(since)
        if newer is None or (since and older is None):
            raise Http404(_("There is no published version with that number."))
        if older is not None:
            loaded = PublishedVersion.objects.in_bulk([older.pk, newer.pk])
            sections = comparison.compare(
                comparable(loaded[older.pk]), comparable(loaded[newer.pk]), language
            )
    for version in versions:
        version.shown_when = published_moment(version, session.zone, language)
    context = {
        "session": session,
        "lang": language,
        "versions": versions,
        "newer": newer,
        "older": older,
        "sections": sections,
    }
    return render(request, "agenda/session_changes.html", context)


class SessionVersionsFeed(Feed):
    """Atom feed of a session's published versions, for those who follow it."""

    feed_type = Atom1Feed

    def get_object(self, request, body_slug, number):
        version = (
            PublishedVersion.objects.filter(session__body__slug=body_slug, session__number=number)
            .select_related("session__body")
            .first()
        )
        if version is None:
            raise Http404(_("No public session matches the given query."))
        self.language = content_language(request, version.session)
        return version.session

    def title(self, session):
        title = localize(session.title, self.language, session.original_language).text
        return _("Published versions: %(title)s") % {"title": title}

    def link(self, session):
        return session.url("session-changes")

    def subtitle(self, session):
        return _("Each version of the provisional agenda and its meetings, as published.")

    def items(self, session):
        return (
            PublishedVersion.objects.filter(session=session).defer(*LIGHT).order_by("-number")[:50]
        )

    def item_title(self, version):
        return _("Version %(number)s: %(symbol)s (%(kind)s)") % {
            "number": version.number,
            "symbol": version.symbol,
            "kind": version.get_kind_display(),
        }

    def item_description(self, version):
        return version.note or version.get_kind_display()

    def item_link(self, version):
        session = version.session
        path = session.url("session-changes")
        return f"{path}?to={version.number}"

    def item_pubdate(self, version):
        return version.published_at

    def item_updateddate(self, version):
        return version.published_at


session_versions_feed = follows_moves(SessionVersionsFeed())


@follows_moves
def session_timetable(request, body_slug, number):
    """The organization of work day by day (days side by side on a wide screen, one under
    the other on a phone), each meeting with its items, their documents and calendar links."""
    content = visible_content(request, body_slug, number)
    session = content.session
    language = content_language(request, session)
    meetings = meetings_of(content, timezone.now(), language)
    return render(
        request,
        "agenda/timetable.html",
        {
            "session": session,
            "lang": language,
            "days": by_day(meetings),
            "zone_name": zone_label(session.zone, session.start_date),
            "place": localize(session.location.city, language, session.original_language).text,
        },
    )


def today(request):
    """The meetings of one day (today in each duty station, or ``?date=``) across all
    bodies, with the next day that has meetings."""
    language = content_language(request)
    try:
        day = dt.date.fromisoformat(request.GET["date"]) if request.GET.get("date") else None
    except ValueError:
        raise Http404(_("Give the date as YYYY-MM-DD, e.g. 2024-06-05.")) from None
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise Http404(
            _("There are no meetings on %(day)s: give a date from %(first)s to %(last)s.")
            % {"day": day.isoformat(), "first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()}
        )
    now = timezone.now()
    shown = day or now.date()
    following = next_meeting_day(shown)
    return render(
        request,
        "agenda/today.html",
        {
            "day": day,
            "shown_day": shown,
            "day_name": full_date(shown, language),
            "meetings": sittings_of_day(day, now, language),
            "next_day": following,
            "next_day_name": full_date(following, language),
            "lang": language,
        },
    )


def site_search(request):
    """The header's search over bodies, sessions, agenda items and documents as published,
    the results in the reader's language (agenda.reads.search)."""
    language = content_language(request)
    query = request.GET.get("q", "").strip()[:200]
    results = search.search(query, language) if query else []
    return render(
        request,
        "agenda/search.html",
        {"search_query": query, "results": results, "lang": language},
    )
