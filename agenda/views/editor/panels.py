"""The editor page's panels that load after the page, each from a GET of its own, so that the
page itself stays fast: what publishing would change (a whole export of the working copy,
compared with the current version) and the live preview of the document, laid out by the
PDF's own template and stylesheet from the working copy. An edit answered for htmx announces
itself (HX-Trigger: agenda-changed, editor_common.announce_change); both panels load again
on that event."""

from django.conf import settings
from django.shortcuts import render
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET

from agenda.services import lifecycle
from agenda.views.editor.common import editing_language
from agenda.views.editor.publishing import preview_html, publishing_state
from meetings.permissions import secretariat_required


@require_GET
@secretariat_required
def pending(request, session):
    """The publishing panel with the count of unpublished changes."""
    language = editing_language(request, session)
    context = {
        "session": session,
        "language": language,
        "actions": lifecycle.available_actions(session),
        **publishing_state(session, language),
    }
    response = render(request, "agenda/editor/publishing_panel.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


# The print preview of the working copy, framed beside the editor: the one address of the
# site that a page of its own origin may frame.
live_preview = require_GET(
    xframe_options_sameorigin(
        csp_override({**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]})(preview_html)
    )
)
