"""The organization-of-work editor: a grid of the session's meetings (date x time slot), the
items each takes up in order, and warnings for what is left out."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from agenda.models import AgendaItem, ScheduledItem
from agenda.reads.organization import organization_rows
from agenda.rules.numbering import number_items, ordered_tree
from agenda.services import organization_plan
from agenda.services import sittings as schedule
from agenda.services.locking import GONE
from agenda.views.editor.common import add_errors, attempt, editing_language, error_text
from agenda.views.editor.forms import (
    AssignForm,
    AssignManyForm,
    LineActionForm,
    MoveForm,
    ProposeForm,
    SittingForm,
    SittingVersionForm,
)
from meetings.models import Sitting
from meetings.permissions import secretariat_required
from meetings.translations import localize

PAGE = "agenda/editor/organization.html"


def localized_html(text) -> str:
    """The markup of agenda/includes/localized_text.html, built once per item (the page
    shows 500 titles, some twice: a template include each costs a third of the page)."""
    if text.is_fallback:
        return format_html(
            '<span lang="{}" class="fallback" dir="{}" title="{}">{}</span>',
            text.language,
            "rtl" if text.language == "ar" else "ltr",
            _("Not available in this language; shown in the original"),
            text.text,
        )
    return format_html("<bdi>{}</bdi>", text.text)


# The texts repeated on every meeting and line, translated here once each rather than by a
# template tag a thousand times (the page has 100 meetings and 500 lines at a big session).
def meeting_labels(number) -> dict:
    n = {"number": number}
    return {
        "name": _("Meeting %(number)s") % n,
        "change": _("Change meeting %(number)s") % n,
        "save": _("Save meeting %(number)s") % n,
        "delete": _("Delete meeting %(number)s") % n,
        "confirm": _("Delete meeting %(number)s? Calendars will show it as cancelled.") % n,
    }


def line_labels(item, number) -> dict:
    n = {"item": item, "number": number}
    return {
        "up": _("Take up item %(item)s earlier in meeting %(number)s") % n,
        "down": _("Take up item %(item)s later in meeting %(number)s") % n,
        "remove": _("Remove item %(item)s from meeting %(number)s") % n,
    }


def taken_label(meetings: list) -> str:
    if not meetings:
        return ""
    joined = ", ".join(str(m) for m in sorted(meetings))
    return ngettext("→ meeting %(meetings)s", "→ meetings %(meetings)s", len(meetings)) % {
        "meetings": joined
    }


def organization_context(session, language: str, **extra) -> dict:
    """Everything the page shows, from three queries whatever the size of the session: one
    shared list of the items (ticked, or dragged, into a meeting), not a list per meeting."""
    items = list(AgendaItem.objects.filter(session=session).defer("annotation"))
    numbers = number_items(items)
    for item in items:
        item.number = numbers[item.pk]
        item.shown_title = localize(item.title, language, session.original_language)
        # rendered once, shown in the shared list and on every line that takes it up
        item.title_html = localized_html(item.shown_title)
        item.meetings = []
    sittings = list(session.sittings.all())
    lines = list(ScheduledItem.objects.filter(sitting__session=session))
    by_pk = {item.pk: item for item in items}
    number_of = {sitting.pk: sitting.number for sitting in sittings}
    for line in lines:
        line.item = by_pk[line.item_id]
        line.item.meetings.append(number_of[line.sitting_id])
    rows = organization_rows(sittings, lines)
    lines_of = {}
    for line in sorted(lines, key=lambda ln: (ln.position, ln.pk)):
        lines_of.setdefault(line.sitting_id, []).append(line)
    bound = extra.pop("bound", {})  # sitting pk -> the form sent back with its errors
    for item in items:
        item.taken = taken_label(item.meetings)
    for row in rows:
        row.labels = meeting_labels(row.sitting.number)
        for entry, line in zip(row.entries, lines_of.get(row.sitting.pk, []), strict=True):
            entry.line = line
            entry.labels = line_labels(entry.item.number, row.sitting.number)
        if row.sitting.pk == extra.get("open_meeting"):  # one form: the page has 100 meetings
            row.form = bound.get(row.sitting.pk) or SittingForm(
                instance=row.sitting, ids=str(row.sitting.pk)
            )
        row.line_error = extra.get("line_errors", {}).get(row.sitting.pk, "")
    slots = sorted(
        {(r.sitting.start_time, r.sitting.end_time) for r in rows},
        key=lambda slot: (slot[0] is None, slot),
    )
    grid = []
    for row in rows:
        if not grid or grid[-1][0] != row.sitting.date:
            grid.append((row.sitting.date, {}))
        grid[-1][1].setdefault((row.sitting.start_time, row.sitting.end_time), []).append(row)
    add_form = extra.pop("add_form", None)
    if add_form is None:
        day, start, end = organization_plan.next_free_slot(session, sittings)
        slot = Sitting(session=session, date=day, start_time=start, end_time=end)
        add_form = SittingForm(instance=slot, adding=True)
    tree = ordered_tree(items)
    for top, subs in tree:
        top.has_subs = bool(subs)
    return {
        "session": session,
        "language": language,
        "slots": slots,
        "grid": [(date, [cells.get(slot, []) for slot in slots]) for date, cells in grid],
        "rows": rows,
        "items": [item for top, subs in tree for item in (top, *subs)],
        "warnings": schedule.warnings(items, sittings, lines),
        "new_meeting": add_form,
        "any_line": bool(lines),
        **extra,
    }


def organization_response(request, session, language, *, error="", **extra):
    """The page's fragment again for htmx. Without JavaScript: back to the page (GET), or,
    when a form comes back with errors next to its fields, the page itself with that form."""
    extra = {name: value for name, value in extra.items() if value}
    if request.htmx or extra:
        context = organization_context(session, language, error=error, **extra)
        return render(request, f"{PAGE}#organization" if request.htmx else PAGE, context)
    if error:
        messages.error(request, error)
    url = session.url("session-organization")
    return redirect(f"{url}?lang={language}")


def organization_action(request, session, form, action):
    language = editing_language(request, session)
    outcome = attempt(form, action)
    return organization_response(request, session, language, error=outcome.error)


def meeting_form_action(request, session, form, action, *, key):
    """Add or change a meeting: on a refusal the form comes back as sent, each error next
    to its field (``key``: which meeting's form, or "add" for the new one)."""
    language = editing_language(request, session)
    try:
        if form.is_valid():
            action(form.cleaned_data)
            return organization_response(request, session, language)
    except ValidationError as exc:
        add_errors(form, exc)
    extra = {"add_form": form} if key == "add" else {"bound": {key: form}, "open_meeting": key}
    return organization_response(request, session, language, **extra)


@secretariat_required
def organization_edit(request, session):
    """The page; ``?change=<meeting>`` opens that meeting's form (one at a time: a form per
    meeting would make the page of a 100-meeting session several times heavier)."""
    language = editing_language(request, session)
    change = request.GET.get("change", "")
    context = organization_context(
        session, language, open_meeting=int(change) if change.isdigit() else None
    )
    return render(request, f"{PAGE}#organization" if request.htmx else PAGE, context)


@require_POST
@secretariat_required
def sitting_add(request, session):
    form = SittingForm(request.POST, instance=Sitting(session=session), adding=True)
    return meeting_form_action(
        request,
        session,
        form,
        lambda data: schedule.add_sitting(
            session, **{k: v for k, v in data.items() if k != "version"}
        ),
        key="add",
    )


@require_POST
@secretariat_required
def sitting_change(request, session, sitting_pk, delete=False):
    sitting = get_object_or_404(Sitting, pk=sitting_pk, session=session)
    if delete:
        return organization_action(
            request,
            session,
            SittingVersionForm(request.POST),
            lambda data: schedule.delete_sitting(sitting, version=data["version"]),
        )
    form = SittingForm(request.POST, instance=sitting, ids=str(sitting.pk))
    return meeting_form_action(
        request,
        session,
        form,
        lambda data: schedule.update_sitting(sitting, **data),
        key=sitting.pk,
    )


@require_POST
@secretariat_required
def sitting_assign(request, session, sitting_pk):
    sitting = get_object_or_404(Sitting, pk=sitting_pk, session=session)
    form = AssignForm(request.POST, session=session)
    return organization_action(
        request, session, form, lambda data: schedule.assign(sitting, data["item"])
    )


@require_POST
@secretariat_required
def assign_many(request, session):
    """The ticked items (or the one dragged) into the chosen meeting: one request."""
    language = editing_language(request, session)
    form = AssignManyForm(request.POST, session=session)
    error = "" if form.is_valid() else error_text_of(form)
    if not error:
        try:
            data = form.cleaned_data
            picked = [item.pk for item in ordered_pick(data["items"], request)]
            schedule.assign_many(data["sitting"], picked)
        except ValidationError as exc:
            error = error_text(exc)
    return organization_response(request, session, language, assign_error=error)


def ordered_pick(items, request) -> list:
    """The chosen items in the order they were sent (the agenda's order on the page)."""
    by_pk = {str(item.pk): item for item in items}
    return [by_pk[pk] for pk in dict.fromkeys(request.POST.getlist("items")) if pk in by_pk]


@require_POST
@secretariat_required
def line_action(request, session):
    """A button on a line of a meeting (one form per meeting): up, down or remove."""
    language = editing_language(request, session)
    form = LineActionForm(request.POST)
    if not form.is_valid():
        return organization_response(request, session, language, error=error_text_of(form))
    action, pk = form.cleaned_data["op"]
    line = ScheduledItem.objects.filter(pk=pk, sitting__session=session).first()
    if line is None:
        return organization_response(request, session, language, error=str(GONE))
    try:
        if action == "remove":
            schedule.unassign(line)
        else:
            schedule.move_line(line, action)
    except ValidationError as exc:
        errors = {line.sitting_id: error_text(exc)}
        return organization_response(request, session, language, line_errors=errors)
    return organization_response(request, session, language)


def error_text_of(form) -> str:
    return " ".join(error for errors in form.errors.values() for error in errors)


@require_POST
@secretariat_required
def propose(request, session):
    """Fill the meetings with the agenda's items in order (agenda.services.organization_plan)."""
    language = editing_language(request, session)
    outcome = attempt(
        ProposeForm(request.POST),
        lambda data: organization_plan.propose(session, replace=data["replace"]),
    )
    return organization_response(request, session, language, propose_error=outcome.error)


@require_POST
@secretariat_required
def line_change(request, session, line_pk, remove=False):
    line = get_object_or_404(ScheduledItem, pk=line_pk, sitting__session=session)
    if remove:
        schedule.unassign(line)
        return organization_response(request, session, editing_language(request, session))
    return organization_action(
        request,
        session,
        MoveForm(request.POST),
        lambda data: schedule.move_line(line, data["direction"]),
    )
