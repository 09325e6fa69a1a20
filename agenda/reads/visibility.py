"""Preconditions of the public session pages: which content a request sees, and old addresses.

Delegates see the current published version. A session never published is invisible (404),
except to its body's secretariat, who see its working copy there (as before publishing
existed: a draft's page, PDF and feeds). The working copy of a published session is only in
the editor's previews.
"""

import functools
import re

from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.translation import gettext as _

from agenda.reads.content import SessionContent, current_version, published_content, working_content
from meetings.models import Session, SessionAddress
from meetings.permissions import can_edit
from meetings.translations import UN_LANGUAGES, interface_language


class NotPublic(Http404):
    pass


def visible_content(request, body_slug: str, number: int) -> SessionContent:
    version = current_version(body_slug, number)
    if version is not None:
        return published_content(version)
    session = Session.objects.with_body().filter(body__slug=body_slug, number=number).first()
    if session is None or not can_edit(request.user, session.body):
        raise NotPublic(
            _("There is no public session %(number)s of “%(body)s”.")
            % {"number": number, "body": body_slug}
        )
    return working_content(session)


def content_language(request, session=None) -> str:
    """The language of the content shown: ``?lang=``, else the interface language (content
    missing in it falls back to the original, marked)."""
    requested = request.GET.get("lang", "")
    if requested in UN_LANGUAGES:
        return requested
    return interface_language(session.original_language if session else "en")


SESSION_PATH = re.compile(r"^/bodies/[^/]+/sessions/\d+/")


def follows_moves(view):
    """Precondition of every public URL of a session: a session renumbered or moved to
    another body answers at its old address with a permanent redirect to the same page at
    the new one, so that subscribed calendars and bookmarks keep working."""

    @functools.wraps(view)
    def wrapper(request, body_slug, number, *args, **kwargs):
        try:
            return view(request, body_slug, number, *args, **kwargs)
        except Http404:
            if Session.objects.filter(body__slug=body_slug, number=number).exists():
                raise
            address = (
                SessionAddress.objects.filter(body_slug=body_slug, number=number)
                .select_related("session__body")
                .first()
            )
            if address is None:
                raise
            session = address.session
            path = SESSION_PATH.sub(
                f"/bodies/{session.body.slug}/sessions/{session.number}/", request.path, count=1
            )
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(path + (f"?{query}" if query else ""))

    return wrapper
