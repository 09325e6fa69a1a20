"""The read API's operations: thin functions that parse the parameters, read through
agenda/api/reads.py and answer its dicts, which ninja checks against agenda/api/schemas.py.
Summaries are marked for translation (the docs page shows them translated); the OpenAPI
schema keeps them in English, like the field names."""

from functools import partial

from django.utils.translation import gettext_noop
from ninja import Path, Query, Router, Schema
from pydantic import Field

from agenda.api import reads
from agenda.api.schemas import (
    DocumentDetail,
    DocumentPage,
    Error,
    ItemPage,
    MeetingPage,
    SessionOut,
    SessionPage,
    VersionOut,
    VersionPage,
)

router = Router()

NUMBER_MAX = 2**31 - 1  # a PositiveIntegerField on PostgreSQL (meetings/converters.py)
SLUG = r"^[-a-zA-Z0-9_]+$"  # Django's slug
PRINTABLE = r"^[^\x00-\x1f\x7f]+$"  # no control character (PostgreSQL refuses NUL)
REFUSALS = {404: Error, 422: Error}
AT = "/sessions/{body}/{number}"  # a session's operations (SessionAt)


class Window(Schema):
    limit: int = Field(reads.DEFAULT_LIMIT, ge=1, le=reads.MAX_LIMIT, description="Rows a page")
    offset: int = Field(0, ge=0, le=NUMBER_MAX, description="Rows skipped")


class Shown(Schema):
    version: str | None = Field(
        None,
        pattern=r"^(working|[1-9][0-9]{0,8})$",
        description="A published version's number (default: the current one), or `working`: "
        "the working copy, for the body's secretariat only (404 for anyone else)",
    )


class Sessions(Window):
    body: str | None = Field(
        None, max_length=100, pattern=SLUG, description="Only this body's (its slug)"
    )


class SessionAt(Schema):
    """The address of a session: its body's slug and its number."""

    body: str = Field(
        ..., max_length=100, pattern=SLUG, description="The body's slug", examples=["ctoc-cop-wg3"]
    )
    number: int = Field(..., ge=1, le=NUMBER_MAX, description="The session's number", examples=[15])


class VersionAt(SessionAt):
    version: int = Field(..., ge=1, le=NUMBER_MAX, description="The version's number", examples=[1])


def window(params: Window) -> reads.Window:
    return reads.Window(params.limit, params.offset)


def read(path: str, schema, name: str, summary: str):
    """A GET operation answering ``schema`` or a refusal; ``name`` for reverse("api:…")."""
    return router.get(path, response={200: schema, **REFUSALS}, url_name=name, summary=summary)


def shown_content(request, at: SessionAt, shown: Shown):
    return reads.session_content(request, at.body, at.number, shown.version)


@read("/sessions", SessionPage, "sessions", gettext_noop("Published sessions"))
def session_list(request, params: Query[Sessions]):
    """The sessions that have a published version, by body and number."""
    versions = reads.public_sessions(params.body)
    return reads.page(request, versions, window(params), reads.summaries)


@read(AT, SessionOut, "session", gettext_noop("A session"))
def session_detail(request, at: Path[SessionAt], shown: Query[Shown]):
    """What the session is, as its current published version (or ``version``) has it."""
    content = shown_content(request, at, shown)
    return reads.session_details(content, shown.version)


@read(AT + "/items", ItemPage, "items", gettext_noop("A session's agenda items"))
def item_list(request, at: Path[SessionAt], params: Query[Window], shown: Query[Shown]):
    """The agenda in its order, each item followed by its sub-items."""
    content = shown_content(request, at, shown)
    return reads.page(request, reads.items(content), window(params), list)


@read(AT + "/meetings", MeetingPage, "meetings", gettext_noop("A session's meetings"))
def meeting_list(request, at: Path[SessionAt], params: Query[Window], shown: Query[Shown]):
    """Its meetings in time order, each with the items it takes up (organization of work)."""
    content = shown_content(request, at, shown)
    rows = partial(reads.meeting_rows, content)
    return reads.page(request, reads.meetings(content), window(params), rows)


@read(AT + "/documents", DocumentPage, "documents", gettext_noop("A session's documents"))
def session_document_list(request, at: Path[SessionAt], params: Query[Window], shown: Query[Shown]):
    """The register entries issued for the session, by symbol, as the version lists them."""
    content = shown_content(request, at, shown)
    return reads.page(request, content.session_documents, window(params), reads.documents)


@read(AT + "/versions", VersionPage, "versions", gettext_noop("A session's published versions"))
def version_list(request, at: Path[SessionAt], params: Query[Window]):
    """Every version published, the first issue first."""
    versions = reads.session_versions(at.body, at.number).order_by("number")
    return reads.page(request, versions, window(params), reads.version_rows)


@read(AT + "/versions/{version}", VersionOut, "version", gettext_noop("A published version"))
def version_detail(request, at: Path[VersionAt]):
    """When and as what a version was published (its content: the session's operations
    with ``?version=``)."""
    return reads.version_row(reads.session_version(at.body, at.number, at.version))


@read("/documents", DocumentPage, "register", gettext_noop("The documents register"))
def document_list(request, params: Query[Window]):
    """Every public document by symbol (and, to a secretariat, its bodies' unpublished ones)."""
    return reads.page(request, reads.register(request.user), window(params), reads.documents)


@read(
    "/documents/{path:symbol}",
    DocumentDetail,
    "document",
    gettext_noop("A document of the register"),
)
def document_detail(
    request,
    symbol: str = Path(
        ...,
        max_length=200,
        pattern=PRINTABLE,
        description="Its symbol",
        examples=["CTOC/COP/WG.3/2024/1"],
    ),
):
    """One register entry, by its symbol (CTOC/COP/WG.3/2024/1)."""
    return reads.document_details(reads.find_document(request.user, symbol))
