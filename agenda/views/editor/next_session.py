"""``…/edit/next-session``: the provisional agenda of the next session, prepared from this one.
GET shows what will be carried (the standing items ticked, each with its number); POST
prepares the draft (agenda.services.next_session) and opens its editor."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agenda.models import AgendaItem
from agenda.rules.numbering import number_items, ordered_tree
from agenda.rules.standing_items import standing_items
from agenda.services import next_session as preparing
from agenda.views.editor.common import add_errors, editing_language, editor_url
from agenda.views.editor.forms import NextSessionForm
from meetings.permissions import secretariat_required
from meetings.translations import INTERFACE_LANGUAGE_NAMES, Localized, localize

PAGE = "agenda/editor/next_session.html"


@dataclass
class Offer:
    """An item of this session as the form offers it."""

    pk: int
    number: str
    title: Localized
    is_sub_item: bool
    checked: bool


def offers_of(session, language: str, checked: set[int] | None) -> list[Offer]:
    """Every item in agenda order; ``checked`` the ticked ones (None: the standing items)."""
    rows = list(AgendaItem.objects.filter(session=session))
    numbers, tree = number_items(rows), ordered_tree(rows)
    ticked = standing_items(tree) if checked is None else checked
    return [
        Offer(
            row.pk,
            numbers[row.pk],
            localize(row.title, language, session.original_language),
            row is not top,
            row.pk in ticked,
        )
        for top, subs in tree
        for row in (top, *subs)
    ]


def _ticked(request) -> set[int]:
    return {int(value) for value in request.POST.getlist("items") if value.isdigit()}


@require_http_methods(["GET", "POST"])
@secretariat_required
def next_session(request, session):
    language = editing_language(request, session)
    offers = offers_of(session, language, _ticked(request) if request.method == "POST" else None)
    form = NextSessionForm(
        request.POST or None,
        offers=[(offer.pk, offer.number) for offer in offers],
        title_language=session.original_language,
    )
    if request.method == "POST" and form.is_valid():
        try:
            new = preparing.prepare_next_session(
                session,
                start=form.cleaned_data["start"],
                items=form.cleaned_data["items"],
                title=form.cleaned_data["title"],
                by=request.user,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Session %(number)s has been prepared as a draft; nothing is published.")
                % {"number": new.number},
            )
            return redirect(editor_url(new, language))
    context = {
        "session": session,
        "form": form,
        "offers": offers,
        "language": language,
        "next_number": session.number + 1,
        "title_language": INTERFACE_LANGUAGE_NAMES[session.original_language],
        "current_title": session.localized_title(session.original_language),
        "refusal": " ".join(preparing.refusal_taken(session).messages)
        if preparing.taken(session)
        else "",
        "sittings": session.sittings.filter(cancelled=False).count(),
    }
    return render(request, PAGE, context, status=422 if form.errors else 200)
