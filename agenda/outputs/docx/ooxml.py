"""The WordprocessingML that python-docx has no API for, written with its XML and OPC layers:
footnotes (a ``word/footnotes.xml`` part and ``w:footnoteReference`` runs), a document's
language (``w:lang``), right-to-left paragraphs, runs and tables (``w:bidi``, ``w:rtl``,
``w:bidiVisual``), fields (page number) and a package whose bytes depend only on its parts.
"""

import io
import re
import zipfile

from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

# Characters of right-to-left scripts: a run holding one is marked w:rtl in an RTL document.
RTL_TEXT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")

# Word's own ids: -1 and 0 are the separator lines above the footnotes of a page.
SEPARATORS = f"""
<w:footnotes {nsdecls("w")}>
  <w:footnote w:type="separator" w:id="-1">
    <w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
    <w:r><w:separator/></w:r></w:p>
  </w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0">
    <w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
    <w:r><w:continuationSeparator/></w:r></w:p>
  </w:footnote>
</w:footnotes>
"""


# The order the schema gives the children of run, paragraph and section properties (Word
# refuses a file whose elements are out of it as damaged; LibreOffice reads it anyway).
ORDER = {
    "w:rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
    "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
    "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish "
    "oMath",
    "w:pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "w:sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar "
    "paperSrc pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg "
    "textDirection bidi rtlGutter docGrid printerSettings sectPrChange",
    "w:tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
    "tcFitText vAlign hideMark",
    # of the settings, only the neighbours of footnotePr (what may follow it)
    "w:settings": "footnotePr endnotePr compat docVars rsids mathPr attachedSchema "
    "themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats doNotAutoCompressPictures "
    "forceUpgrade captions readModeInkLockDown smartTagType schemaLibrary shapeDefaults "
    "doNotEmbedSmartTags decimalSymbol listSeparator",
}
_RANKS = {
    qn(parent): {qn(f"w:{name}"): n for n, name in enumerate(names.split())}
    for parent, names in ORDER.items()
}


def insert_in_order(parent, element) -> None:
    """Put ``element`` among ``parent``'s children where the schema's sequence has it."""
    ranks = _RANKS.get(parent.tag, {})
    rank = ranks.get(element.tag)
    if rank is not None:
        for other in parent:
            if ranks.get(other.tag, -1) > rank:
                other.addprevious(element)
                return
    parent.append(element)


def child(parent, tag: str, **attributes):
    """``parent``'s first ``tag`` child (created in its place if missing) with
    ``attributes`` (names without the ``w:`` prefix) set."""
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        insert_in_order(parent, element)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def set_language(rpr, tag: str, *, east_asian: str = "", bidi: str = "") -> None:
    """``w:lang`` of a run (or a style's run properties): the language of its Latin text,
    and of its East Asian and complex-script (Arabic) text where given."""
    attributes = {"val": tag}
    if east_asian:
        attributes["eastAsia"] = east_asian
    if bidi:
        attributes["bidi"] = bidi
    child(rpr, "w:lang", **attributes)


def right_to_left_run(run) -> None:
    rpr = run._r.get_or_add_rPr()
    child(rpr, "w:rtl")


def right_to_left_paragraph(paragraph) -> None:
    """``w:bidi``: the paragraph runs right to left. Its alignment is then read from the right
    (Word takes ``w:jc`` left/right as start/end in such a paragraph), so none is written: a
    bidi paragraph starts at the right margin."""
    child(paragraph._p.get_or_add_pPr(), "w:bidi")


def right_to_left_table(table) -> None:
    """``w:bidiVisual``: the first column is on the right."""
    tblpr = table._tbl.tblPr
    element = OxmlElement("w:bidiVisual")
    style = tblpr.find(qn("w:tblStyle"))
    if style is not None:
        style.addnext(element)
    else:
        tblpr.insert(0, element)


def rule_below(cell, eighths_of_a_point: int = 12) -> None:
    """A line under the cell (the rule under a UN document's first masthead line)."""
    borders = child(cell._tc.get_or_add_tcPr(), "w:tcBorders")
    child(borders, "w:bottom", val="single", sz=str(eighths_of_a_point), space="0", color="000000")


def repeat_as_header(row) -> None:
    """The row is repeated at the top of each page the table runs onto."""
    child(row._tr.get_or_add_trPr(), "w:tblHeader")


def page_number_field(paragraph) -> None:
    """A PAGE field: Word and LibreOffice put the page's number there."""
    field = parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    )
    paragraph._p.append(field)


class Footnotes:
    """The document's footnotes part: ``add`` writes one footnote and returns its id, which
    ``reference`` puts into a paragraph of the text (the number Word shows is the footnote's
    place in the document, so the ids are given in the order of reference)."""

    def __init__(self, document):
        package = document.part.package
        element = parse_xml(SEPARATORS)
        self.part = XmlPart(
            PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, element, package
        )
        document.part.relate_to(self.part, RELATIONSHIP_TYPE.FOOTNOTES)
        self.element = element
        self.count = 0
        # settings: where the separators are (as Word writes it)
        settings = document.settings.element
        footnote_pr = parse_xml(
            f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/>'
            "</w:footnotePr>"
        )
        insert_in_order(settings, footnote_pr)

    def add(self) -> tuple[int, object]:
        """A new footnote: (its id, its paragraph's element), the paragraph styled as footnote
        text and starting with the footnote's own mark; the caller adds the text's runs."""
        self.count += 1
        footnote = parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{self.count}"><w:p><w:pPr>'
            '<w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr>'
            '<w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
            '<w:r><w:t xml:space="preserve"> </w:t></w:r></w:p></w:footnote>'
        )
        self.element.append(footnote)
        return self.count, footnote[0]


def footnote_reference(paragraph, footnote_id: int):
    """The footnote's mark in the text: a run with ``w:footnoteReference``."""
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{footnote_id}"/>'))
    child(run._r.get_or_add_rPr(), "w:rStyle", val="FootnoteReference")
    return run


FOOTNOTE_STYLES = f"""
<w:styles {nsdecls("w")}>
  <w:style w:type="paragraph" w:styleId="FootnoteText">
    <w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>
    <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
    <w:rPr><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr>
  </w:style>
  <w:style w:type="character" w:styleId="FootnoteReference">
    <w:name w:val="footnote reference"/><w:uiPriority w:val="99"/>
    <w:rPr><w:vertAlign w:val="superscript"/></w:rPr>
  </w:style>
</w:styles>
"""


def add_footnote_styles(styles) -> None:
    """python-docx's default template has no footnote styles: Word's two built-in ones."""
    for style in parse_xml(FOOTNOTE_STYLES):
        styles.element.append(style)


def stable_package(data: bytes) -> bytes:
    """The same package with every member dated 1980-01-01: python-docx stamps the time of
    saving, and a version's document must be the same bytes however often it is built."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
