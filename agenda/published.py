"""The published facts: each field of a sitting, an agenda item, a footnote and a register
document that a version publishes, declared once.

A **Fact** says what every output needs of one field: the model field, its key and JSON
Schema in the exchange format (agenda/outputs/exchange.py, docs/session-format.schema.json),
how its value is written and read back (the value older files and stored versions lack it
as), its label and shown value in the changes between versions (agenda/reads/changes.py),
whether calendar events show it (agenda/outputs/calendar/feeds.py, and so its SEQUENCE), the
document (page and PDF: ``document`` names its heading in agenda/outputs/document_terms.py)
and the editor's form. The exporter, the importer, the published content
(agenda/reads/content.py), the schema, the changes, the feeds and ``SittingForm`` read these
lists; a field added here appears in all of them. ``EXCLUDED`` names, with the reason, every
model field that is not published; tests/agenda/test_published.py fails on a field in neither.
"""

import copy
import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from agenda.models import AgendaItem, Document, DocumentLink, Footnote
from meetings.dates import long_date, time_slot
from meetings.models import Sitting
from meetings.translations import clean_translations, localize

NOT_GIVEN = object()  # no default: a file must have it (the model's own default otherwise)


def same(value):
    return value


def date_data(value):
    return value.isoformat() if value else None


def time_data(value):
    return value.strftime("%H:%M") if value else None


def parse_date(value):
    return dt.date.fromisoformat(value) if value else None


def parse_time(value):
    return dt.time.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Reading:
    """Who reads a change list: their language, the original language of the thing's texts
    and the venue's time zone."""

    language: str
    original: str = "en"
    zone: str = ""

    def text(self, value) -> str:
        if not isinstance(value, dict):
            return str(value or "")
        return localize(value, self.language, self.original).text


def shown_as_is(value, row, reading) -> str:
    return "" if value is None else str(value)


def shown_text(value, row, reading) -> str:
    return reading.text(value or {})


def shown_date(value, row, reading) -> str:
    return long_date(parse_date(value), reading.language)


def shown_time(value, row, reading) -> str:
    """10:00–13:00 (Europe/Vienna): local times mean nothing without their zone."""
    start, end = parse_time(row["start_time"]), parse_time(row["end_time"])
    return f"{time_slot(start, end)} ({reading.zone})" if start else ""


def shown_cancelled(value, row, reading) -> str:
    return _("cancelled") if value else ""


def shown_list(value, row, reading) -> str:
    return ", ".join(value or [])


@dataclass(frozen=True)
class Fact:
    name: str  # the model field
    schema: dict  # of its value in the exchange format
    key: str = ""  # in the exchange format; the field's name by default
    required: bool = True  # in the schema: a file must give it
    optional: bool = False  # written only when it differs from ``default``
    default: object = NOT_GIVEN  # what a file or stored version without it means
    dump: Callable = same  # model value -> exchange value
    load: Callable = same  # exchange value -> model value
    clean: Callable = same  # what the importer makes of a value typed elsewhere
    read: Callable | None = None  # (row, context) -> exchange value, for derived facts
    # in the changes between versions: True (under its name) or the name it is compared under
    compare: bool | str = False
    label: object = None  # of the changes; the model field's verbose name by default
    show: Callable = shown_as_is  # (value, row, Reading) -> what the changes show
    # in calendar events: "event" (their own properties: time, status, UID…) or "location"
    # (a line "<term>: value" of the description, and part of LOCATION)
    feed: str = ""
    term: str = ""  # its heading in documents and events (agenda/outputs/document_terms.py)
    document: bool = False  # shown with its sitting in the organization of work (page, PDF)
    form: bool = False  # typed in the editor's form

    @property
    def data_key(self) -> str:
        return self.key or self.name

    @property
    def compared(self) -> str:
        return self.name if self.compare is True else self.compare or ""

    @property
    def assigned(self) -> bool:
        """Whether reading a file sets the model field (a derived fact is the importer's)."""
        return self.read is None


TEXT = {"$ref": "#/$defs/text"}
DATE = {"$ref": "#/$defs/date"}
OPTIONAL_DATE = {"oneOf": [{"$ref": "#/$defs/date"}, {"type": "null"}]}
OPTIONAL_TIME = {"oneOf": [{"$ref": "#/$defs/time"}, {"type": "null"}]}
BOOLEAN = {"type": "boolean"}


def text_fact(name, **kwargs) -> Fact:
    """A text in the six languages (language -> text), the empty ones dropped on reading."""
    return Fact(name, TEXT, clean=clean_translations, show=shown_text, **kwargs)


def date_fact(name, schema=DATE, **kwargs) -> Fact:
    return Fact(name, schema, dump=date_data, load=parse_date, show=shown_date, **kwargs)


def time_fact(name, **kwargs) -> Fact:
    """A sitting's local time (the venue's zone), typed in the editor, shown by its event."""
    return Fact(
        name, OPTIONAL_TIME, dump=time_data, load=parse_time, feed="event", form=True, **kwargs
    )


SITTING = (
    Fact(
        "uid",
        {
            "description": "The sitting's permanent identity (its calendar event's UID is "
            "<uid>@<suffix>); kept on import, generated when omitted. Export always writes it.",
            "type": "string",
            "format": "uuid",
        },
        required=False,
        dump=str,
        load=uuid.UUID,
        feed="event",
    ),
    Fact(
        "number",
        {"type": "integer", "minimum": 1},
        compare=True,
        feed="event",
    ),
    date_fact("date", compare=True, feed="event", form=True),
    # one compared "time": the slot of both
    time_fact("start_time", compare="time", label=_("time"), show=shown_time),
    time_fact("end_time"),
    Fact(
        "room",
        {"type": "string", "maxLength": 100},
        compare=True,
        feed="location",
        term="room",
        document=True,
        form=True,
    ),
    Fact("interpretation", BOOLEAN, form=True),
    Fact(
        "cancelled",
        BOOLEAN,
        compare=True,
        label=_("cancellation"),
        show=shown_cancelled,
        feed="event",
        form=True,
    ),
)

ITEM = (
    Fact(
        "fixed_number",
        {
            "type": "integer",
            "minimum": 1,
            "description": "Pins the number (or, for a sub-item, the letter: 1 = a); omitted "
            "when derived from the order.",
        },
        key="number",
        required=False,
        optional=True,
        default=None,
    ),
    Fact(
        "bis",
        {
            "type": "integer",
            "minimum": 1,
            "maximum": 9,
            "description": "A late item numbered after the item before it without renumbering "
            "the rest: 1 = bis (3 bis), 2 = ter, …; omitted for other items.",
        },
        required=False,
        optional=True,
        default=0,
    ),
    text_fact("title", compare=True),
    text_fact(
        "annotation",
        required=False,
        optional=True,
        default={},
        compare=True,
    ),
)

FOOTNOTE = (
    Fact("label", {"type": "string", "pattern": "^[^\\]\\s]{1,20}$"}),
    text_fact("text"),
)

DOCUMENT = (
    Fact("symbol", {"$ref": "#/$defs/symbol"}),
    text_fact("title", compare=True),
    Fact("kind", {"enum": list(Document.Kind.values)}),
    date_fact("issue_date", OPTIONAL_DATE, default=None),
    text_fact("prepared_by", default={}),
    Fact("original_language", {"$ref": "#/$defs/language"}),
    Fact(
        "languages",
        {"$ref": "#/$defs/languages"},
        default=[],
        compare=True,
        show=shown_list,
    ),
    Fact(
        "status",
        {"enum": list(Document.Status.values)},
        compare=True,
    ),
    Fact(
        "session",
        {"description": "true when the document was issued for this session", "type": "boolean"},
        read=lambda document, session: document.session_id == session.pk,
    ),
    Fact(
        "distribution",
        {"enum": list(Document.Distribution.values)},
        required=False,
        optional=True,
        default=Document.Distribution.GENERAL,
    ),
)

DECLARED = {Sitting: SITTING, AgendaItem: ITEM, Footnote: FOOTNOTE, Document: DOCUMENT}

# Model fields that are not published facts, and why.
STRUCTURE = "the file's nesting says it"
EXCLUDED = {
    Sitting: {
        "id": "a row's own; the uid is the sitting's identity",
        "session": STRUCTURE,
        "version": "the editor form's lock, not a published fact",
    },
    AgendaItem: {
        "id": "a row's own; published items are known by their number",
        "session": STRUCTURE,
        "parent": STRUCTURE + " (sub-items are inside their item)",
        "position": "the order of the file's lists",
        "version": "the editor form's lock, not a published fact",
    },
    Footnote: {
        "id": "a row's own; footnotes are known by their label",
        "item": STRUCTURE,
        "version": "the editor form's lock, not a published fact",
    },
    Document: {
        "id": "a row's own; documents are known by their symbol",
        "symbol_key": "derived from the symbol by save()",
        "search_text": "derived from the symbol and titles by save()",
        "base": "derived from the symbol by save()",
        "version": "the editor form's lock, not a published fact",
        "items": "the items' Documentation lists (an item's documents)",
    },
    DocumentLink: {
        "id": "a row's own",
        "item": "an item's documents list it, by symbol",
        "document": "written as its symbol in the item's documents",
        "position": "the order of the item's documents",
    },
}


# --- what the outputs do with them ----------------------------------------------------------


def row(obj, facts, context=None) -> dict:
    """The exchange-format data of a model row (optional facts left out at their default)."""
    data = {}
    for fact in facts:
        value = fact.read(obj, context) if fact.read else fact.dump(getattr(obj, fact.name))
        if fact.optional and value == fact.dump(fact.default):
            continue
        data[fact.data_key] = value
    return data


def values(data: dict, facts, *, importing: bool = False) -> dict:
    """Model field -> value of exchange-format data. A fact an older stored version lacks
    takes its default. ``importing`` a file: values are cleaned, and a fact the file lacks
    is left out, so that a new row gets the model's default and an existing one keeps its
    value."""
    found = {}
    for fact in facts:
        if not fact.assigned:
            continue
        if fact.data_key in data:
            value = fact.load(data[fact.data_key])
            found[fact.name] = fact.clean(value) if importing else value
        elif not importing and fact.default is not NOT_GIVEN:
            found[fact.name] = fact.load(copy.copy(fact.default))
    return found


def schema(facts, **extra) -> dict:
    """The JSON Schema of an object made of ``facts`` and ``extra`` properties (required)."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.data_key for f in facts if f.required] + list(extra),
        "properties": {f.data_key: f.schema for f in facts} | extra,
    }


def shown(data: dict, facts, reading: Reading) -> dict:
    """What the changes between versions show of an exchange-format row: compared name ->
    value as the reader sees it (a fact a stored version lacks shows as its default)."""
    return {
        fact.compared: fact.show(data.get(fact.data_key, _stored(fact)), data, reading)
        for fact in facts
        if fact.compared
    }


def _stored(fact):
    return None if fact.default is NOT_GIVEN else fact.default


def labels() -> dict:
    """Compared name -> its label, for every declared fact that is compared."""
    return {
        f.compared: f.label or model._meta.get_field(f.name).verbose_name
        for model, facts in DECLARED.items()
        for f in facts
        if f.compared
    }


def in_feed(data: dict) -> dict:
    """What a sitting's calendar event shows of its facts (part of its fingerprint)."""
    return {f.data_key: data.get(f.data_key, _stored(f)) for f in SITTING if f.feed}


def feed_facts(kind: str) -> list[Fact]:
    return [f for f in SITTING if f.feed == kind]


def document_facts(sitting, terms: dict) -> list[tuple[str, object]]:
    """(heading, value) of the sitting's facts the page and PDF show, those that are set;
    ``terms``: agenda.outputs.document_terms in the document's language."""
    found = []
    for fact in SITTING:
        value = getattr(sitting, fact.name)
        if fact.document and value not in (None, ""):
            found.append((terms[fact.term], value))
    return found


def form_fields() -> list[str]:
    return [f.name for f in SITTING if f.form]
