"""The shapes the read API answers with (pydantic, through django-ninja): they are its OpenAPI
schema. Field names are the API's own, in English, never translated; texts in the six UN
languages are objects language → text, as the exchange format has them."""

import datetime as dt
import uuid

from ninja import Schema
from pydantic import Field, create_model

from agenda import published

Texts = dict[str, str]
LOCAL_TIME = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"  # 10:00


class Error(Schema):
    """Every refusal: a sentence in the reader's language, and for bad parameters each one."""

    detail: str = Field(description="What went wrong, in the interface language")
    errors: list["ParameterError"] = Field(default_factory=list)


class ParameterError(Schema):
    parameter: str = Field(description="The query or path parameter refused")
    message: str = Field(description="Why, in the interface language")


class Page(Schema):
    count: int = Field(description="How many rows the whole list has")
    next: str | None = Field(description="The next page's address, if any")
    previous: str | None = Field(description="The previous page's address, if any")


class BodyOut(Schema):
    slug: str
    name: Texts
    abbreviation: str
    symbol_prefix: str


class VenueOut(Schema):
    slug: str
    name: Texts
    city: Texts
    country: str
    time_zone: str


class VersionOut(Schema):
    number: int = Field(description="1 for the first issue, 2 for the next, …")
    kind: str = Field(description="issue, revision, corrigendum or schedule")
    symbol: str
    issue_date: dt.date
    published_at: dt.datetime
    note: str
    is_current: bool


class SessionSummary(Schema):
    body: str = Field(description="The body's slug")
    number: int
    title: Texts
    start_date: dt.date | None
    end_date: dt.date | None
    status: str
    agenda_symbol: str
    version: int | None = Field(description="The published version shown; null: working copy")
    url: str = Field(description="This session in the API")


class SessionOut(SessionSummary):
    body_details: BodyOut
    venue: VenueOut | None
    format: str
    interpretation_languages: list[str]
    original_language: str
    issue_date: dt.date | None
    distribution: str
    published: VersionOut | None = Field(description="The version shown; null: working copy")
    items: str = Field(description="Address of its agenda items")
    meetings: str = Field(description="Address of its meetings")
    documents: str = Field(description="Address of its documents")
    versions: str = Field(description="Address of its published versions")


class FootnoteOut(Schema):
    label: str
    text: Texts


class ItemOut(Schema):
    number: str = Field(description='As printed: "1", "1(a)", "3 bis"')
    parent: str | None = Field(description="The number of the item this is a sub-item of")
    title: Texts
    annotation: Texts
    footnotes: list[FootnoteOut]
    documents: list[str] = Field(description="The symbols of its Documentation list, in order")


class MeetingItemOut(Schema):
    number: str
    continued: bool = Field(description="Taken up in an earlier meeting that is not cancelled")


# What a published fact's exchange-format schema (agenda/published.py) is in the API.
SHARED = {
    "#/$defs/text": (Texts, {}),
    "#/$defs/date": (dt.date, {}),
    # local times at the venue, as printed: JSON Schema's "time" would need an offset
    "#/$defs/time": (str, {"pattern": LOCAL_TIME, "description": "Local time at the venue"}),
    "#/$defs/languages": (list[str], {}),
}
TYPES = {"string": str, "integer": int, "boolean": bool}


def fact_field(schema: dict) -> tuple:
    """(type, Field) of the API for a fact's exchange schema."""
    if "oneOf" in schema:  # a value or null
        given = next(part for part in schema["oneOf"] if part.get("type") != "null")
        kind, field = fact_field(given)
        return kind | None, field
    kind, options = SHARED.get(schema.get("$ref"), (None, {}))
    if kind is None:
        kind = uuid.UUID if schema.get("format") == "uuid" else TYPES.get(schema.get("type"), str)
    if "description" in schema:
        options = {**options, "description": schema["description"]}
    return kind, Field(**options)


def facts_schema(name: str, facts, **more) -> type[Schema]:
    """The shape of a row made of ``facts`` (agenda.published.row), and ``more`` fields."""
    fields = {fact.data_key: fact_field(fact.schema) for fact in facts}
    return create_model(name, __base__=Schema, **fields, **more)


MeetingOut = facts_schema(
    "MeetingOut",
    published.SITTING,
    time_zone=(str, Field(description="The venue's time zone (IANA)")),
    items=(list[MeetingItemOut], Field(description="The organization of work: items taken up")),
)


class DocumentSession(Schema):
    body: str
    number: int
    url: str


class DocumentOut(Schema):
    symbol: str
    title: Texts
    kind: str
    status: str
    issue_date: dt.date | None
    original_language: str
    languages: list[str]
    prepared_by: Texts
    url: str


class DocumentDetail(DocumentOut):
    distribution: str
    base: str | None = Field(description="The document it revises, corrects or adds to")
    session: DocumentSession | None
    official_text: str = Field(description="The document in the Official Document System")


class SessionPage(Page):
    results: list[SessionSummary]


class ItemPage(Page):
    results: list[ItemOut]


class MeetingPage(Page):
    results: list[MeetingOut]


class DocumentPage(Page):
    results: list[DocumentOut]


class VersionPage(Page):
    results: list[VersionOut]
