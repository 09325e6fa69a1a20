"""The Word version of the seeded WG.3 session, read back with python-docx and as the XML of
its parts: the text element by element against the seed, the footnotes as Word footnotes,
the annex table's cells, heading styles, language, right to left in Arabic, and LibreOffice
opening the Chinese file."""

import io
import os
import shutil
import subprocess
import zipfile

import docx
import pytest
from lxml import etree

from agenda.outputs import richtext
from agenda.outputs.docx import ooxml
from agenda.outputs.docx.render import render_agenda_docx
from agenda.reads.agenda import session_agenda
from agenda.reads.content import published_content
from tests import factories
from tests.agenda.seed_text import seed_elements, squeezed, unconsumed

pytestmark = pytest.mark.django_db
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LANGUAGES = ("zh", "en", "ar")


@pytest.fixture(scope="module")
def rendered():
    return {}


@pytest.fixture
def wg3_docx(rendered, request):
    """{language: (docx bytes, the content it was rendered from)} for the seeded session's
    published version, rendered by the first test that asks and reused by the others."""
    if not rendered:
        session = request.getfixturevalue("wg3")
        content = published_content(factories.publish(session))
        for language in LANGUAGES:
            rendered[language] = (render_agenda_docx(content, language), content)
    return rendered


def opened(data: bytes):
    return docx.Document(io.BytesIO(data))


def part(data: bytes, name: str):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def paragraph_text(p) -> str:
    """A paragraph's text as Word shows it: a footnote reference is its number (the ids are
    given in the order of reference, which is how Word numbers them)."""
    out = []
    for element in p.iter():
        if element.tag == f"{W}t":
            out.append(element.text or "")
        elif element.tag == f"{W}tab":
            out.append("\t")
        elif element.tag == f"{W}br":
            out.append("\n")
        elif element.tag == f"{W}footnoteReference":
            out.append(element.get(f"{W}id"))
    return "".join(out)


def table_rows(tbl) -> list[list[str]]:
    """Each row's cells as in the XML: a cell merged across columns once, a cell merged down
    into the one above it (w:vMerge continued) as ""."""
    return [
        ["\n".join(paragraph_text(p) for p in tc.iter(f"{W}p")) for tc in tr.iter(f"{W}tc")]
        for tr in tbl.iter(f"{W}tr")
    ]


def body_blocks(data: bytes) -> list:
    """The body's paragraphs (text) and tables (rows of cells), in document order."""
    body = part(data, "word/document.xml").find(f"{W}body")
    blocks = []
    for element in body:
        if element.tag == f"{W}p":
            blocks.append(paragraph_text(element))
        elif element.tag == f"{W}tbl":
            blocks.append(table_rows(element))
    return blocks


def footnotes(data: bytes) -> dict[int, str]:
    """The footnotes part: id → text (Word's separators, ids -1 and 0, left out)."""
    notes = part(data, "word/footnotes.xml")
    return {
        int(fn.get(f"{W}id")): "".join(paragraph_text(p) for p in fn.iter(f"{W}p")).strip()
        for fn in notes.iter(f"{W}footnote")
        if int(fn.get(f"{W}id")) > 0
    }


def test_the_chinese_docx_is_the_seed_element_by_element(wg3_docx):
    flow, seed_footnotes, times = seed_elements()
    blocks = body_blocks(wg3_docx["zh"][0])
    # the masthead's first row, which the seed's conversion left out: 联合国 and the symbol
    assert blocks[0] == [["联合国", "CTOC/COP/WG.3/2024/1"]]
    text = []
    for block in blocks[1:]:
        if isinstance(block, str):
            text.append(block)
        else:
            text += [cell for row in block for cell in row]
    # nothing extra, nothing dropped, in the seed's order; the footnotes are in their part
    assert unconsumed(squeezed("".join(text)), [flow, times]) == ""
    notes = footnotes(wg3_docx["zh"][0])
    assert [squeezed(f"{n}{text}") for n, text in sorted(notes.items())] == seed_footnotes


@pytest.mark.parametrize("language", LANGUAGES)
def test_footnotes_are_word_footnotes_referenced_from_their_paragraph(wg3_docx, language):
    data, content = wg3_docx[language]
    package = zipfile.ZipFile(io.BytesIO(data))
    types = part(data, "[Content_Types].xml")
    overrides = {o.get("PartName"): o.get("ContentType") for o in types}
    assert overrides["/word/footnotes.xml"].endswith("wordprocessingml.footnotes+xml")
    relations = etree.fromstring(package.read("word/_rels/document.xml.rels"))
    targets = {r.get("Type").rsplit("/", 1)[1]: r.get("Target") for r in relations}
    assert targets["footnotes"] == "footnotes.xml"
    notes = footnotes(data)
    agenda = session_agenda(content, language)
    expected = {fn.number: fn.text.text for fn in agenda.footnotes}
    assert len(expected) == 7 and notes == expected
    # each reference sits in the paragraph of the annotation that places it, once
    document = part(data, "word/document.xml")
    paragraphs = {}
    for reference in document.iter(f"{W}footnoteReference"):
        paragraph = next(a for a in reference.iterancestors() if a.tag == f"{W}p")
        paragraphs.setdefault(int(reference.get(f"{W}id")), []).append(paragraph)
    assert sorted(paragraphs) == sorted(expected)
    for entry in agenda.flat():
        for footnote in entry.footnotes:
            [paragraph] = paragraphs[footnote.number]
            blocks = richtext.parse_blocks(entry.annotation.text)
            lines = [b.text for b in blocks if isinstance(b, richtext.Paragraph)]
            lines += [
                line for b in blocks if isinstance(b, richtext.BulletList) for line in b.entries
            ]
            [line] = [line for line in lines if f"[^{footnote.label}]" in line]
            numbered = richtext.FOOTNOTE_REF.sub(
                lambda m, e=entry: str(next(f.number for f in e.footnotes if f.label == m[1])),
                line,
            )
            assert paragraph_text(paragraph) == numbered
            style = paragraph.find(f"{W}pPr/{W}pStyle")
            assert style is None or style.get(f"{W}val") == "ListBullet"
    # the footnotes' own marks and styles, as Word writes them
    for footnote in part(data, "word/footnotes.xml").iter(f"{W}footnote"):
        if int(footnote.get(f"{W}id")) > 0:
            assert footnote.find(f".//{W}footnoteRef") is not None
            assert footnote.find(f".//{W}pStyle").get(f"{W}val") == "FootnoteText"


def test_the_annex_is_a_table_with_continued_rows(wg3_docx):
    data, content = wg3_docx["en"]
    agenda = session_agenda(content, "en")
    titles = {entry.number: entry.title.text for entry in agenda.flat()}
    [*_, annex] = [block for block in body_blocks(data) if isinstance(block, list)]
    header, *rows = annex
    assert header == ["Date and time", "Agenda item", "Title or description"]

    def line(slot, number, continued=False):
        return [slot, number, titles[number] + (" (continued)" if continued else "")]

    assert rows == [
        ["Wednesday, 5 June"],
        line("10 a.m.–1 p.m.", "1(a)"),
        line("", "1(b)"),
        line("", "2"),
        line("3–6 p.m.", "2", continued=True),
        line("", "3"),
        ["Thursday, 6 June"],
        line("10 a.m.–1 p.m.", "3", continued=True),
        line("", "4"),
        line("3–6 p.m.", "5"),
    ]
    # merged as Word merges: a day across the three columns, a time slot down its rows
    table = opened(data).tables[-1]
    assert table.rows[1].cells[0] is not None and len(set(table.rows[1].cells)) == 1
    assert table.cell(2, 0).text == table.cell(4, 0).text == "10 a.m.–1 p.m."
    tbl = table._tbl
    first_cells = [tr.findall(f"{W}tc")[0] for tr in tbl.findall(f"{W}tr")]
    merges = [tc.find(f"{W}tcPr/{W}vMerge") for tc in first_cells]
    kinds = [None if m is None else m.get(f"{W}val", "continue") for m in merges]
    wednesday = [None, "restart", "continue", "continue", "restart", "continue"]
    thursday = [None, "restart", "continue", None]
    assert kinds == [None, *wednesday, *thursday]  # the header row first
    assert tbl.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None  # repeated on each page


def test_headings_use_words_heading_styles(wg3_docx):
    data, content = wg3_docx["en"]
    agenda = session_agenda(content, "en")
    by_style = {}
    for paragraph in opened(data).paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Heading 1"] == ["Provisional agenda and annotations"]
    assert by_style["Heading 2"] == [
        "Provisional agenda",
        "Annotations",
        "Annex\nProposed organization of work",
    ]
    tops = [f"{e.number}.\t{e.title.text}" for e in agenda.entries]
    assert by_style["Heading 3"] == tops
    subs = [f"{s.label}\t{s.title.text}" for e in agenda.entries for s in e.children]
    documented = [e for e in agenda.entries if e.documents]
    assert sorted(by_style["Heading 4"]) == sorted(subs + ["Documentation"] * len(documented))
    # the Documentation list under its heading: the document's line, symbol and title
    texts = [p.text for p in opened(data).paragraphs]
    first = documented[0]
    at = texts.index(tops[agenda.entries.index(first)])
    heading = texts.index("Documentation", at)
    symbol = first.documents[0].symbol
    assert symbol in texts[heading + 1] and first.documents[0].title["en"] in texts[heading + 1]


@pytest.mark.parametrize(
    ("language", "tag", "east_asian", "font"),
    [("zh", "zh-CN", "zh-CN", "SimSun"), ("en", "en-GB", "en-GB", "Times New Roman")],
)
def test_the_document_language_and_east_asian_font(wg3_docx, language, tag, east_asian, font):
    data, _ = wg3_docx[language]
    styles = part(data, "word/styles.xml")
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    lang = defaults.find(f"{W}lang")
    assert (lang.get(f"{W}val"), lang.get(f"{W}eastAsia")) == (tag, east_asian)
    assert defaults.find(f"{W}rFonts").get(f"{W}eastAsia") == font
    assert opened(data).core_properties.language == tag
    assert opened(data).core_properties.title == (
        "CTOC/COP/WG.3/2024/1: "
        + ("临时议程说明" if language == "zh" else "Provisional agenda and annotations")
    )


def test_the_arabic_document_runs_right_to_left(wg3_docx):
    data, _ = wg3_docx["ar"]
    document = part(data, "word/document.xml")
    body = document.find(f"{W}body")
    assert body.find(f"{W}sectPr/{W}bidi") is not None
    lang = part(data, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "ar-SA"
    for table in body.iter(f"{W}tbl"):
        assert table.find(f"{W}tblPr/{W}bidiVisual") is not None
    arabic = [p for p in body.iter(f"{W}p") if richtext_is_arabic(paragraph_text(p))]
    assert len(arabic) > 10
    for paragraph in arabic:
        # right to left, and so starting at the right margin: Word reads w:jc left/right as
        # start/end in a bidi paragraph, so a "right" there would put it on the left
        assert paragraph.find(f"{W}pPr/{W}bidi") is not None, paragraph_text(paragraph)
        jc = paragraph.find(f"{W}pPr/{W}jc")
        assert jc is None or jc.get(f"{W}val") != "right"
        for run in paragraph.iter(f"{W}r"):
            if richtext_is_arabic("".join(t.text or "" for t in run.iter(f"{W}t"))):
                assert run.find(f"{W}rPr/{W}rtl") is not None
    # a passage not yet translated keeps its own language and direction (left to right)
    english = [
        p
        for p in body.iter(f"{W}p")
        if p.find(f"{W}r/{W}rPr/{W}lang") is not None
        and p.find(f"{W}r/{W}rPr/{W}lang").get(f"{W}val") == "en-GB"
        and p.find(f"{W}pPr/{W}pStyle") is None
    ]
    assert any("Working Group" in paragraph_text(p) for p in english)
    assert any(p.find(f"{W}pPr/{W}bidi") is None for p in english)
    # the first page's foot says that some text is shown in the original language
    first_footer = opened(data).sections[0].first_page_footer
    assert any(p.text.startswith("* ") for p in first_footer.paragraphs)


def richtext_is_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def test_the_same_version_gives_the_same_bytes(wg3_docx):
    data, content = wg3_docx["zh"]
    assert render_agenda_docx(content, "zh") == data
    assert wg3_docx["en"][0] != data
    for member in zipfile.ZipFile(io.BytesIO(data)).infolist():
        assert member.date_time == (1980, 1, 1, 0, 0, 0)


@pytest.fixture
def libreoffice():
    binary = shutil.which("libreoffice") or shutil.which("soffice")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("libreoffice is missing (deps/apt-packages.txt: libreoffice-writer-nogui)")
        pytest.skip("libreoffice is not installed (deps/apt-packages.txt)")
    return binary


def test_libreoffice_opens_the_chinese_docx(wg3_docx, libreoffice, tmp_path):
    data, content = wg3_docx["zh"]
    source = tmp_path / "wg3-zh.docx"
    source.write_bytes(data)
    subprocess.run(
        [
            libreoffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "wg3-zh.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    flat = squeezed(text)
    agenda = session_agenda(content, "zh")
    for expected in [
        "临时议程说明",
        "拟议工作安排",
        "（续）",
        *(e.title.text for e in agenda.flat()),
    ]:
        assert squeezed(expected) in flat
    for footnote in agenda.footnotes:  # at the foot of their pages
        assert squeezed(footnote.text.text) in flat


@pytest.mark.parametrize("language", LANGUAGES)
def test_properties_are_in_the_schemas_order(wg3_docx, language):
    """Word refuses as damaged a file whose run, paragraph or section properties are out of
    the schema's sequence (LibreOffice, more lenient, would not tell)."""
    data, _ = wg3_docx[language]
    ranks = {
        f"{W}{parent.removeprefix('w:')}": [f"{W}{name}" for name in names.split()]
        for parent, names in ooxml.ORDER.items()
        if parent != "w:settings"
    }
    checked = 0
    for name in ("word/document.xml", "word/footnotes.xml", "word/styles.xml"):
        for element in part(data, name).iter(*ranks):
            order = ranks[element.tag]
            children = [c.tag for c in element if c.tag in order]
            assert children == sorted(children, key=order.index), (name, element.tag, children)
            assert len(children) == len(element), (name, [c.tag for c in element])
            checked += 1
    assert checked > 100
