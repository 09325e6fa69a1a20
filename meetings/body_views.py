"""Administrators create and change bodies from the site (names in the six languages, parent,
document series, secretariat). Only superusers: the secretariat of a body prepares its
sessions but does not change the body itself."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from meetings import bodies
from meetings.forms import BodyForm
from meetings.models import Body

TEMPLATE = "meetings/body_form.html"


def superuser_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (request.user.is_active and request.user.is_superuser):
            raise PermissionDenied(_("Only administrators may create or change bodies."))
        return view(request, *args, **kwargs)

    return wrapper


def _body_form(request, body: Body):
    form = BodyForm(request.POST or None, instance=body)
    if request.method == "POST" and form.is_valid():
        try:
            body = bodies.save_body(form.instance, secretariat=form.cleaned_data["secretariat"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved %(body)s.") % {"body": body})
            return redirect(body.get_absolute_url())
    status = 422 if request.method == "POST" else 200
    return render(request, TEMPLATE, {"form": form, "body": body}, status=status)


@superuser_required
def body_create(request):
    return _body_form(request, Body())


@superuser_required
def body_edit(request, body_slug):
    return _body_form(request, get_object_or_404(Body, slug=body_slug))
