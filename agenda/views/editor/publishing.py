"""The secretariat's side of publishing: what is unpublished, previews of the working copy,
publishing with a confirmation that shows the differences, and the session's lifecycle
steps (adopt, close, and a superuser's undo), each confirmed on a page of its own."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.middleware.csp import get_nonce
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda.outputs import page as pages
from agenda.outputs.docx.render import docx_filename, render_agenda_docx
from agenda.outputs.pdf.render import pdf_filename, render_agenda_html, render_agenda_pdf
from agenda.reads.changes import changes_document, count
from agenda.reads.content import working_content
from agenda.services import lifecycle, publishing
from agenda.views.editor.common import editing_language, editor_url, error_text
from agenda.views.editor.forms import PublishForm, StatusForm
from agenda.views.public.docx import docx_response
from meetings.permissions import secretariat_required
from meetings.translations import UN_LANGUAGES


def publishing_state(session, language: str) -> dict:
    """For the editor's header: the current version and what publishing would change."""
    current = publishing.current_version(session)
    sections = publishing.pending_changes(session, language, current)
    return {
        "current_version": current,
        "pending_sections": sections,
        "pending_count": count(sections),
    }


@secretariat_required
def publish(request, session):
    language = editing_language(request, session)
    state = publishing_state(session, language)
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = publishing.publish(
                session,
                by=request.user,
                kind=form.cleaned_data["kind"] or None,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(
                request,
                _("Version %(number)s is published as %(symbol)s; delegates see it now.")
                % {"number": version.number, "symbol": version.symbol or "—"},
            )
            return redirect(editor_url(session, language))
    context = {
        "session": session,
        "language": language,
        "form": form,
        "asks_kind": state["current_version"] is not None
        and changes_document(state["pending_sections"]),
        **state,
    }
    status = 422 if form.errors else 200
    return render(request, "agenda/editor/publish.html", context, status=status)


@secretariat_required
def preview(request, session):
    """The public session page as it would look with the working copy published."""
    language = editing_language(request, session)
    content = working_content(session)
    context = {
        **pages.session_page(content, language, timezone.now()),
        "session": session,
        "preview": True,
        "can_edit": True,
    }
    response = render(request, "agenda/session_detail.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


def _document_language(lang):
    if lang not in UN_LANGUAGES:
        raise Http404(
            _("There is no “%(lang)s” version: the languages are %(languages)s.")
            % {"lang": lang, "languages": ", ".join(UN_LANGUAGES)}
        )


@secretariat_required
def preview_pdf(request, session, lang):
    _document_language(lang)
    content = working_content(session)
    response = HttpResponse(render_agenda_pdf(content, lang), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="preview-{pdf_filename(session, lang)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@secretariat_required
def preview_docx(request, session, lang):
    """The working copy as a Word document, for its secretariat only; never cached."""
    _document_language(lang)
    data = render_agenda_docx(working_content(session), lang)
    filename = f"preview-{docx_filename(session, lang)}"
    response = docx_response(data, filename, lang, private=True)
    response["Cache-Control"] = "private, no-store"
    return response


@secretariat_required
def preview_html(request, session, lang):
    _document_language(lang)
    html = render_agenda_html(working_content(session), lang, csp_nonce=str(get_nonce(request)))
    response = HttpResponse(html)
    response["Cache-Control"] = "private, no-store"
    return response


# Lazy: read in the language of each request, not of the process that imported this.
STEP_NAMES = {
    "adopt": gettext_lazy("Record the agenda as adopted"),
    "close": gettext_lazy("Close the session"),
    "undo": gettext_lazy("Take back the last step"),
}


@secretariat_required
def session_status(request, session):
    """Adopt, close or (superusers) undo, after a confirmation page (GET ?action=…)."""
    language = editing_language(request, session)
    form = StatusForm(request.POST or request.GET)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["action"]))
        return redirect(editor_url(session, language))
    action = form.cleaned_data["action"]
    if request.method == "POST":
        try:
            if action == "undo":
                session = lifecycle.undo(session, by=request.user)
            else:
                session = getattr(lifecycle, action)(session)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(
                request,
                _("The session is now “%(status)s”.") % {"status": _(session.get_status_display())},
            )
        return redirect(editor_url(session, language))
    context = {
        "session": session,
        "language": language,
        "action": action,
        "step_name": STEP_NAMES[action],
        "undo_to": lifecycle.UNDO.get(session.status),
    }
    return render(request, "agenda/editor/status_confirm.html", context)
