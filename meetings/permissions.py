"""Who may do what. Secretariat staff edit their own bodies' sessions; superusers edit all;
everyone else reads the public pages only. Every write view is wrapped in
``secretariat_required``, so the rule is enforced on the server for every write URL. Who owns
(and may change) a document of the register is agenda.rules.ownership's rule."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from meetings.models import Body, Session


def can_edit(user, body: Body) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return body.secretariat.filter(pk=user.pk).exists()


def _check(request, body: Body):
    if not can_edit(request.user, body):
        raise PermissionDenied(_("Only the secretariat of this body may edit its sessions."))


def body_secretariat_required(view):
    """For views of one body (URL kwarg ``body_slug``): as below, passing the body."""

    @wraps(view)
    def wrapper(request, body_slug, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        body = get_object_or_404(Body.objects.select_related("duty_station"), slug=body_slug)
        _check(request, body)
        return view(request, body, *args, **kwargs)

    return wrapper


def secretariat_required(view):
    """For views of one session (URL kwargs ``body_slug`` and ``number``): anonymous users go
    to the login page, signed-in users outside the body's secretariat get 403, and the view
    receives the session instead of the two kwargs."""

    @wraps(view)
    def wrapper(request, body_slug, number, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        session = get_object_or_404(
            Session.objects.with_body(), body__slug=body_slug, number=number
        )
        _check(request, session.body)
        return view(request, session, *args, **kwargs)

    return wrapper
