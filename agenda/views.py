import datetime as dt

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda.exchange import export_session
from agenda.queries import session_agenda, sittings_of_day
from agenda.timetable import timetable, zone_label
from agenda.versions import compare
from meetings.models import Session
from meetings.permissions import can_edit
from meetings.translations import LANGUAGE_NAMES, UN_LANGUAGES, interface_language, localize

# The days /today/ shows: wide, yet far from the ends of the calendar, where a day before or
# after (and times in other zones) no longer exist.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2199, 12, 31)


def get_visible_session(request, body_slug, number) -> Session:
    session = Session.objects.with_body().filter(body__slug=body_slug, number=number).first()
    if session is None or (
        session.status == Session.Status.DRAFT and not can_edit(request.user, session.body)
    ):
        raise Http404(
            _("There is no public session %(number)s of “%(body)s”.")
            % {"number": number, "body": body_slug}
        )
    return session


def content_language(request, session=None) -> str:
    """The language of the content shown: ``?lang=``, else the interface language (content
    missing in it falls back to the original, marked)."""
    requested = request.GET.get("lang", "")
    if requested in UN_LANGUAGES:
        return requested
    return interface_language(session.original_language if session else "en")


def session_detail(request, body_slug, number):
    session = get_visible_session(request, body_slug, number)
    language = content_language(request, session)
    context = {
        "agenda": session_agenda(session, language),
        "session": session,
        "language": language,
        "lang_name": LANGUAGE_NAMES[language],
        "original_name": LANGUAGE_NAMES[session.original_language],
        "languages": settings.LANGUAGES,
        "can_edit": can_edit(request.user, session.body),
    }
    return render(request, "agenda/session_detail.html", context)


def session_export(request, body_slug, number):
    session = get_visible_session(request, body_slug, number)
    response = JsonResponse(export_session(session), json_dumps_params={"ensure_ascii": False})
    filename = f"{session.body.slug}-{session.number}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def session_changes(request, body_slug, number):
    """What changed between two issued versions (by default the latest and the one before)."""
    session = get_visible_session(request, body_slug, number)
    versions = list(session.issued_versions.select_related("issued_by"))
    by_number = {v.number: v for v in versions}
    newer = older = None
    if versions:
        try:
            to = int(request.GET.get("to", versions[-1].number))
            since = int(request.GET.get("from", to - 1))
        except ValueError:
            raise Http404(_("Versions are numbered 1, 2, …")) from None
        newer, older = by_number.get(to), by_number.get(since)
        if newer is None or (since and older is None):
            raise Http404(_("There is no issued version with that number."))
    context = {
        "session": session,
        "versions": versions,
        "newer": newer,
        "older": older,
        "sections": compare(older.snapshot, newer.snapshot) if older else [],
    }
    return render(request, "agenda/session_changes.html", context)


def session_timetable(request, body_slug, number):
    """The organization of work as a timetable: days as columns, time slots as rows."""
    session = get_visible_session(request, body_slug, number)
    language = content_language(request, session)
    agenda = session_agenda(session, language)
    now = timezone.now()
    return render(
        request,
        "agenda/timetable.html",
        {
            "session": session,
            "agenda": agenda,
            "lang": language,
            "timetable": timetable(agenda.organization, now),
            "zone_name": zone_label(session.zone, session.start_date),
            "place": localize(session.location.city, language, session.original_language).text,
        },
    )


def today(request):
    """The sittings of one day (today in each duty station, or ``?date=``) across all bodies."""
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
    sittings = sittings_of_day(day, now, language)
    return render(
        request,
        "agenda/today.html",
        {"day": day, "sittings": sittings, "now": now, "lang": language},
    )
