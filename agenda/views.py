from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render

from agenda.exchange import export_session
from agenda.queries import session_agenda
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
