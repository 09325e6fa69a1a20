"""The read API's operations: thin functions that parse the parameters, read through
agenda/api/reads.py and answer its dicts, which ninja checks against agenda/api/schemas.py.
Summaries are marked for translation (the docs page shows them translated); the OpenAPI
schema keeps them in English, like the field names."""

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


Number = Path(..., ge=1, le=NUMBER_MAX, description="The session's number", examples=[15])
Body = Path(
    ..., max_length=100, pattern=SLUG, description="The body's slug", examples=["ctoc-cop-wg3"]
)


def window(params: Window) -> reads.Window:
    return reads.Window(params.limit, params.offset)


@router.get(
    "/sessions",
    response={200: SessionPage, **REFUSALS},
    url_name="sessions",
    summary=gettext_noop("Published sessions"),
)
def session_list(request, params: Query[Sessions]):
    """The sessions that have a published version, by body and number."""
    versions = reads.public_sessions(params.body)
    return reads.page(request, versions, window(params), reads.summaries)


@router.get(
    "/sessions/{body}/{number}",
    response={200: SessionOut, **REFUSALS},
    url_name="session",
    summary=gettext_noop("A session"),
)
def session_detail(request, shown: Query[Shown], body: str = Body, number: int = Number):
    """What the session is, as its current published version (or ``version``) has it."""
    content = reads.session_content(request, body, number, shown.version)
    return reads.session_details(content, shown.version)


@router.get(
    "/sessions/{body}/{number}/items",
    response={200: ItemPage, **REFUSALS},
    url_name="items",
    summary=gettext_noop("A session's agenda items"),
)
def item_list(
    request, params: Query[Window], shown: Query[Shown], body: str = Body, number: int = Number
):
    """The agenda in its order, each item followed by its sub-items."""
    content = reads.session_content(request, body, number, shown.version)
    return reads.page(request, reads.items(content), window(params), list)


@router.get(
    "/sessions/{body}/{number}/meetings",
    response={200: MeetingPage, **REFUSALS},
    url_name="meetings",
    summary=gettext_noop("A session's meetings"),
)
def meeting_list(
    request, params: Query[Window], shown: Query[Shown], body: str = Body, number: int = Number
):
    """Its meetings in time order, each with the items it takes up (organization of work)."""
    content = reads.session_content(request, body, number, shown.version)
    return reads.page(request, reads.meetings(content), window(params), list)


@router.get(
    "/sessions/{body}/{number}/documents",
    response={200: DocumentPage, **REFUSALS},
    url_name="documents",
    summary=gettext_noop("A session's documents"),
)
def session_document_list(
    request, params: Query[Window], shown: Query[Shown], body: str = Body, number: int = Number
):
    """The register entries issued for the session, by symbol, as the version lists them."""
    content = reads.session_content(request, body, number, shown.version)
    return reads.page(request, content.session_documents, window(params), reads.documents)


@router.get(
    "/sessions/{body}/{number}/versions",
    response={200: VersionPage, **REFUSALS},
    url_name="versions",
    summary=gettext_noop("A session's published versions"),
)
def version_list(request, params: Query[Window], body: str = Body, number: int = Number):
    """Every version published, the first issue first."""
    versions = reads.session_versions(body, number).order_by("number")
    return reads.page(request, versions, window(params), reads.version_rows)


@router.get(
    "/sessions/{body}/{number}/versions/{version}",
    response={200: VersionOut, **REFUSALS},
    url_name="version",
    summary=gettext_noop("A published version"),
)
def version_detail(
    request,
    body: str = Body,
    number: int = Number,
    version: int = Path(..., ge=1, le=NUMBER_MAX, description="The version's number", examples=[1]),
):
    """When and as what a version was published (its content: the session's operations
    with ``?version=``)."""
    return reads.version_row(reads.session_version(body, number, version))


@router.get(
    "/documents",
    response={200: DocumentPage, **REFUSALS},
    url_name="register",
    summary=gettext_noop("The documents register"),
)
def document_list(request, params: Query[Window]):
    """Every public document by symbol (and, to a secretariat, its bodies' unpublished ones)."""
    return reads.page(request, reads.register(request.user), window(params), reads.documents)


@router.get(
    "/documents/{path:symbol}",
    response={200: DocumentDetail, **REFUSALS},
    url_name="document",
    summary=gettext_noop("A document of the register"),
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
