from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from meetings.models import Body, Session
from meetings.permissions import can_edit


def body_list(request):
    bodies = Body.objects.select_related("parent", "duty_station").order_by("slug")
    return render(request, "meetings/body_list.html", {"bodies": bodies})


def body_detail(request, body_slug):
    body = get_object_or_404(Body.objects.select_related("parent", "duty_station"), slug=body_slug)
    sessions = Session.objects.filter(body=body).select_related("venue").order_by("-number")
    editable = can_edit(request.user, body)
    if not editable:
        sessions = sessions.public()
    sessions = list(sessions)
    for session in sessions:
        session.shown_title = session.localized_title("en")
    return render(
        request,
        "meetings/body_detail.html",
        {"body": body, "sessions": sessions, "can_edit": editable},
    )


@never_cache
def healthz(request):
    """For load balancers and monitoring: the app answers. No database query, on purpose."""
    return HttpResponse("ok", content_type="text/plain")
