"""Named reads. ``session_agenda`` is everything the session page (and later the PDF) shows,
in a fixed number of queries whatever the size of the agenda."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.safestring import SafeString

from agenda import richtext
from agenda.document_terms import document_terms
from agenda.models import AgendaItem, DocumentLink, Footnote, ScheduledItem
from agenda.numbering import number_items, ordered_tree
from agenda.organization import organization_rows, rows_by_date
from meetings.models import Body, RemovedSitting, Session, Sitting
from meetings.translations import Localized, localize


@dataclass
class NumberedFootnote:
    number: int
    text: Localized


@dataclass
class AgendaEntry:
    item: AgendaItem
    number: str  # "1" or "1(a)"
    label: str  # as printed in the agenda list: "1." or "(a)"
    title: Localized
    annotation: Localized
    annotation_html: SafeString = field(default_factory=SafeString)
    footnotes: list[NumberedFootnote] = field(default_factory=list)
    documents: list = field(default_factory=list)
    children: list["AgendaEntry"] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return self.number.replace("(", "").replace(")", "")


@dataclass
class SessionAgenda:
    session: Session
    language: str
    entries: list[AgendaEntry]
    organization: list  # [(date, [SittingRow])]

    def flat(self) -> list[AgendaEntry]:
        return [e for top in self.entries for e in (top, *top.children)]

    @property
    def terms(self) -> dict[str, str]:
        return document_terms(self.language)

    @property
    def footnotes(self) -> list[NumberedFootnote]:
        return [fn for entry in self.flat() for fn in entry.footnotes]


@dataclass
class AgendaRows:
    """A session's items with their footnotes and documentation lists, in three queries."""

    items: list[AgendaItem]
    footnotes: dict[int, list[Footnote]]  # item pk -> footnotes in creation order
    documents: dict[int, list]  # item pk -> documents in list order


def agenda_rows(session: Session) -> AgendaRows:
    footnotes, documents = {}, {}
    for footnote in Footnote.objects.filter(item__session=session).order_by("pk"):
        footnotes.setdefault(footnote.item_id, []).append(footnote)
    links = DocumentLink.objects.filter(item__session=session).select_related("document")
    for link in links.order_by("position", "pk"):
        documents.setdefault(link.item_id, []).append(link.document)
    return AgendaRows(list(AgendaItem.objects.filter(session=session)), footnotes, documents)


def session_agenda(session: Session, language: str) -> SessionAgenda:
    original = session.original_language
    rows = agenda_rows(session)
    items = rows.items
    numbers = number_items(items)

    counter = 0

    def entry(item, label) -> AgendaEntry:
        nonlocal counter
        item.number = numbers[item.pk]
        annotation = localize(item.annotation, language, original)
        footnotes = rows.footnotes.get(item.pk, [])
        by_label = {fn.label: fn for fn in footnotes}
        order = [label for label in richtext.footnote_labels(annotation.text) if label in by_label]
        order += [fn.label for fn in footnotes if fn.label not in order]  # never lose one
        local_numbers = {}
        for footnote_label in order:
            counter += 1
            local_numbers[footnote_label] = counter
        item.localized_title = localize(item.title, language, original)
        return AgendaEntry(
            item=item,
            number=item.number,
            label=label,
            title=item.localized_title,
            annotation=annotation,
            annotation_html=richtext.render_html(annotation.text, local_numbers),
            footnotes=[
                NumberedFootnote(local_numbers[lb], localize(by_label[lb].text, language, original))
                for lb in order
            ],
            documents=rows.documents.get(item.pk, []),
        )

    entries = []
    for item, subs in ordered_tree(items):
        top = entry(item, f"{numbers[item.pk]}.")
        # a sub-item's label is its number without the parent's: "1(a)" -> "(a)"
        top.children = [entry(sub, numbers[sub.pk][len(numbers[item.pk]) :]) for sub in subs]
        entries.append(top)

    by_pk = {item.pk: item for item in items}
    sittings = list(session.sittings.all())
    scheduled = list(
        ScheduledItem.objects.filter(sitting__session=session).only(
            "pk", "sitting_id", "item_id", "position"
        )
    )
    for s in scheduled:
        s.item = by_pk[s.item_id]  # reuse the numbered instances, no extra query
    organization = rows_by_date(organization_rows(sittings, scheduled))
    return SessionAgenda(session, language, entries, organization)


@dataclass
class SessionSchedule:
    """One session's sittings in time order, each with the items it takes up (numbered)."""

    session: Session
    rows: list  # [SittingRow] of agenda.organization; their items carry .number


def session_schedules(sessions: list[Session]) -> list[SessionSchedule]:
    """The organization of work of several sessions, for the calendar feeds: three queries
    (items, sittings, scheduled items) whatever the number of sessions and sittings."""
    by_pk = {session.pk: session for session in sessions}
    items, sittings, scheduled, session_of = {}, {}, {}, {}
    only_item = ("pk", "session_id", "parent_id", "position", "fixed_number", "title")
    for item in AgendaItem.objects.filter(session__in=list(by_pk)).only(*only_item):
        items.setdefault(item.session_id, []).append(item)
    for sitting in Sitting.objects.filter(session__in=list(by_pk)):
        sitting.session = by_pk[sitting.session_id]  # for its zone, without a query
        sittings.setdefault(sitting.session_id, []).append(sitting)
        session_of[sitting.pk] = sitting.session_id
    lines = ScheduledItem.objects.filter(sitting__session__in=list(by_pk))
    for line in lines.only("pk", "sitting_id", "item_id", "position"):
        scheduled.setdefault(session_of[line.sitting_id], []).append(line)
    schedules = []
    for session in sessions:
        session_items = items.get(session.pk, [])
        numbers = number_items(session_items)
        item_by_pk = {item.pk: item for item in session_items}
        for item in session_items:
            item.number = numbers[item.pk]
        for line in scheduled.get(session.pk, []):
            line.item = item_by_pk[line.item_id]
        rows = organization_rows(sittings.get(session.pk, []), scheduled.get(session.pk, []))
        schedules.append(SessionSchedule(session, rows))
    return schedules


def removed_sittings(body, session_number: int | None = None) -> list[RemovedSitting]:
    """Tombstones of the body's deleted sittings (of one session number, if given)."""
    removed = RemovedSitting.objects.filter(body=body)
    if session_number is not None:
        removed = removed.filter(session_number=session_number)
    return list(removed)


# --- content versions of the calendar feeds: cheap reads that never build the feed --------


def body_with_removals():
    """Bodies with their duty station and the count and latest time of their tombstones."""
    return Body.objects.select_related("duty_station").annotate(
        removed_count=Count("removed_sittings"), removed_at=Max("removed_sittings__removed_at")
    )


def session_versions(body: Body) -> list[tuple[int, int, dt.datetime, str]]:
    """(pk, revision, changed_at, status) of every session of the body, drafts included."""
    return list(
        Session.objects.filter(body=body)
        .order_by("pk")
        .values_list("pk", "revision", "changed_at", "status")
    )


def sessions_with_removals():
    """Sessions with body and venue, and the count and latest time of their tombstones
    (matched by body and session number: a session's deleted sittings outlive it)."""
    removed = RemovedSitting.objects.filter(
        body=OuterRef("body"), session_number=OuterRef("number")
    ).order_by()
    grouped = removed.values("session_number")
    return Session.objects.with_body().annotate(
        removed_count=Coalesce(Subquery(grouped.annotate(n=Count("pk")).values("n")), 0),
        removed_at=Subquery(removed.order_by("-removed_at").values("removed_at")[:1]),
    )


def sittings_for_feed():
    return Sitting.objects.select_related(
        "session__body__duty_station", "session__body__parent", "session__venue"
    )
