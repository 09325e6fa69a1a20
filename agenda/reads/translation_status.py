"""Which delegate-facing texts of a session are translated into each of the six languages.

A **segment** is one translated text a delegate reads: the session's title, each item's title
and annotation, each footnote, and the title of each document its Documentation lists print
(with the corrigenda and addenda printed with them). Meetings carry no translated text. A
segment is translated into a language when that language has its own text; otherwise the
pages show the original, marked (meetings.translations.localize).

``content_status(content)`` reads a content (agenda.reads.content: the published version for
the public page) without a query; ``working_status(session, rows)`` reads the working copy's
editing tables (agenda.reads.agenda.agenda_rows) for the editor, the XLIFF export and import.
Segment ids name the rows of the working copy (``item-12-title``, ``footnote-7``); in a
published content they are positions, meaningful only within it.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from agenda.reads.agenda import AgendaRows, agenda_rows
from agenda.rules.numbering import number_items, ordered_tree
from meetings.translations import UN_LANGUAGES, localize

# Segment kinds: the field a segment's id ends in, and the model field it is stored in.
SESSION_TITLE = "session-title"
ITEM_TITLE = "item-title"
ANNOTATION = "annotation"
FOOTNOTE = "footnote"
DOCUMENT_TITLE = "document-title"
KIND_LABELS = {
    SESSION_TITLE: _("session title"),
    ITEM_TITLE: _("item title"),
    ANNOTATION: _("annotation"),
    FOOTNOTE: _("footnote"),
    DOCUMENT_TITLE: _("document title"),
}


@dataclass(frozen=True)
class Segment:
    id: str  # "session-title", "item-12-annotation", "footnote-7", "document-3-title"
    kind: str  # one of the kinds above
    number: str  # the item's number ("1(a)"), the document's symbol, "" for the session
    texts: dict  # the stored translations (language -> text)
    source: str  # the text in the original language (else the first language present)
    source_language: str
    owned: bool  # this session's own text; False: another session's document, not ours to change

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    def text(self, language: str) -> str:
        return self.texts.get(language, "")

    def is_translated(self, language: str) -> bool:
        return bool(self.texts.get(language))


@dataclass
class LanguageStatus:
    language: str
    segments: list[Segment]
    translated: list[Segment] = field(default_factory=list)
    missing: list[Segment] = field(default_factory=list)

    def __post_init__(self):
        for segment in self.segments:
            found = segment.is_translated(self.language)
            (self.translated if found else self.missing).append(segment)

    @property
    def total(self) -> int:
        return len(self.segments)

    @property
    def percent(self) -> int:
        """Rounded down, so that 100 means complete; a session without texts is complete."""
        return len(self.translated) * 100 // self.total if self.segments else 100


@dataclass
class TranslationStatus:
    original_language: str
    segments: list[Segment]
    languages: dict[str, LanguageStatus]

    def __getitem__(self, language: str) -> LanguageStatus:
        return self.languages[language]

    @property
    def summary(self) -> list[LanguageStatus]:
        """The six languages in UN order."""
        return [self.languages[code] for code in UN_LANGUAGES]

    def segment(self, segment_id: str) -> Segment | None:
        return next((s for s in self.segments if s.id == segment_id), None)


def _status(session, items, footnotes: dict, documents: dict, own: set) -> TranslationStatus:
    original = session.original_language
    segments: list[Segment] = []

    def add(segment_id, kind, number, texts, owned=True):
        if not any((texts or {}).values()):
            return  # nothing to translate (an item without annotation)
        source = localize(texts, original, original)
        segments.append(
            Segment(segment_id, kind, number, dict(texts), source.text, source.language, owned)
        )

    add(SESSION_TITLE, SESSION_TITLE, "", session.title)
    numbers = number_items(items)
    seen = set()
    for top, subs in ordered_tree(items):
        for item in (top, *subs):
            number = numbers[item.pk]
            add(f"item-{item.pk}-title", ITEM_TITLE, number, item.title)
            add(f"item-{item.pk}-annotation", ANNOTATION, number, item.annotation)
            for footnote in footnotes.get(item.pk, []):
                add(f"footnote-{footnote.pk}", FOOTNOTE, number, footnote.text)
            for listed in documents.get(item.pk, []):
                for document in (listed, *getattr(listed, "listed_with", [])):
                    if document.symbol in seen:
                        continue
                    seen.add(document.symbol)
                    owned = document.symbol in own
                    add(
                        f"document-{document.pk}-title",
                        DOCUMENT_TITLE,
                        document.symbol,
                        document.title,
                        owned,
                    )
    return TranslationStatus(
        original, segments, {code: LanguageStatus(code, segments) for code in UN_LANGUAGES}
    )


def content_status(content) -> TranslationStatus:
    """The status of a content (a published version, or the working copy); no query."""
    own = {d.symbol for d in content.session_documents}
    return _status(content.session, content.items, content.footnotes, content.documents, own)


def working_status(session, rows: AgendaRows | None = None) -> TranslationStatus:
    """The status of the working copy, from ``rows`` (agenda_rows with ``derived``) or read
    now (four queries). The session's own documents are those issued for it."""
    rows = rows or agenda_rows(session, derived=True)
    own = {
        document.symbol
        for listed in rows.documents.values()
        for top in listed
        for document in (top, *getattr(top, "listed_with", []))
        if document.session_id == session.pk
    }
    return _status(session, rows.items, rows.footnotes, rows.documents, own)
