"""The session's public addresses, its documents and feeds, the documents register and the
secretariat's editor (``…/edit/…``). One line per address, grouped by the prefix it shares;
docs/architecture.md's "Addresses" table leads from each to its view."""

from django.urls import path, register_converter

from agenda.views.editor import (
    documentation,
    items,
    next_session,
    organization,
    panels,
    publishing,
    translations,
)
from agenda.views.public import calendar, documents, docx, pdf, session
from meetings.converters import NumberConverter, PrimaryKeyConverter

# Numbers in addresses are bounded by what their columns hold: out of range is a 404, never
# an overflow in the database (meetings/converters.py).
register_converter(NumberConverter, "number")
register_converter(PrimaryKeyConverter, "pk")

BODY = "bodies/<slug:body_slug>/"
SESSION = BODY + "sessions/<number:number>/"
VERSION = SESSION + "versions/<int:version>/"  # every published version keeps its address
EDIT = SESSION + "edit/"
PREVIEW = EDIT + "preview/"
ITEM = EDIT + "items/<pk:item_pk>/"
FOOTNOTE = EDIT + "footnotes/<pk:footnote_pk>/"
LISTED = EDIT + "document-links/<pk:link_pk>/"
ORGANIZATION = EDIT + "organization/"
MEETING = ORGANIZATION + "meetings/<pk:sitting_pk>/"
LINE = ORGANIZATION + "lines/<pk:line_pk>/"
# The second address of a view that changes a row also deletes or removes it.
DELETE, REMOVE = {"delete": True}, {"remove": True}

urlpatterns = [
    # What delegates read: the session, its documents, versions and feeds.
    path(SESSION, session.session_detail, name="session-detail"),
    path(SESSION + "export.json", session.session_export, name="session-export"),
    path(SESSION + "changes/", session.session_changes, name="session-changes"),
    path(SESSION + "versions.atom", session.session_versions_feed, name="session-versions-feed"),
    path(SESSION + "timetable/", session.session_timetable, name="session-timetable"),
    path("today/", session.today, name="today"),
    path("search/", session.site_search, name="search"),
    path(SESSION + "documents/", documents.session_document_list, name="session-document-list"),
    path(SESSION + "agenda.<str:lang>.pdf", pdf.session_pdf, name="session-pdf"),
    path(SESSION + "agenda.<str:lang>.html", pdf.session_pdf_preview, name="session-pdf-preview"),
    path(SESSION + "agenda.<str:lang>.docx", docx.session_docx, name="session-docx"),
    path(VERSION + "agenda.<str:lang>.pdf", pdf.session_pdf, name="version-pdf"),
    path(VERSION + "agenda.<str:lang>.html", pdf.session_pdf_preview, name="version-pdf-preview"),
    path(VERSION + "agenda.<str:lang>.docx", docx.session_docx, name="version-docx"),
    path(BODY + "calendar.ics", calendar.body_calendar, name="body-calendar"),
    path(SESSION + "calendar.ics", calendar.session_calendar, name="session-calendar"),
    path(
        SESSION + "sittings/<number:sitting>.ics",
        calendar.sitting_calendar,
        name="sitting-calendar",
    ),
    # The documents register; symbols contain slashes, hence path converters.
    path("documents/", documents.document_index, name="document-index"),
    path("documents/<path:symbol>/text", documents.document_text, name="document-text"),
    path("documents/<path:symbol>", documents.document_detail, name="document-detail"),
    # The secretariat's editor; every address below checks the editor's rights on the server.
    path(BODY + "sessions/new", items.session_create, name="session-create"),
    path(EDIT, items.session_edit, name="session-edit"),
    path(EDIT + "details", items.session_details, name="session-details"),
    path(EDIT + "next-session", next_session.next_session, name="session-next"),
    path(EDIT + "status", publishing.session_status, name="session-status"),
    path(EDIT + "publish", publishing.publish, name="session-publish"),
    path(EDIT + "history/", items.session_history, name="session-history"),
    path(PREVIEW, publishing.preview, name="session-preview"),
    path(PREVIEW + "agenda.<str:lang>.pdf", publishing.preview_pdf, name="session-preview-pdf"),
    path(PREVIEW + "agenda.<str:lang>.docx", publishing.preview_docx, name="session-preview-docx"),
    path(PREVIEW + "agenda.<str:lang>.html", publishing.preview_html, name="session-preview-html"),
    # The editor page's panels, loaded after it (agenda/views/editor/panels.py).
    path(EDIT + "pending", panels.pending, name="session-pending"),
    path(PREVIEW + "live.<str:lang>.html", panels.live_preview, name="session-live-preview"),
    path(EDIT + "translations/", translations.session_translations, name="session-translations"),
    path(
        EDIT + "translations/<str:lang>.xlf",
        translations.translation_export,
        name="translation-export",
    ),
    # The agenda: items, their footnotes and Documentation lists.
    path(EDIT + "items/add", items.item_add, name="item-add"),
    path(EDIT + "paste", items.agenda_paste, name="agenda-paste"),
    path(EDIT + "items/reorder", items.agenda_reorder, name="agenda-reorder"),
    path(ITEM, items.item_edit, name="item-edit"),
    path(ITEM + "delete", items.item_delete, name="item-delete"),
    path(ITEM + "move", items.item_move, name="item-move"),
    path(ITEM + "footnotes/add", items.footnote_add, name="footnote-add"),
    path(FOOTNOTE, items.footnote_change, name="footnote-edit"),
    path(FOOTNOTE + "delete", items.footnote_change, DELETE, name="footnote-delete"),
    path(ITEM + "documents/add", documentation.document_list_add, name="document-list-add"),
    path(LISTED + "move", documentation.document_link_change, name="document-link-move"),
    path(
        LISTED + "remove", documentation.document_link_change, REMOVE, name="document-link-remove"
    ),
    path(EDIT + "documents/", documentation.session_documents, name="session-documents"),
    path(EDIT + "documents/<pk:document_pk>/", documentation.document_edit, name="document-edit"),
    # The organization of work: meetings and the items they take up.
    path(ORGANIZATION, organization.organization_edit, name="session-organization"),
    path(ORGANIZATION + "meetings/add", organization.sitting_add, name="sitting-add"),
    path(ORGANIZATION + "assign", organization.assign_many, name="organization-assign"),
    path(ORGANIZATION + "lines", organization.line_action, name="organization-lines"),
    path(ORGANIZATION + "propose", organization.propose, name="organization-propose"),
    path(MEETING, organization.sitting_change, name="sitting-edit"),
    path(MEETING + "delete", organization.sitting_change, DELETE, name="sitting-delete"),
    path(MEETING + "assign", organization.sitting_assign, name="sitting-assign"),
    path(LINE + "move", organization.line_change, name="line-move"),
    path(LINE + "remove", organization.line_change, REMOVE, name="line-remove"),
]
