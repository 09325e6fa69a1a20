import datetime as dt
from itertools import groupby

from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache

from meetings import health
from meetings.models import Body, Session
from meetings.permissions import can_edit
from meetings.translations import interface_language, localize


def body_list(request):
    language = interface_language()
    bodies = list(Body.objects.select_related("parent", "duty_station").order_by("slug"))
    for body in bodies:
        body.shown_name = localize(body.name, language, "en")
        body.shown_parent = localize(body.parent.name, language, "en") if body.parent else None
    return render(request, "meetings/body_list.html", {"bodies": bodies, "lang": language})


def group_sessions(sessions: list[Session], today: dt.date) -> dict:
    """Sessions under way first, then upcoming ones (soonest first), then past ones by year
    (latest first), then those without dates."""
    under_way = sorted(
        (s for s in sessions if s.start_date and s.start_date <= today <= s.end_date),
        key=lambda s: s.start_date,
    )
    upcoming = sorted(
        (s for s in sessions if s.start_date and s.start_date > today), key=lambda s: s.start_date
    )
    past = sorted(
        (s for s in sessions if s.end_date and s.end_date < today),
        key=lambda s: s.start_date,
        reverse=True,
    )
    by_year = [
        (year, list(group)) for year, group in groupby(past, key=lambda s: s.start_date.year)
    ]
    undated = [s for s in sessions if not s.end_date]
    return {
        "under_way": under_way,
        "upcoming": upcoming,
        "past_by_year": by_year,
        "undated": undated,
    }


def body_detail(request, body_slug):
    language = interface_language()
    body = get_object_or_404(Body.objects.select_related("parent", "duty_station"), slug=body_slug)
    sessions = Session.objects.filter(body=body).select_related("venue").order_by("-number")
    editable = can_edit(request.user, body)
    if not editable:
        # What delegates see of a session is its published version, not the working copy.
        sessions = sessions.public().annotate(
            published_title=F("published_versions__title"),
            published_start=F("published_versions__start_date"),
            published_end=F("published_versions__end_date"),
        )
    sessions = list(sessions)
    for session in sessions:
        session.body = body  # known already: no query per session
        if not editable:
            session.title = session.published_title
            session.start_date, session.end_date = session.published_start, session.published_end
        session.shown_title = session.localized_title(language)
    context = {
        "body": body,
        "lang": language,
        "sessions": sessions,
        "can_edit": editable,
        **group_sessions(sessions, timezone.localdate(timezone=body.duty_station.zone)),
    }
    return render(request, "meetings/body_detail.html", context)


@never_cache
def healthz(request):
    """Liveness, for the process supervisor and load balancers: the app answers. No database
    or cache query, on purpose: a slow database must not get the app servers restarted."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request):
    """Readiness, for the load balancer: 200 if every check of meetings.health passes, else
    503; one line per check either way, saying which failed and why."""
    results = health.readiness()
    lines = [
        f"{r.name}: " + (_("ok") if r.ok else _("failed (%(error)s)") % {"error": r.error})
        for r in results
    ]
    ready = all(r.ok for r in results)
    heading = _("ready") if ready else _("not ready")
    return HttpResponse(
        "\n".join([heading, *lines]) + "\n",
        content_type="text/plain; charset=utf-8",
        status=200 if ready else 503,
    )


def page_not_found(request, exception):
    """Django's 404 page, without the English reason get_object_or_404 gives ("No Body matches
    the given query."): the page then says in the reader's language that nothing is there.
    Reasons our views give (translated) are kept."""
    if str(exception).endswith(" matches the given query."):
        exception = Http404()
    return defaults.page_not_found(request, exception)
