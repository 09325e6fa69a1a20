"""The provisional agenda and annotations as a Word document (.docx): secretariats send their
documents for processing as Word files.

``render_agenda_docx(content, language) -> bytes`` reads the same content as the PDF
(agenda.reads.content, through agenda.reads.agenda and agenda.outputs.masthead) and has the
same structure: the masthead (United Nations, the symbol, the body, the distribution block),
the bodies and the place and dates, the title, the agenda list, the annotations of each item
with their footnotes as Word footnotes and their Documentation lists, and the annex (the
proposed organization of work) as a table with its "(continued)" rows. Headings are Word's
heading styles, the language is set on the styles and on passages in another language, an
Arabic document runs right to left and a Chinese one names an East Asian font. No query, no
file read: a function of the content, the same bytes each time.
"""

import datetime as dt
import io

import docx
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from agenda.outputs import richtext
from agenda.outputs.document_terms import document_terms, documentation_line
from agenda.outputs.docx import ooxml
from agenda.outputs.masthead import Masthead, masthead
from agenda.outputs.versioning import code_version
from agenda.reads.agenda import AgendaEntry, session_agenda
from agenda.reads.content import SessionContent
from agenda.rules.numbering import number_in
from meetings.dates import day_heading, place_and_dates, time_slot
from meetings.models import Session
from meetings.translations import Localized

# Part of every cache key and ETag of a rendered .docx (see agenda/outputs/versioning.py).
DOCX_VERSION = code_version(
    "agenda/outputs/docx/*.py",
    "agenda/outputs/masthead.py",
    "agenda/outputs/richtext.py",
    "agenda/outputs/document_terms.py",
    "agenda/published.py",
    "agenda/reads/agenda.py",
    "agenda/reads/organization.py",
    "agenda/rules/numbering.py",
    "locale/*/LC_MESSAGES/django.po",  # the documents' wording (context "document")
    "meetings/dates.py",
)

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The language tags Word uses for the six versions (UN English and French are British and
# French usage, Chinese is simplified).
WORD_LANGUAGES = {
    "ar": "ar-SA",
    "zh": "zh-CN",
    "en": "en-GB",
    "fr": "fr-FR",
    "ru": "ru-RU",
    "es": "es-ES",
}
LATIN_FONT = "Times New Roman"
EAST_ASIAN_FONT = "SimSun"  # 宋体, the font of UN documents in Chinese
RTL_LANGUAGES = {"ar"}
BLACK = RGBColor(0, 0, 0)
# Size and space of each heading level: 1 the title, 2 the parts, 3 an item, 4 a sub-item or
# an item's Documentation, 5 a sub-item's Documentation.
HEADINGS = {1: (14, 12), 2: (12, 12), 3: (10, 6), 4: (10, 6), 5: (10, 4)}
HANGING = Cm(1.25)  # the numbers of the agenda and of the headings hang in this indent


def docx_filename(session: Session, language: str) -> str:
    """CTOC-COP-WG.3-2024-1-zh.docx, as the PDF's name."""
    stem = session.agenda_symbol.replace("/", "-") or f"{session.body.slug}-{session.number}"
    return f"{stem}-{language}.docx"


def render_agenda_docx(content: SessionContent, language: str) -> bytes:
    agenda = session_agenda(content, language)
    head = masthead(content, language)
    writer = _Writer(language)
    writer.properties(head, content)
    writer.page_furniture(head, has_fallback=_has_fallback(head, agenda))
    writer.masthead(head, content.session)
    writer.heading(head.title, 1)
    writer.agenda_list(agenda)
    writer.annotations(agenda)
    if agenda.organization:
        writer.annex(agenda)
    out = io.BytesIO()
    writer.document.save(out)
    return ooxml.stable_package(out.getvalue())


def _has_fallback(head: Masthead, agenda) -> bool:
    texts = list(head.texts)
    for entry in agenda.flat():
        texts += [entry.title, entry.annotation, *(fn.text for fn in entry.footnotes)]
        texts += [doc.localized_title(agenda.language) for doc in entry.documents]
    return any(text.is_fallback for text in texts)


def _language(text: Localized) -> str:
    """The language of a text shown in another language than the document's, else ""."""
    return text.language if text.is_fallback else ""


class _Writer:
    """One document being written in one language."""

    def __init__(self, language: str):
        self.language = language
        self.rtl = language in RTL_LANGUAGES
        self.document = docx.Document()
        self._styles()
        self.footnotes = ooxml.Footnotes(self.document)

    # --- the package: styles, properties, page ----------------------------------------------

    def _styles(self) -> None:
        styles = self.document.styles
        ooxml.add_footnote_styles(styles)
        # the document's language and fonts, for every style (docDefaults)
        defaults = styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        ooxml.child(
            rpr,
            "w:rFonts",
            ascii=LATIN_FONT,
            hAnsi=LATIN_FONT,
            cs=LATIN_FONT,
            eastAsia=EAST_ASIAN_FONT if self.language == "zh" else LATIN_FONT,
        )
        for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            rpr.find(qn("w:rFonts")).attrib.pop(qn(f"w:{attribute}"), None)
        ooxml.child(rpr, "w:sz", val="20")
        ooxml.child(rpr, "w:szCs", val="20")
        tag = WORD_LANGUAGES[self.language]
        ooxml.set_language(
            rpr,
            tag,
            east_asian="zh-CN" if self.language == "zh" else tag,
            bidi="ar-SA",
        )
        ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
        ooxml.child(ppr, "w:spacing", after="120", line="240", lineRule="auto")
        for level, (size, space) in HEADINGS.items():
            style = styles[f"Heading {level}"]
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.italic = False
            style.font.color.rgb = BLACK
            style.font.name = LATIN_FONT
            fonts = style.element.get_or_add_rPr().find(qn("w:rFonts"))
            for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
                fonts.attrib.pop(qn(f"w:{attribute}"), None)
            fonts.set(qn("w:cs"), LATIN_FONT)
            fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT if self.language == "zh" else LATIN_FONT)
            ooxml.child(style.element.get_or_add_rPr(), "w:bCs")
            style.paragraph_format.space_before = Pt(space)
            style.paragraph_format.space_after = Pt(6)
            style.paragraph_format.keep_with_next = True

    def properties(self, head: Masthead, content: SessionContent) -> None:
        """The file's own metadata: title, author, language, dates (the version's)."""
        core = self.document.core_properties
        core.title = f"{head.symbol}: {head.title}" if head.symbol else head.title
        core.subject = head.session_title.text
        core.author = head.united_nations
        core.comments = ""
        core.language = WORD_LANGUAGES[self.language]
        core.last_modified_by = ""
        core.revision = content.version.number if content.version else 1
        when = content.published_at or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
        core.created = core.modified = when.astimezone(dt.UTC).replace(tzinfo=None)

    def page_furniture(self, head: Masthead, has_fallback: bool) -> None:
        """A4 with the margins of UN documents; page 1 has at its foot the job number (and
        the note on untranslated text), later pages the symbol at the head and their number."""
        section = self.document.sections[0]
        section.start_type = WD_SECTION_START.NEW_PAGE
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.5)
        section.different_first_page_header_footer = True
        if self.rtl:
            ooxml.child(section._sectPr, "w:bidi")
        header = section.header.paragraphs[0]
        self._run(header, head.symbol, language="en")
        self._paragraph_direction(header)
        footer = section.footer.paragraphs[0]
        ooxml.page_number_field(footer)
        self._paragraph_direction(footer)
        first = section.first_page_footer.paragraphs[0]
        lines = []
        if has_fallback:
            lines.append(f"* {self._terms['fallback_note']}")
        if head.job_number:
            lines.append(head.job_number)
        for n, line in enumerate(lines):
            paragraph = first if n == 0 else section.first_page_footer.add_paragraph()
            self._run(paragraph, line)
            self._paragraph_direction(paragraph)

    @property
    def _terms(self) -> dict:
        return document_terms(self.language)

    # --- paragraphs and runs -------------------------------------------------------------

    def _paragraph_direction(self, paragraph, language: str = "") -> None:
        """Right to left in an Arabic document, unless the whole paragraph is in another
        language (a text not yet translated, shown in its original: left to right, as the
        PDF's ``dir="ltr"`` blocks)."""
        if self.rtl and (not language or language in RTL_LANGUAGES):
            ooxml.right_to_left_paragraph(paragraph)

    def paragraph(self, style: str | None = None, container=None, language: str = ""):
        paragraph = (container or self.document).add_paragraph(style=style)
        self._paragraph_direction(paragraph, language)
        return paragraph

    def _run(self, paragraph, text: str, *, language: str = ""):
        """A run of ``text``; ``language`` when it is not the document's (a text shown in its
        original language, an English symbol)."""
        run = paragraph.add_run(text)
        if language and language != self.language:
            rpr = run._r.get_or_add_rPr()
            tag = WORD_LANGUAGES.get(language, language)
            ooxml.set_language(rpr, tag, east_asian=tag, bidi=tag)
        if ooxml.RTL_TEXT.search(text):
            ooxml.right_to_left_run(run)
        return run

    def _localized(self, paragraph, text: Localized):
        return self._run(paragraph, text.text, language=_language(text))

    def heading(self, text: str, level: int, container=None):
        paragraph = self.paragraph(f"Heading {level}", container)
        if text:
            self._run(paragraph, text)
        return paragraph

    def _numbered(self, paragraph, number: str, indent=0):
        """A paragraph whose number hangs in the indent, the text after a tab."""
        paragraph.paragraph_format.left_indent = HANGING * (indent + 1)
        paragraph.paragraph_format.first_line_indent = -HANGING
        paragraph.paragraph_format.tab_stops.add_tab_stop(HANGING * (indent + 1))
        self._run(paragraph, f"{number}\t")

    # --- the document --------------------------------------------------------------------

    def masthead(self, head: Masthead, session: Session) -> None:
        """Two borderless tables as the PDF's: "United Nations" and the symbol; the body's
        name and the distribution block (in English in every version). Then the bodies and
        the place and dates."""
        top = self._table(1, 2)
        self._run(top.cell(0, 0).paragraphs[0], head.united_nations)
        self._paragraph_direction(top.cell(0, 0).paragraphs[0])
        # the symbol is left to right, at the page's outer edge (the left one in Arabic)
        symbol = top.cell(0, 1).paragraphs[0]
        symbol.alignment = WD_ALIGN_PARAGRAPH.LEFT if self.rtl else WD_ALIGN_PARAGRAPH.RIGHT
        self._run(symbol, head.symbol, language="en").font.size = Pt(14)
        for cell in top.rows[0].cells:
            ooxml.rule_below(cell)
        body = self._table(1, 2)
        organ = body.cell(0, 0).paragraphs[0]
        self._paragraph_direction(organ)
        self._localized(organ, head.organ).font.bold = True
        cell = body.cell(0, 1)
        lines = [head.distribution, head.issue_date, head.language_name]
        lines += [f"{self._terms['original']}: {head.original_name}"]
        first = True
        for line in lines:
            if not line:
                continue
            paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(0)
            self._run(paragraph, line, language="en")
            first = False
        for name in head.body_names:
            paragraph = self.paragraph()
            self._localized(paragraph, name).font.bold = True
        city = head.city.text
        place = place_and_dates(city, session.start_date, session.end_date, self.language)
        if place:
            paragraph = self.paragraph()
            self._run(paragraph, place)

    def _table(self, rows: int, columns: int, style: str | None = None):
        table = self.document.add_table(rows=rows, cols=columns)
        if style:
            table.style = self.document.styles[style]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        if self.rtl:
            ooxml.right_to_left_table(table)
        return table

    def _direction_of_cells(self, table) -> None:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    self._paragraph_direction(paragraph)

    def agenda_list(self, agenda) -> None:
        terms = agenda.terms
        self.heading(terms["agenda"], 2)
        for top in agenda.entries:
            paragraph = self.paragraph()
            self._numbered(paragraph, number_in(top.number, self.language) + terms["number_suffix"])
            self._localized(paragraph, top.title)
            self._run(paragraph, terms["colon"] if top.children else terms["period"])
            for n, sub in enumerate(top.children, start=1):
                paragraph = self.paragraph()
                self._numbered(paragraph, number_in(sub.label, self.language), indent=1)
                self._localized(paragraph, sub.title)
                last = n == len(top.children)
                self._run(paragraph, terms["period"] if last else terms["semicolon"])

    def annotations(self, agenda) -> None:
        terms = agenda.terms
        self.heading(terms["annotations"], 2)
        for top in agenda.entries:
            for entry in (top, *top.children):
                self._annotation(entry, terms, is_sub=entry is not top)

    def _annotation(self, entry: AgendaEntry, terms: dict, *, is_sub: bool) -> None:
        heading = self.paragraph(f"Heading {4 if is_sub else 3}")
        number = entry.label if is_sub else entry.number
        suffix = "" if is_sub else terms["number_suffix"]
        self._numbered(heading, number_in(number, self.language) + suffix, indent=int(is_sub))
        self._localized(heading, entry.title)
        self._annotation_text(entry)
        if entry.documents:
            self.heading(terms["documentation"], 5 if is_sub else 4)
            for n, document in enumerate(entry.documents, start=1):
                title = document.localized_title(self.language)
                paragraph = self.paragraph(language=_language(title))
                line = documentation_line(document, self.language)
                if n == len(entry.documents) > 1:
                    line += terms["documentation_close"]
                self._run(paragraph, line, language=_language(title))

    def _annotation_text(self, entry: AgendaEntry) -> None:
        """The annotation's paragraphs and lists, each footnote a Word footnote at the place
        of its reference; footnotes the text never references follow it, as in the PDF."""
        annotation = entry.annotation
        language = _language(annotation)
        by_label = {fn.label: fn for fn in entry.footnotes}
        for block in richtext.parse_blocks(annotation.text):
            if isinstance(block, richtext.Paragraph):
                paragraph = self.paragraph(language=language)
                self._inline(paragraph, block.text, by_label, language)
            else:
                for line in block.entries:
                    paragraph = self.paragraph("List Bullet", language=language)
                    self._inline(paragraph, line, by_label, language)
        referenced = set(richtext.footnote_labels(annotation.text))
        unreferenced = [fn for fn in entry.footnotes if fn.label not in referenced]
        if unreferenced:
            paragraph = self.paragraph()
            for footnote in unreferenced:
                self._footnote(paragraph, footnote)

    def _inline(self, paragraph, text: str, by_label: dict, language: str) -> None:
        last = 0
        for match in richtext.FOOTNOTE_REF.finditer(text):
            if match.start() > last:
                self._run(paragraph, text[last : match.start()], language=language)
            footnote = by_label.get(match.group(1))
            if footnote is not None:
                self._footnote(paragraph, footnote)
            last = match.end()
        if last < len(text):
            self._run(paragraph, text[last:], language=language)

    def _footnote(self, paragraph, footnote) -> None:
        footnote_id, element = self.footnotes.add()
        note = Paragraph(element, self.footnotes.part)
        self._paragraph_direction(note, _language(footnote.text))
        self._localized(note, footnote.text)
        ooxml.footnote_reference(paragraph, footnote_id)

    def annex(self, agenda) -> None:
        """ "Annex" and its title, on a new page, then the organization of work as a table:
        a row per day (its date across the three columns), a row per item taken up, the
        meeting's time slot in the first column of its rows (merged)."""
        terms = agenda.terms
        heading = self.heading(terms["annex"], 2)
        heading.paragraph_format.page_break_before = True
        heading.runs[0].add_break(WD_BREAK.LINE)
        self._run(heading, terms["organization"])
        table = self._table(1, 3, style="Table Grid")
        widths = (Cm(4.2), Cm(2.3), Cm(10))
        header = table.rows[0]
        ooxml.repeat_as_header(header)
        headings = (terms["date_time"], terms["item"], terms["item_title"])
        for cell, text in zip(header.cells, headings, strict=True):
            self._run(cell.paragraphs[0], text).font.bold = True
        for date, rows in agenda.organization:
            day = table.add_row()
            merged = day.cells[0].merge(day.cells[2])
            self._run(merged.paragraphs[0], day_heading(date, self.language)).font.bold = True
            for row in rows:
                if row.sitting.cancelled or not row.entries:
                    continue
                first = None
                for line in row.entries:
                    cells = table.add_row().cells
                    if first is None:
                        first = cells[0]
                        sitting = row.sitting
                        slot = time_slot(sitting.start_time, sitting.end_time, self.language)
                        self._run(first.paragraphs[0], slot)
                        for heading, value in row.facts:  # those the declaration shows
                            fact = f"{heading}{terms['label_separator']}{value}"
                            self._run(first.add_paragraph(), fact)
                    else:
                        first = first.merge(cells[0])
                    self._run(cells[1].paragraphs[0], number_in(line.item.number, self.language))
                    title = cells[2].paragraphs[0]
                    self._localized(title, line.item.localized_title)
                    if line.continued:
                        self._run(title, terms["continued"])
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
        self._direction_of_cells(table)
