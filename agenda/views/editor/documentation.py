"""The Documentation lists of items (inside the item editor) and the session's documents."""

from functools import partial

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agenda.models import DocumentLink
from agenda.rules import ownership
from agenda.services import documentation
from agenda.views.editor.common import (
    editing_language,
    error_text,
    first_error,
    get_item,
    item_section_action,
    symbol_placeholder,
)
from agenda.views.editor.forms import (
    DocumentForm,
    ListDocumentForm,
    MoveForm,
)
from meetings.permissions import secretariat_required


def documentation_context(item, language: str) -> dict:
    links = list(item.document_links.select_related("document").order_by("position", "pk"))
    for link in links:
        link.shown_title = link.document.localized_title(language)
    placeholder = symbol_placeholder(item.session)
    return {"links": links, "list_form": ListDocumentForm.shown(item, language, placeholder)}


# (request, session, item, form, action): the action, then the item's Documentation list again
documentation_action = partial(
    item_section_action, section="documentation", context=documentation_context
)


@require_POST
@secretariat_required
def document_list_add(request, session, item_pk):
    item = get_item(session, item_pk)
    return documentation_action(
        request,
        session,
        item,
        ListDocumentForm(request.POST),
        lambda data, lang: documentation.list_document(item, language=lang, **data),
    )


@require_POST
@secretariat_required
def document_link_change(request, session, link_pk, remove=False):
    link = get_object_or_404(
        DocumentLink.objects.select_related("item"), pk=link_pk, item__session=session
    )
    if remove:
        # Nothing to read from the request: an empty form is valid.
        return documentation_action(
            request,
            session,
            link.item,
            forms.Form(request.POST),
            lambda data, lang: documentation.unlist(link),
        )
    return documentation_action(
        request,
        session,
        link.item,
        MoveForm(request.POST),
        lambda data, lang: documentation.move_link(link, data["direction"]),
    )


def session_documents_queryset(session):
    """Documents issued for the session or listed under one of its items, as far as its body
    sees them (agenda.rules.ownership: public ones and its own)."""
    return (
        ownership.visible_documents(body=session.body)
        .filter(Q(session=session) | Q(item_links__item__session=session))
        .select_related("session__body")
        .distinct()
        .order_by("symbol")
    )


@secretariat_required
def session_documents(request, session):
    language = editing_language(request, session)
    documents = list(session_documents_queryset(session))
    for document in documents:
        # Another body's document is listed here, not changed here: the page says whose it is.
        document.refusal = ownership.change_problem(request.user, document)
        if not document.refusal:
            document.form = DocumentForm.shown(document, language)
    context = {"session": session, "language": language, "documents": documents}
    return render(request, "agenda/editor/documents.html", context)


@require_POST
@secretariat_required
def document_edit(request, session, document_pk):
    language = editing_language(request, session)
    document = get_object_or_404(session_documents_queryset(session), pk=document_pk)
    form = DocumentForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(first_error(form))
        documentation.update_document(
            document, by=request.user, language=language, **form.cleaned_data
        )
    except ValidationError as exc:
        messages.error(
            request,
            _("%(symbol)s not saved: %(reason)s")
            % {"symbol": document.symbol, "reason": error_text(exc)},
        )
    except PermissionDenied as exc:
        messages.error(
            request,
            _("%(symbol)s not saved: %(reason)s") % {"symbol": document.symbol, "reason": exc},
        )
    else:
        messages.success(request, _("%(symbol)s saved.") % {"symbol": document.symbol})
    url = session.url("session-documents")
    return redirect(f"{url}?lang={language}#document-{document.pk}")
