"""The secretariat's agenda editor. Every action is a plain form POST that redirects back to
the editor; with htmx the same view answers with the part of the page that changed."""

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import retarget

from agenda.models import AgendaItem, Footnote
from agenda.reads import history
from agenda.reads.agenda import AgendaEntry, agenda_rows
from agenda.reads.translation_status import working_status
from agenda.rules.late_items import allowed_moves
from agenda.rules.numbering import number_items, ordered_tree
from agenda.services import editing, lifecycle, paste, publishing, sessions
from agenda.services import footnotes as footnotes_domain
from agenda.views.editor.common import (
    add_errors,
    announce_change,
    attempt,
    editing_language,
    editor_url,
    get_item,
    item_section_action,
    item_urls,
)
from agenda.views.editor.documentation import documentation_context
from agenda.views.editor.forms import (
    FootnoteForm,
    ItemForm,
    MoveForm,
    NewItemForm,
    PasteForm,
    ReorderForm,
    SessionForm,
    VersionForm,
)
from meetings.models import Session
from meetings.permissions import body_secretariat_required, secretariat_required
from meetings.translations import INTERFACE_LANGUAGE_NAMES, localize

PAGE = "agenda/editor/session_edit.html"


def editor_tree(session, language: str, items=None) -> list[AgendaEntry]:
    """The numbered tree the editor shows, from the items alone (one query, unless given):
    titles, and whether an item is annotated; its annotations, footnotes and documents are
    not shown."""
    items = list(AgendaItem.objects.filter(session=session)) if items is None else items
    numbers = number_items(items)

    original = session.original_language

    def entry(item) -> AgendaEntry:
        title = localize(item.title, language, original)
        annotation = localize(item.annotation, language, original)
        return AgendaEntry(item, numbers[item.pk], "", title, annotation)

    pairs = ordered_tree(items)
    # The editor offers only the moves that would be accepted.
    moves = allowed_moves(pairs, session.agenda_frozen)
    for item in items:
        item.moves = moves.get(item.pk, frozenset())
    tree = []
    for item, subs in pairs:
        tree.append(entry(item))
        tree[-1].children = [entry(sub) for sub in subs]
    return tree


def editor_context(session, language: str, **extra) -> dict:
    # the items with their footnotes and documents: the tree, and how translated it all is
    rows = agenda_rows(session, derived=True)
    entries = editor_tree(session, language, rows.items)
    parents = [(entry.item.pk, entry.number) for entry in entries]
    return {
        "session": session,
        "agenda": {"entries": entries},
        "language": language,
        "language_name": INTERFACE_LANGUAGE_NAMES[language],
        "languages": settings.LANGUAGES,
        "new_item_form": NewItemForm(
            session=session, parents=parents, language=language, auto_id="new-%s"
        ),
        "item_urls": item_urls(session),
        "actions": lifecycle.available_actions(session),
        # What is unpublished costs a whole export: the panel loads it after the page.
        "current_version": publishing.current_version(session, light=True),
        "translation_status": working_status(session, rows),
        "pending_later": True,
        **extra,
    }


def tree_response(
    request, session, language: str, *, error: str = "", anchor: str = "", warning: str = ""
):
    """After an action: the renumbered tree for htmx, else a redirect to the editor. A
    ``warning`` says what was saved but deserves a look."""
    if request.htmx:
        context = editor_context(
            session, language, error=error, warning=warning, refresh_translations=True
        )
        response = render(request, f"{PAGE}#agenda-tree", context)
        return response if error else announce_change(response)
    if error:
        messages.error(request, error)
    if warning:
        messages.warning(request, warning)
    return redirect(editor_url(session, language, anchor))


def their_version(item: AgendaItem, language: str) -> dict:
    last = item.history.select_related("history_user").first()
    return {
        "title": item.title.get(language, ""),
        "annotation": item.annotation.get(language, ""),
        "by": last.history_user if last else None,
        "at": last.history_date if last else None,
    }


@secretariat_required
def session_edit(request, session):
    language = editing_language(request, session)
    return render(request, PAGE, editor_context(session, language))


def tree_action(request, session, form, action):
    """Run ``action`` and answer with the renumbered tree, or with the reason it was refused.
    An action may return the item to scroll to."""
    language = editing_language(request, session)
    outcome = attempt(form, action)
    item = outcome.result
    anchor = f"item-{item.pk}" if isinstance(item, AgendaItem) else ""
    return tree_response(request, session, language, error=outcome.error, anchor=anchor)


@require_POST
@secretariat_required
def item_add(request, session):
    language = editing_language(request, session)
    # Only validated here; a refusal shows the editor's own (labelled) form again.
    form = NewItemForm(request.POST, session=session)
    return tree_action(
        request,
        session,
        form,
        lambda data: editing.add_item(
            session,
            title=data["title"],
            language=language,
            parent=data["parent"],
            after=data["after"],
        ),
    )


@secretariat_required
def item_edit(request, session, item_pk):
    language = editing_language(request, session)
    item = get_item(session, item_pk)
    context = {"session": session, "item": item, "language": language, "theirs": None}
    shown = {"item": item, "language": language}
    if request.method == "POST":
        form = ItemForm(request.POST, **shown)
        if form.is_valid():
            try:
                saved = editing.update_item(
                    item,
                    expected_version=form.cleaned_data["version"],
                    language=language,
                    title=form.cleaned_data["title"],
                    annotation=form.cleaned_data["annotation"],
                )
            except editing.EditConflict as conflict:
                # Keep what this person typed; show the other version beside it, and let a
                # new save (based on the version now shown) overwrite it deliberately.
                context["theirs"] = their_version(conflict.current, language)
                form = ItemForm(
                    {**request.POST.dict(), "version": conflict.current.version}, **shown
                )
                form.is_valid()
                form.add_error(None, str(conflict) + " " + _("Their version is shown below."))
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                warning = unreferenced_warning(session, saved, language)
                return tree_response(
                    request, session, language, anchor=f"item-{item.pk}", warning=warning
                )
    else:
        form = ItemForm(
            initial={
                "title": item.title.get(language, ""),
                "annotation": item.annotation.get(language, ""),
                "version": item.version,
            },
            **shown,
        )
    context["form"] = form
    context |= footnotes_context(item, language)
    context |= documentation_context(item, language)
    context["number"] = number_items(session.agenda_items.all()).get(item.pk, "")
    form.name_item(context["number"])
    template = "agenda/editor/item_edit.html"
    if not request.htmx:
        return render(request, template, context)
    response = render(request, f"{template}#item-form", context)
    # The form opens in place of the item's line; after errors it stays there, instead of
    # replacing the whole tree as a successful save does.
    return retarget(response, f"#item-form-{item.pk}") if request.method == "POST" else response


@require_POST
@secretariat_required
def item_delete(request, session, item_pk):
    item = get_item(session, item_pk)

    def delete(data):
        try:
            editing.delete_item(item, expected_version=data["version"])
        except editing.EditConflict:
            raise ValidationError(
                _("Not deleted: someone changed this item after you opened the page. Check it.")
            ) from None

    return tree_action(request, session, VersionForm(request.POST), delete)


@require_POST
@secretariat_required
def item_move(request, session, item_pk):
    item = get_item(session, item_pk)

    def move(data):
        editing.move_item(item, data["direction"])
        return item

    return tree_action(request, session, MoveForm(request.POST), move)


@require_POST
@secretariat_required
def agenda_reorder(request, session):
    form = ReorderForm(request.POST)
    return tree_action(
        request, session, form, lambda data: editing.reorder(session, data["layout"])
    )


@secretariat_required
def session_history(request, session):
    return render(
        request,
        "agenda/editor/history.html",
        {"session": session, "entries": history.session_history(session)},
    )


def _session_form_response(request, form, session, language, template_context):
    """Validate the session form and save through services.sessions; errors stay on the form."""
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            session = sessions.save_session(
                session, title=data.pop("title"), language=language, **data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Saved %(session)s.") % {"session": session})
            return redirect(editor_url(session, language))
    context = {"form": form, "language": language, **template_context}
    return render(request, "agenda/editor/session_form.html", context, status=422)


@body_secretariat_required
def session_create(request, body):
    language = editing_language(request)
    session = Session(body=body)
    if request.method == "POST":
        # A new session's title is asked for in the original language chosen on the form.
        chosen = request.POST.get("original_language")
        language = chosen if chosen in INTERFACE_LANGUAGE_NAMES else language
        form = SessionForm(request.POST, instance=session, title_language=language)
        return _session_form_response(request, form, session, language, {"body": body})
    form = SessionForm(
        instance=session,
        initial={"number": sessions.next_number(body), "original_language": language},
        title_language=language,
    )
    return render(
        request,
        "agenda/editor/session_form.html",
        {"form": form, "body": body, "language": language},
    )


@secretariat_required
def session_details(request, session):
    language = editing_language(request, session)
    context = {"body": session.body, "session": session}
    if request.method == "POST":
        form = SessionForm(request.POST, instance=session, title_language=language)
        return _session_form_response(request, form, session, language, context)
    form = SessionForm(
        instance=session,
        title_language=language,
        initial={
            "title": session.title.get(language, ""),
            "interpretation_languages": session.interpretation_languages,
        },
    )
    return render(
        request, "agenda/editor/session_form.html", {"form": form, "language": language, **context}
    )


def unreferenced_warning(session, item: AgendaItem, language: str) -> str:
    """Saved, but some of its footnotes are never referenced: say so, naming the item."""
    warning = footnotes_domain.unreferenced_warning(footnotes_domain.unreferenced(item, language))
    if not warning:
        return ""
    number = number_items(session.agenda_items.all()).get(item.pk, "")
    return _("Item %(number)s saved.") % {"number": number} + " " + warning


def footnotes_context(item: AgendaItem, language: str) -> dict:
    # The saved annotation, which a relabelling or a deletion may just have rewritten.
    item.refresh_from_db(fields=["annotation"])
    footnotes = list(item.footnotes.all())
    unreferenced = set(footnotes_domain.unreferenced(item, language, footnotes))
    for footnote in footnotes:
        footnote.form = FootnoteForm.shown(item, language, footnote)
        footnote.unreferenced = footnote.label in unreferenced
    next_label = footnotes_domain.next_label(item)
    return {
        "footnotes": footnotes,
        "new_footnote_form": FootnoteForm.shown(item, language, None, next_label),
    }


# (request, session, item, form, action): the action, then the item's footnotes again
footnote_action = partial(item_section_action, section="footnotes", context=footnotes_context)


@require_POST
@secretariat_required
def footnote_add(request, session, item_pk):
    item = get_item(session, item_pk)
    return footnote_action(
        request,
        session,
        item,
        FootnoteForm(request.POST),
        lambda data, lang: footnotes_domain.add_footnote(
            item, language=lang, label=data["label"], text=data["text"]
        ),
    )


@require_POST
@secretariat_required
def footnote_change(request, session, footnote_pk, delete=False):
    """Save a footnote's label and text, or (``delete``, from its own URL) delete it."""
    footnote = get_object_or_404(Footnote, pk=footnote_pk, item__session=session)

    def change(data, language):
        if delete:
            footnotes_domain.delete_footnote(footnote, version=data["version"])
        else:
            footnotes_domain.update_footnote(footnote, language=language, **data)

    return footnote_action(request, session, footnote.item, FootnoteForm(request.POST), change)


@secretariat_required
def agenda_paste(request, session):
    """Paste a numbered agenda: a preview first, with the numbers the items will get, then
    the items are created on confirmation, after the existing ones or instead of them."""
    language = editing_language(request, session)
    form = PasteForm(request.POST or None, language=language)
    parsed = None
    existing = AgendaItem.objects.filter(session=session, parent=None).count()
    replaceable = existing and paste.can_replace(session)
    replace = False
    if request.method == "POST" and form.is_valid():
        replace = bool(replaceable) and form.cleaned_data["mode"] == "replace"
        first = 1 if replace else existing + 1
        parsed = paste.parse_agenda(form.cleaned_data["text"], first_number=first)
        if parsed.pasted_from() == 1 and first != 1:
            parsed.renumber(first)
        if "create" in request.POST and parsed.ok:
            try:
                created = paste.create_items(
                    session, parsed, language=language, by=request.user, replace=replace
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("%(count)s agenda items added from the paste.") % {"count": len(created)},
                )
                return redirect(editor_url(session, language))
    context = {
        "session": session,
        "language": language,
        "form": form,
        "parsed": parsed,
        "existing": existing,
        "replaceable": replaceable,
        "replace": replace,
    }
    refused = request.method == "POST" and (form.errors or not parsed.ok)
    return render(request, "agenda/editor/paste.html", context, status=422 if refused else 200)
