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

SESSION = "bodies/<slug:body_slug>/sessions/<number:number>/"
EDIT = SESSION + "edit/"

ORGANIZATION = EDIT + "organization/"

urlpatterns = [
    path(
        "bodies/<slug:body_slug>/sessions/<number:number>/",
        session.session_detail,
        name="session-detail",
    ),
    path(
        "bodies/<slug:body_slug>/sessions/<number:number>/export.json",
        session.session_export,
        name="session-export",
    ),
    path(SESSION + "changes/", session.session_changes, name="session-changes"),
    path(SESSION + "versions.atom", session.session_versions_feed, name="session-versions-feed"),
    path(SESSION + "timetable/", session.session_timetable, name="session-timetable"),
    path("today/", session.today, name="today"),
    path("search/", session.site_search, name="search"),
    path(SESSION + "documents/", documents.session_document_list, name="session-document-list"),
    # The documents register; symbols contain slashes, hence path converters.
    path("documents/", documents.document_index, name="document-index"),
    path("documents/<path:symbol>/text", documents.document_text, name="document-text"),
    path("documents/<path:symbol>", documents.document_detail, name="document-detail"),
    # The secretariat's editor; every URL below checks the editor's rights on the server.
    path("bodies/<slug:body_slug>/sessions/new", items.session_create, name="session-create"),
    path(EDIT, items.session_edit, name="session-edit"),
    path(EDIT + "details", items.session_details, name="session-details"),
    path(EDIT + "next-session", next_session.next_session, name="session-next"),
    path(EDIT + "status", publishing.session_status, name="session-status"),
    path(EDIT + "publish", publishing.publish, name="session-publish"),
    path(EDIT + "preview/", publishing.preview, name="session-preview"),
    path(
        EDIT + "preview/agenda.<str:lang>.pdf",
        publishing.preview_pdf,
        name="session-preview-pdf",
    ),
    path(
        EDIT + "preview/agenda.<str:lang>.docx",
        publishing.preview_docx,
        name="session-preview-docx",
    ),
    path(
        EDIT + "preview/agenda.<str:lang>.html",
        publishing.preview_html,
        name="session-preview-html",
    ),
    # The editor page's panels, loaded after it (agenda/views/editor/panels.py).
    path(EDIT + "pending", panels.pending, name="session-pending"),
    path(
        EDIT + "preview/live.<str:lang>.html",
        panels.live_preview,
        name="session-live-preview",
    ),
    path(EDIT + "history/", items.session_history, name="session-history"),
    path(EDIT + "translations/", translations.session_translations, name="session-translations"),
    path(
        EDIT + "translations/<str:lang>.xlf",
        translations.translation_export,
        name="translation-export",
    ),
    path(EDIT + "items/add", items.item_add, name="item-add"),
    path(EDIT + "paste", items.agenda_paste, name="agenda-paste"),
    path(EDIT + "items/reorder", items.agenda_reorder, name="agenda-reorder"),
    path(EDIT + "items/<pk:item_pk>/", items.item_edit, name="item-edit"),
    path(EDIT + "items/<pk:item_pk>/delete", items.item_delete, name="item-delete"),
    path(EDIT + "items/<pk:item_pk>/move", items.item_move, name="item-move"),
    path(
        EDIT + "items/<pk:item_pk>/footnotes/add",
        items.footnote_add,
        name="footnote-add",
    ),
    path(EDIT + "footnotes/<pk:footnote_pk>/", items.footnote_change, name="footnote-edit"),
    path(
        EDIT + "footnotes/<pk:footnote_pk>/delete",
        items.footnote_change,
        {"delete": True},
        name="footnote-delete",
    ),
    path(ORGANIZATION, organization.organization_edit, name="session-organization"),
    path(ORGANIZATION + "meetings/add", organization.sitting_add, name="sitting-add"),
    path(ORGANIZATION + "assign", organization.assign_many, name="organization-assign"),
    path(ORGANIZATION + "lines", organization.line_action, name="organization-lines"),
    path(ORGANIZATION + "propose", organization.propose, name="organization-propose"),
    path(
        ORGANIZATION + "meetings/<pk:sitting_pk>/",
        organization.sitting_change,
        name="sitting-edit",
    ),
    path(
        ORGANIZATION + "meetings/<pk:sitting_pk>/delete",
        organization.sitting_change,
        {"delete": True},
        name="sitting-delete",
    ),
    path(
        ORGANIZATION + "meetings/<pk:sitting_pk>/assign",
        organization.sitting_assign,
        name="sitting-assign",
    ),
    path(ORGANIZATION + "lines/<pk:line_pk>/move", organization.line_change, name="line-move"),
    path(
        ORGANIZATION + "lines/<pk:line_pk>/remove",
        organization.line_change,
        {"remove": True},
        name="line-remove",
    ),
    path(
        EDIT + "items/<pk:item_pk>/documents/add",
        documentation.document_list_add,
        name="document-list-add",
    ),
    path(
        EDIT + "document-links/<pk:link_pk>/move",
        documentation.document_link_change,
        name="document-link-move",
    ),
    path(
        EDIT + "document-links/<pk:link_pk>/remove",
        documentation.document_link_change,
        {"remove": True},
        name="document-link-remove",
    ),
    path(EDIT + "documents/", documentation.session_documents, name="session-documents"),
    path(
        EDIT + "documents/<pk:document_pk>/",
        documentation.document_edit,
        name="document-edit",
    ),
    path(
        "bodies/<slug:body_slug>/sessions/<number:number>/agenda.<str:lang>.pdf",
        pdf.session_pdf,
        name="session-pdf",
    ),
    path(
        "bodies/<slug:body_slug>/sessions/<number:number>/agenda.<str:lang>.html",
        pdf.session_pdf_preview,
        name="session-pdf-preview",
    ),
    # Every published version's PDF stays at its own address.
    path(
        SESSION + "versions/<int:version>/agenda.<str:lang>.pdf",
        pdf.session_pdf,
        name="version-pdf",
    ),
    path(
        SESSION + "versions/<int:version>/agenda.<str:lang>.html",
        pdf.session_pdf_preview,
        name="version-pdf-preview",
    ),
    # The Word documents, beside the PDFs: the current version's and each version's own.
    path(SESSION + "agenda.<str:lang>.docx", docx.session_docx, name="session-docx"),
    path(
        SESSION + "versions/<int:version>/agenda.<str:lang>.docx",
        docx.session_docx,
        name="version-docx",
    ),
    path(
        "bodies/<slug:body_slug>/calendar.ics",
        calendar.body_calendar,
        name="body-calendar",
    ),
    path(
        "bodies/<slug:body_slug>/sessions/<number:number>/calendar.ics",
        calendar.session_calendar,
        name="session-calendar",
    ),
    path(
        "bodies/<slug:body_slug>/sessions/<number:number>/sittings/<number:sitting>.ics",
        calendar.sitting_calendar,
        name="sitting-calendar",
    ),
]
