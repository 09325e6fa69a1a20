"""The provisional agenda and annotations as a PDF laid out like a UN document.

Three pure steps, kept apart so that the benchmark can time WeasyPrint alone on the same string:

- ``render_agenda_html(content, language)``: the final HTML of a session's content (a
  published version, or a working copy for the editor's preview), print stylesheet
  inlined (also served as the print preview);
- ``html_to_pdf(html)``: WeasyPrint, a tagged PDF/UA-1 file, nothing fetched from anywhere;
- ``render_agenda_pdf(content, language)``: both.
"""

import base64
import functools

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from agenda.outputs import richtext
from agenda.outputs.document_terms import documentation_parts
from agenda.outputs.linking import documentation_html, official_language, register_path
from agenda.outputs.masthead import masthead
from agenda.outputs.pdf import tags
from agenda.outputs.versioning import code_version
from agenda.reads.agenda import AgendaEntry, session_agenda
from agenda.reads.content import SessionContent
from meetings.dates import place_and_dates
from meetings.models import Session
from meetings.translations import Localized

# Part of every cache key and ETag of a rendered PDF: a digest of everything that decides
# what a PDF looks like, so that a deployment never serves PDFs of the previous layout.
LAYOUT_VERSION = code_version(
    "agenda/outputs/pdf/render.py",
    "agenda/tags.py",
    "agenda/outputs/richtext.py",
    "agenda/published.py",
    "agenda/outputs/linking.py",
    "agenda/rules/references.py",
    "agenda/outputs/document_terms.py",
    "agenda/outputs/masthead.py",
    "locale/*/LC_MESSAGES/django.po",  # the documents' wording (context "document")
    "meetings/dates.py",
    "templates/agenda/pdf/*.html",
    "templates/agenda/includes/*.html",
    "static/css/agenda-print.css",
    "static/img/un-emblem.svg",
)

PRINT_CSS = settings.BASE_DIR / "static" / "css" / "agenda-print.css"
EMBLEM = settings.BASE_DIR / "static" / "img" / "un-emblem.svg"
RTL_LANGUAGES = {"ar"}


@functools.cache
def _emblem_data_url() -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(EMBLEM.read_bytes()).decode()


def pdf_filename(session: Session, language: str) -> str:
    """CTOC-COP-WG.3-2024-1-zh.pdf (the symbol, with its slashes made file-name safe)."""
    stem = session.agenda_symbol.replace("/", "-") or f"{session.body.slug}-{session.number}"
    return f"{stem}-{language}.pdf"


def _fallback_attrs(text: Localized) -> str:
    if not text.is_fallback:
        return ""
    direction = "rtl" if text.language in RTL_LANGUAGES else "ltr"
    return f' lang="{text.language}" dir="{direction}" data-fallback="1"'


def printed_annotation(entry: AgendaEntry, language: str) -> str:
    """The annotation with each footnote put where it is referenced (CSS floats it to the foot
    of that page); footnotes the text never references follow it."""
    by_number = {fn.number: fn for fn in entry.footnotes}

    def footnote(number: int) -> str:
        text = by_number[number].text
        css = "footnote fallback" if text.is_fallback else "footnote"
        return f'<span class="{css}"{_fallback_attrs(text)}>{by_number[number].html}</span>'

    numbers = {fn.label: fn.number for fn in entry.footnotes}
    html = richtext.render_html(entry.annotation.text, numbers, footnote, language)
    referenced = set(richtext.footnote_labels(entry.annotation.text))
    unreferenced = [footnote(fn.number) for fn in entry.footnotes if fn.label not in referenced]
    if unreferenced:
        html += f'<p class="unreferenced">{"".join(unreferenced)}</p>'
    return mark_safe(html)


def documentation_pdf_html(document, language: str) -> str:
    """A Documentation entry as the PDF prints it: the description links to the document's
    page in the register (at SITE_URL), the symbol to its official text."""
    return documentation_html(
        documentation_parts(document, language),
        language=official_language(document, language),
        register_href=settings.SITE_URL + register_path(document.symbol),
        link_symbols=True,
    )


def agenda_document_context(content: SessionContent, language: str) -> dict:
    session = content.session
    agenda = session_agenda(content, language)
    head = masthead(content, language)

    sections, texts = [], head.texts
    for top in agenda.entries:
        for entry in (top, *top.children):
            documents = [
                (documentation_pdf_html(doc, language), doc.localized_title(language))
                for doc in entry.documents
            ]
            sections.append(
                {
                    "entry": entry,
                    "is_sub": entry is not top,
                    "annotation": printed_annotation(entry, language),
                    "documents": documents,
                    # "。" after the last of several entries in Chinese (document_terms)
                    "documents_close": agenda.terms["documentation_close"]
                    if len(documents) > 1
                    else "",
                }
            )
            texts += [entry.title, entry.annotation, *(fn.text for fn in entry.footnotes)]
            texts += [doc_title for _, doc_title in documents]

    return {
        "agenda": agenda,
        "session": session,
        "lang": language,
        "direction": "rtl" if language in RTL_LANGUAGES else "ltr",
        "terms": agenda.terms,
        "title": head.title,
        "job_number": head.job_number,
        "symbol": head.symbol,
        "masthead_name": head.organ,
        "body_names": head.body_names,
        "session_title": head.session_title,
        # The city may fall back to another language and script: marked, its direction isolated.
        "place_and_dates": mark_safe(
            place_and_dates(
                render_to_string("agenda/includes/localized_text.html", {"text": head.city}),
                session.start_date,
                session.end_date,
                language,
            )
        ),
        "issue_date": head.issue_date,
        # The distribution block stays in English in the Chinese, Arabic and Russian versions.
        "language_name": head.language_name,
        "original_name": head.original_name,
        "sections": sections,
        "has_fallback": any(text.is_fallback for text in texts),
        "emblem": _emblem_data_url(),
        "print_css": mark_safe(PRINT_CSS.read_text(encoding="utf-8")),
    }


def render_agenda_html(content: SessionContent, language: str, csp_nonce: str = "") -> str:
    """The document as HTML; the print preview passes its request's CSP nonce for the
    inline stylesheet (WeasyPrint needs none)."""
    context = agenda_document_context(content, language) | {"csp_nonce": csp_nonce}
    return render_to_string("agenda/pdf/agenda.html", context)


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint on the final HTML: a tagged PDF/UA-1 with the document's title and language;
    fonts come from the system (Debian packages) and are embedded as subsets. The fetcher
    refuses anything but data: URLs, so a render never reaches the network or the disk.
    Passages in another language carry their own /Lang in the tag tree (agenda.outputs.pdf.tags)."""
    tags.install()
    document = HTML(
        string=html,
        base_url=str(settings.BASE_DIR),
        url_fetcher=URLFetcher(allowed_protocols={"data"}, fail_on_errors=True),
    )
    return document.write_pdf(pdf_variant="pdf/ua-1")


def render_agenda_pdf(content: SessionContent, language: str) -> bytes:
    return html_to_pdf(render_agenda_html(content, language))
