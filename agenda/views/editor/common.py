"""What the editor's views share: the editing language, URLs, lookups and error texts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import trigger_client_event

from agenda.models import AgendaItem
from meetings.translations import UN_LANGUAGES


def editing_language(request, session=None) -> str:
    requested = request.POST.get("lang") or request.GET.get("lang", "")
    if requested in UN_LANGUAGES:
        return requested
    return session.original_language if session else "en"


def editor_url(session, language: str, anchor: str = "") -> str:
    url = session.url("session-edit")
    return f"{url}?lang={language}" + (f"#{anchor}" if anchor else "")


def announce_change(response):
    """Tell the editor page that the working copy changed: the panels that show it (what is
    unpublished, the live preview: agenda/views/editor/panels.py) load again on this event."""
    return trigger_client_event(response, "agenda-changed")


def symbol_placeholder(session) -> str:
    """An example symbol from the session's own series, for symbol inputs: the series of its
    agenda symbol (E/CN.15/2027/1 gives "E/CN.15/2027/…"), else its body's series and the
    year of its start; nothing when neither is known."""
    if "/" in session.agenda_symbol:
        return session.agenda_symbol.rsplit("/", 1)[0] + "/…"
    prefix = session.body.symbol_prefix
    if not prefix:
        return ""
    return f"{prefix}/{session.start_date.year}/…" if session.start_date else f"{prefix}/…"


_PK = str(2**63 - 1)  # a primary key no row has, replaced by each item's own


def item_urls(session) -> dict[str, str]:
    """The addresses of an item's actions in the editor, reversed once for the whole page:
    {"edit": "…/edit/items/{pk}/", "move": …, "delete": …} (templates: ``|for_item:pk``)."""
    args = [session.body.slug, session.number, _PK]
    return {
        name.removeprefix("item-"): "{pk}".join(reverse(name, args=args).rsplit(_PK, 1))
        for name in ("item-edit", "item-move", "item-delete")
    }


def get_item(session, item_pk) -> AgendaItem:
    item = get_object_or_404(AgendaItem, pk=item_pk, session=session)
    item.session = session  # the one it was found in: read without a query
    return item


def error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def first_error(form) -> str:
    """The first problem, named by its field: "End time: Enter a valid time." """
    name, errors = next(iter(form.errors.items()))
    field = form.fields.get(name)
    if not field:
        return errors[0]
    return _("%(field)s: %(message)s") % {"field": field.label or name, "message": errors[0]}


def add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class Outcome:
    """What ``attempt`` gives back: the action's result, or why it was refused."""

    def __init__(self, result=None, error: str = ""):
        self.result, self.error = result, error


def attempt(form, action) -> Outcome:
    """Validate ``form`` and run ``action(cleaned_data)``; a refusal becomes a message."""
    try:
        if not form.is_valid():
            raise ValidationError(first_error(form))
        return Outcome(result=action(form.cleaned_data))
    except ValidationError as exc:
        return Outcome(error=error_text(exc))


def item_section_action(request, session, item, form, action, *, section, context):
    """Run ``action(cleaned_data, language)`` from a section of the item form (footnotes,
    documentation), then answer with that section again for htmx, filled by
    ``context(item, language)``, else redirect back to the item form at that section."""
    language = editing_language(request, session)
    item.session = session  # checked by the caller: its forms read it without a query
    error = attempt(form, lambda data: action(data, language)).error
    if request.htmx:
        context = {
            "session": session,
            "item": item,
            "language": language,
            "section_error": error,
            **context(item, language),
        }
        response = render(request, f"agenda/editor/item_edit.html#{section}", context)
        return response if error else announce_change(response)
    if error:
        messages.error(request, error)
    url = session.url("item-edit", item.pk)
    return redirect(f"{url}?lang={language}#{section}-{item.pk}")
