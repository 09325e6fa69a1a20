"""Named reads. ``agenda_rows``: a session's items, footnotes and Documentation lists from
the editing tables, in three queries; ``session_agenda``: everything the session page, the
PDF and the timetable show of a content (agenda.reads.content); ``session_schedule``: what the
calendar feeds show of one."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils.safestring import SafeString

from agenda.models import AgendaItem, Document, DocumentLink, Footnote
from agenda.outputs import richtext
from agenda.outputs.document_terms import document_terms
from agenda.outputs.linking import linked_text
from agenda.published import document_facts
from agenda.reads.organization import organization_rows, rows_by_date
from agenda.rules.numbering import anchor, number_items, ordered_tree
from meetings.models import Session
from meetings.symbols import symbol_sort_key
from meetings.translations import Localized, localize


@dataclass
class NumberedFootnote:
    number: int
    text: Localized
    label: str = ""
    html: SafeString = field(default_factory=SafeString)  # the text, symbols linked


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
        return anchor(self.number)


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


def agenda_rows(session: Session, *, derived: bool = False) -> AgendaRows:
    """The session's items, footnotes and Documentation lists; with ``derived``, each listed
    document also carries the corrigenda and addenda to print with it (one more query).
    A session shows (and exports) only documents that are public or its own: never another
    session's unpublished document, even one listed before agenda.rules.ownership forbade it."""
    footnotes, documents = {}, {}
    for footnote in Footnote.objects.filter(item__session=session).order_by("pk"):
        footnotes.setdefault(footnote.item_id, []).append(footnote)
    shown = Q(pk__in=Document.objects.public().values("pk")) | Q(session=session)
    links = (
        DocumentLink.objects.filter(item__session=session)
        .filter(document__in=Document.objects.filter(shown))
        .select_related("document")
    )
    if derived:
        links = links.prefetch_related(
            Prefetch("document__derived", queryset=Document.objects.filter(shown))
        )
    for link in links.order_by("position", "pk"):
        documents.setdefault(link.item_id, []).append(link.document)
    for listed in documents.values() if derived else ():
        # Corrigenda and addenda go with their base, unless the list names them itself.
        symbols = {d.symbol for d in listed}
        for document in listed:
            others = [d for d in document.derived.all() if d.symbol not in symbols]
            document.listed_with = sorted(others, key=lambda d: symbol_sort_key(d.symbol))
    return AgendaRows(list(AgendaItem.objects.filter(session=session)), footnotes, documents)


def session_agenda(content, language: str) -> SessionAgenda:
    """Everything the session page, the PDF and the timetable show of a session's content
    (agenda.reads.content: a published version, or the working copy for previews). No query."""
    session = content.session
    original = session.original_language
    items = content.items
    numbers = number_items(items)

    counter = 0

    def footnote(number: int, row) -> NumberedFootnote:
        text = localize(row.text, language, original)
        return NumberedFootnote(number, text, row.label, linked_text(text.text, language))

    def entry(item, label) -> AgendaEntry:
        nonlocal counter
        item.number = numbers[item.pk]
        annotation = localize(item.annotation, language, original)
        footnotes = content.footnotes.get(item.pk, [])
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
            annotation_html=richtext.render_html(annotation.text, local_numbers, language=language),
            footnotes=[footnote(local_numbers[lb], by_label[lb]) for lb in order],
            documents=content.documents.get(item.pk, []),
        )

    entries = []
    for item, subs in ordered_tree(items):
        top = entry(item, f"{numbers[item.pk]}.")
        # a sub-item's label is its number without the parent's: "1(a)" -> "(a)"
        top.children = [entry(sub, numbers[sub.pk][len(numbers[item.pk]) :]) for sub in subs]
        entries.append(top)

    rows = organization_rows(content.sittings, content.scheduled)
    terms = document_terms(language)
    for row in rows:
        row.facts = document_facts(row.sitting, terms)
    return SessionAgenda(session, language, entries, rows_by_date(rows))


@dataclass
class SessionSchedule:
    """One session's sittings in time order with the items each takes up, and their numbers."""

    content: object  # agenda.reads.content.SessionContent
    rows: list  # [organization.SittingRow]
    numbers: dict[int, str]  # item pk -> "1(a)"

    @property
    def session(self) -> Session:
        return self.content.session


def session_schedule(content) -> SessionSchedule:
    """The organization of work of a session's content, for the feeds and the today page."""
    rows = organization_rows(content.sittings, content.scheduled)
    return SessionSchedule(content, rows, number_items(content.items))
