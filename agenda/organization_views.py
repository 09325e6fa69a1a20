"""The organization-of-work editor: a grid of the session's meetings (date x time slot), the
items each takes up in order, and warnings for what is left out."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from agenda import schedule
from agenda.editor_common import attempt, editing_language
from agenda.forms import AssignForm, MoveForm, SittingForm, SittingVersionForm
from agenda.models import AgendaItem, ScheduledItem
from agenda.numbering import number_items, ordered_tree
from agenda.organization import organization_rows
from meetings.models import Sitting
from meetings.permissions import secretariat_required
from meetings.translations import localize

PAGE = "agenda/editor/organization.html"


def organization_context(session, language: str, **extra) -> dict:
    items = list(AgendaItem.objects.filter(session=session))
    numbers = number_items(items)
    for item in items:
        item.number = numbers[item.pk]
        item.shown_title = localize(item.title, language, session.original_language)
    sittings = list(session.sittings.all())
    lines = list(ScheduledItem.objects.filter(sitting__session=session))
    by_pk = {item.pk: item for item in items}
    for line in lines:
        line.item = by_pk[line.item_id]
    rows = organization_rows(sittings, lines)
    lines_of = {}
    for line in sorted(lines, key=lambda ln: (ln.position, ln.pk)):
        lines_of.setdefault(line.sitting_id, []).append(line)
    for row in rows:
        for entry, line in zip(row.entries, lines_of.get(row.sitting.pk, []), strict=True):
            entry.line = line
    slots = sorted(
        {(r.sitting.start_time, r.sitting.end_time) for r in rows},
        key=lambda slot: (slot[0] is None, slot),
    )
    grid = []
    for row in rows:
        if not grid or grid[-1][0] != row.sitting.date:
            grid.append((row.sitting.date, {}))
        grid[-1][1].setdefault((row.sitting.start_time, row.sitting.end_time), []).append(row)
    return {
        "session": session,
        "language": language,
        "slots": slots,
        "grid": [(date, [cells.get(slot, []) for slot in slots]) for date, cells in grid],
        "items": [item for top, subs in ordered_tree(items) for item in (top, *subs)],
        "warnings": schedule.warnings(items, sittings, lines),
        "sitting_form": SittingForm(initial={"date": session.start_date}),
        **extra,
    }


def organization_response(request, session, language, *, error=""):
    if request.htmx:
        context = organization_context(session, language, error=error)
        return render(request, f"{PAGE}#organization", context)
    if error:
        messages.error(request, error)
    url = reverse("session-organization", args=[session.body.slug, session.number])
    return redirect(f"{url}?lang={language}")


def organization_action(request, session, form, action):
    language = editing_language(request, session)
    outcome = attempt(form, action)
    return organization_response(request, session, language, error=outcome.error)


@secretariat_required
def organization_edit(request, session):
    language = editing_language(request, session)
    return render(request, PAGE, organization_context(session, language))


@require_POST
@secretariat_required
def sitting_add(request, session):
    form = SittingForm(request.POST, instance=Sitting(session=session))
    return organization_action(
        request,
        session,
        form,
        lambda data: schedule.add_sitting(
            session, **{k: v for k, v in data.items() if k != "version"}
        ),
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
    form = SittingForm(request.POST, instance=sitting)
    return organization_action(
        request, session, form, lambda data: schedule.update_sitting(sitting, **data)
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
