from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render

from agenda.exchange import export_session
from agenda.queries import session_agenda
from agenda.versions import compare
from meetings.models import Session
from meetings.permissions import can_edit
from meetings.translations import LANGUAGE_NAMES, UN_LANGUAGES


def get_visible_session(request, body_slug, number) -> Session:
    session = get_object_or_404(Session.objects.with_body(), body__slug=body_slug, number=number)
    if session.status == Session.Status.DRAFT and not can_edit(request.user, session.body):
        raise Http404("No public session matches the given query.")
    return session


def content_language(request, session) -> str:
    requested = request.GET.get("lang", "")
    return requested if requested in UN_LANGUAGES else session.original_language


def session_detail(request, body_slug, number):
    session = get_visible_session(request, body_slug, number)
    language = content_language(request, session)
    context = {
        "agenda": session_agenda(session, language),
        "session": session,
        "language": language,
        "lang_name": LANGUAGE_NAMES[language],
        "original_name": LANGUAGE_NAMES[session.original_language],
        "languages": [(code, LANGUAGE_NAMES[code]) for code in UN_LANGUAGES],
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
            raise Http404("Versions are numbered 1, 2, …") from None
        newer, older = by_number.get(to), by_number.get(since)
        if newer is None or (since and older is None):
            raise Http404("There is no issued version with that number.")
    context = {
        "session": session,
        "versions": versions,
        "newer": newer,
        "older": older,
        "sections": compare(older.snapshot, newer.snapshot) if older else [],
    }
    return render(request, "agenda/session_changes.html", context)
