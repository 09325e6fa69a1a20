"""The PDF of the seeded WG.3 session, read back with poppler (pdftotext, pdffonts, pdfinfo).

Each language is rendered once per module (renders take about a second); page images go to
test-artifacts/pdf/ for a person to look at."""

import itertools
import re
import subprocess
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from agenda.outputs.pdf.render import render_agenda_html, render_agenda_pdf
from meetings.models import Session
from tests import factories
from tests.agenda.seed_text import seed_elements, squeezed, unconsumed
from tests.images import differs, ink
from tests.parsed import find, find_all

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "pdf"
# pytest-django creates the test database only for modules that declare they use it.
pytestmark = pytest.mark.django_db
BIDI_MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f"))


@pytest.fixture(scope="module")
def rendered():
    return {}


@pytest.fixture
def wg3_pdfs(rendered, request, tmp_path_factory):
    """{language: (pdf path, html)} for the seeded session, rendered by the first test that
    asks (inside its rolled-back transaction) and reused by the others, which need no database."""
    if not rendered:
        request.getfixturevalue("seeded")
        folder = tmp_path_factory.mktemp("pdf")
        session = Session.objects.with_body().get(body__slug="ctoc-cop-wg3", number=15)
        for language in ("en", "zh", "ar"):
            path = folder / f"wg3-{language}.pdf"
            path.write_bytes(render_agenda_pdf(factories.content(session), language))
            rendered[language] = (path, render_agenda_html(factories.content(session), language))
    return rendered


def run(*command) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def pages(path, layout=False, raw=False) -> list[str]:
    options = ["-layout"] if layout else ["-raw"] if raw else []
    text = run("pdftotext", *options, str(path), "-")
    return [page.translate(BIDI_MARKS) for page in text.split("\f")[:-1]]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_english_first_page_has_the_un_masthead_and_title_block(wg3_pdfs):
    first = flat(pages(wg3_pdfs["en"][0])[0])
    for text in [
        "United Nations",
        "Conference of the Parties to the United Nations Convention against Transnational "
        "Organized Crime",
        "CTOC/COP/WG.3/2024/1 Distr.: General 23 February 2024 Original: English",
        # the body and the place and dates; as in UN documents, not the session's own title
        "CTOC/COP/WG.3/2024/1 Distr.: General 23 February 2024 Original: English "
        "Working Group on International Cooperation Vienna, 5 and 6 June 2024 "
        "Provisional agenda and annotations",
        "Provisional agenda and annotations Provisional agenda",
        "1. Organizational matters: (a) Opening of the meeting; (b) Adoption of the agenda and "
        "organization of work. 2. Role and impact of technology",
        "4. Other matters. 5. Adoption of the report. Annotations",
    ]:
        assert text in first, text
    assert "English Original" not in first  # the language line is for translations only
    assert "Fifteenth meeting" not in first


def test_english_annotations_documentation_and_footnotes(wg3_pdfs):
    text = flat(" ".join(pages(wg3_pdfs["en"][0])))
    headings = ["1. Organizational matters", "(a) Opening of the meeting", "2. Role and impact"]
    headings += ["3. Legal and practical considerations", "4. Other matters"]
    headings += ["5. Adoption of the report"]
    annotations = text.index("Annotations")
    positions = [text.index(h, annotations) for h in headings]
    assert positions == sorted(positions)
    assert text.count("Documentation") == 2
    for symbol in [
        "(CTOC/COP/WG.3/2024/2)",
        "(CTOC/COP/WG.3/2024/3)",
        "(CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4)",
    ]:
        assert symbol in text


@pytest.mark.parametrize(
    ("language", "reference", "footnote"),
    [
        ("en", "for further discussion:1", "See CTOC/COP/WG.3/2023/4, para. 44."),
        ("en", "central authorities,2", "Conference of the Parties resolution 8/1."),
        ("en", "the same person;3", "Recommended by the Working Group at its fourteenth"),
        ("en", "Review Mechanism6", "www.unodc.org/unodc/en/organized-crime/intro/"),
        ("en", "of the Working Group.7", "www.unodc.org/unodc/en/treaties/CTOC/"),
        ("zh", "讨论：1", "见 CTOC/COP/WG.3/2023/4，第 44 段。"),
        ("zh", "的合作，2将这一议题", "缔约方会议第 8/1 号决议。"),
        ("zh", "网页6和工作组", "www.unodc.org/unodc/en/organized-crime/intro/"),
    ],
)
def test_footnotes_sit_at_the_foot_of_the_page_that_references_them(
    wg3_pdfs, language, reference, footnote
):
    texts = [flat(page).replace("： ", "：") for page in pages(wg3_pdfs[language][0])]
    with_reference = [n for n, page in enumerate(texts) if reference in page]
    with_footnote = [n for n, page in enumerate(texts) if footnote in page]
    assert with_reference == with_footnote and len(with_footnote) == 1


def test_later_pages_repeat_the_symbol_and_are_numbered(wg3_pdfs):
    all_pages = pages(wg3_pdfs["en"][0], layout=True)
    count = len(all_pages)
    assert count == 4
    for number, page in enumerate(all_pages[1:], start=2):
        lines = [line.strip() for line in page.strip().splitlines() if line.strip()]
        assert lines[0] == "CTOC/COP/WG.3/2024/1"
        assert lines[-1] == f"{number}/{count}"
    assert f"1/{count}" not in all_pages[0]  # UN first pages carry no page number


def test_annex_rows_in_order_with_continued_rows(wg3_pdfs):
    annex = pages(wg3_pdfs["en"][0], layout=True)[-1]
    assert flat(annex).startswith("CTOC/COP/WG.3/2024/1 Annex Proposed organization of work")
    assert "Date and time Agenda item Title or description" in flat(annex)
    rows = re.findall(r"^ *(\S.*?p\.m\.)? {2,}(\d(?:\([a-z]\))?) {2,}(\S.*)$", annex, re.M)
    assert [(time, item) for time, item, _ in rows] == [
        ("10 a.m.–1 p.m.", "1(a)"),
        ("", "1(b)"),
        ("", "2"),
        ("3–6 p.m.", "2"),
        ("", "3"),
        ("10 a.m.–1 p.m.", "3"),
        ("", "4"),
        ("3–6 p.m.", "5"),
    ]
    text = flat(annex)
    assert text.index("Wednesday, 5 June") < text.index("Thursday, 6 June")
    assert "capacity-building needs (continued)" in text
    assert "Protocols thereto (continued)" in text
    assert text.count("(continued)") == 2


def test_chinese_version(wg3_pdfs):
    all_pages = pages(wg3_pdfs["zh"][0])
    first = flat(all_pages[0])
    for text in [
        "联合国",
        "CTOC/COP/WG.3/2024/1",
        "联合国打击跨国有组织犯罪公约缔约方会议",
        "Distr.: General 23 February 2024 Chinese Original: English",
        "国际合作工作组 2024年6月5日和6日，维也纳 临时议程说明",
        "临时议程说明 临时议程 1. 组织事项： (a) 会议开幕； (b) 通过议程和工作安排。",
        "4. 其他事项。 5. 通过报告。 说明",
    ]:
        assert text in first, text
    text = flat(" ".join(all_pages))
    assert text.count("文件 秘书处编写的背景文件，内容是") == 2
    assert "（CTOC/COP/WG.3/2024/2）" in text
    annex = flat(all_pages[-1])
    assert "附件 拟议工作安排 日期和时间 议程项目 标题或说明" in annex
    for text in ["6月5日，星期三", "6月6日，星期四", "上午10时至下午1时", "下午3时至6时"]:
        assert text in annex, text
    assert annex.count("（续）") == 2
    assert "尚无中文本" not in text  # everything is translated: no fallback note


def test_arabic_version_is_right_to_left_with_arabic_headings(wg3_pdfs):
    path, html = wg3_pdfs["ar"]
    assert find(html, "html").attrs == {"lang": "ar", "dir": "rtl"}
    text = flat(" ".join(pages(path)))
    for heading in [
        "الأمم المتحدة",
        "جدول الأعمال المؤقت وشروحه",
        "الشروح",
        "تنظيم الأعمال المقترح",
    ]:
        assert heading in text, heading
    assert "حزيران" in text and "يونيه" in text  # dates in the document's language
    assert "Distr.: General 23 February 2024 Arabic Original: English" in text
    # Content not yet in Arabic falls back to the English original, marked.
    assert "لم يصدر بعد باللغة العربية" in text
    assert any(e.classes == ["fallback"] for e in find_all(html, "span", dir="ltr"))
    # Mirrored: in the masthead "United Nations" is on the right, the symbol on the left.
    first_line = next(line for line in pages(path, layout=True)[0].splitlines() if line.strip())
    assert first_line.split()[0] == "CTOC/COP/WG.3/2024/1"


@pytest.mark.parametrize("language", ["en", "zh", "ar"])
def test_fonts_are_embedded_and_the_pdf_is_tagged(wg3_pdfs, language):
    path = wg3_pdfs[language][0]
    fonts = run("pdffonts", str(path)).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # the 'emb' column
    info = run("pdfinfo", str(path))
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Page size:\s+595.276 x 841.89 pts \(A4\)$", info, re.M)
    expected_font = {"en": "Liberation-Serif", "zh": "Noto-Serif-CJK-SC", "ar": "Noto-Naskh-Arabic"}
    assert any(expected_font[language] in line for line in fonts)


def catalog(path) -> bytes:
    """The PDF's document catalog (WeasyPrint writes it into a compressed object stream)."""
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", path.read_bytes(), re.S):
        try:
            objects = zlib.decompress(stream)
        except zlib.error:
            continue
        if b"/Type /Catalog" in objects:
            return objects
    raise AssertionError("no document catalog found")


@pytest.mark.parametrize("language", ["en", "zh", "ar"])
def test_pdf_language_and_title_metadata(wg3_pdfs, language):
    path = wg3_pdfs[language][0]
    assert f"/Lang ({language})".encode() in catalog(path)
    titles = {"en": "Provisional agenda and annotations", "zh": "临时议程说明"}
    titles["ar"] = "جدول الأعمال المؤقت وشروحه"
    info = run("pdfinfo", str(path))
    assert re.search(rf"^Title:\s+CTOC/COP/WG.3/2024/1: {titles[language]}$", info, re.M)


def test_page_images_for_review(wg3_pdfs):
    """Page 1 and the annex page of each language as PNG, for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for language, (path, _) in wg3_pdfs.items():
        last = len(pages(path))
        for page, name in ((1, "page1"), (last, "annex")):
            stem = ARTIFACTS / f"wg3-{language}-{name}"
            run(
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-singlefile",
                "-f",
                str(page),
                "-l",
                str(page),
                str(path),
                str(stem),
            )
            # Printed, within the margins (nothing cut at an edge), neither blank nor black.
            drawn = ink(stem.with_suffix(".png"))
            width, height = drawn.size
            assert 0.005 < drawn.fraction < 0.3, (language, name, drawn)
            left, top, right, bottom = drawn.box
            assert left > width * 0.05 and right < width * 0.95, (language, name, drawn)
            assert top > height * 0.02 and bottom < height * 0.98, (language, name, drawn)
    # Each language's first page is its own, not one rendering repeated.
    first = {language: ARTIFACTS / f"wg3-{language}-page1.png" for language in wg3_pdfs}
    assert differs(first["en"], first["zh"]) and differs(first["zh"], first["ar"])


# --- fidelity to the seed, element by element -----------------------------------------------


def without_furniture(path) -> str:
    """The PDF's text in the order it is drawn (pdftotext -raw), without what the seed's
    conversion left out: "联合国" and the symbol in the masthead, and each later page's
    running head (the symbol) and page number."""
    all_pages = pages(path, raw=True)
    text = []
    for number, page in enumerate(all_pages, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if number == 1:
            assert lines[0] == "联合国 CTOC/COP/WG.3/2024/1"
            lines = lines[1:]
        else:
            assert lines[-2:] == ["CTOC/COP/WG.3/2024/1", f"{number}/{len(all_pages)}"]
            lines = lines[:-2]
        text.append("".join(lines))
    return squeezed("".join(text))


def test_the_chinese_pdf_is_the_seed_element_by_element(wg3_pdfs):
    flow, footnotes, times = seed_elements()
    assert len(flow) == 62 and len(footnotes) == 7 and len(times) == 6
    assert flow[:4] == ["联合国打击跨国有组织犯罪公约缔约方会议", "Distr.:General", *flow[2:4]]
    # nothing extra (it would stop the reading) and nothing dropped (it would be left over)
    assert unconsumed(without_furniture(wg3_pdfs["zh"][0]), [flow, footnotes, times]) == ""


# --- links, unbreakable symbols, spacing, headings --------------------------------------------


def link_targets(path) -> list[tuple[int, str]]:
    """(page number, URI) of every link annotation, in page order."""
    found = []
    for number, page in enumerate(PdfReader(path).pages, start=1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation["/Subtype"] == "/Link" and "/URI" in annotation.get("/A", {}):
                found.append((number, str(annotation["/A"]["/URI"])))
    return found


@pytest.mark.parametrize(
    ("language", "prefix"), [("zh", "https://undocs.org/zh/"), ("en", "https://undocs.org/")]
)
def test_documents_and_addresses_are_links(wg3_pdfs, settings, language, prefix):
    uris = [uri for _, uri in link_targets(wg3_pdfs[language][0])]
    site = settings.SITE_URL + "/documents/"
    listed = [
        "CTOC/COP/WG.3/2024/2",
        "CTOC/COP/WG.3/2024/3",
        "CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4",
    ]
    # each Documentation entry links its page in the register and its official text; the
    # symbols and web addresses of the footnotes link to what they name (a link on two lines
    # is two annotations)
    assert set(uris) == {
        *(site + symbol for symbol in listed),
        *(prefix + symbol for symbol in listed),
        prefix + "CTOC/COP/WG.3/2023/4",  # footnotes 1 and 3
        prefix + "CTOC/COP/WG.2/2017/4-CTOC/COP/WG.3/2017/4",
        "https://www.unodc.org/unodc/en/organized-crime/intro/review-mechanism-untoc/"
        "constructive_dialogues/ic_2023.html",
        "https://www.unodc.org/unodc/en/treaties/CTOC/working-group-on-international-"
        "cooperation-2024.html",
    }
    assert (
        "https://www.unodc.org/unodc/en/treaties/CTOC/working-group-on-international-cooperation-2024.html"
        in uris
    )


def test_symbols_never_break_across_lines(wg3_pdfs):
    """Each symbol is whole on one line; a joint symbol may only break at its hyphen."""
    for language in ("en", "zh", "ar"):
        lines = [
            line.strip()
            for page in pages(wg3_pdfs[language][0], raw=True)
            for line in page.splitlines()
        ]
        text = "".join(lines)
        for symbol in [
            "CTOC/COP/WG.3/2024/2",
            "CTOC/COP/WG.3/2024/3",
            "CTOC/COP/WG.2/2024/4",
            "CTOC/COP/WG.3/2024/4",
            "CTOC/COP/WG.3/2023/4",
            "CTOC/COP/WG.2/2017/4",
            "CTOC/COP/WG.3/2017/4",
        ]:
            whole = sum(line.count(symbol) for line in lines)
            assert whole == text.count(symbol) > 0, (language, symbol)


def words_by_line(path, page_number: int) -> list[list[tuple[float, float, float, str]]]:
    """Each line of a page (pdftotext -bbox-layout) as its words: (x min, x max, height, text)."""
    xhtml = run(
        "pdftotext", "-bbox-layout", "-f", str(page_number), "-l", str(page_number), str(path), "-"
    )
    lines = []
    for line in re.findall(r"<line [^>]*>(.*?)</line>", xhtml, re.S):
        words = re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            line,
        )
        lines.append(
            [(float(a), float(c), float(d) - float(b), text) for a, b, c, d, text in words]
        )
    return lines


def test_chinese_lines_are_not_justified_open_around_latin_numbers(wg3_pdfs):
    """WeasyPrint can justify only by widening spaces, which Chinese has only around Latin
    words ("规则第 12 段"): there the gaps would open wide. Every gap is an ordinary space."""
    path = wg3_pdfs["zh"][0]
    gaps = []
    for page in range(1, 4):
        for line in words_by_line(path, page):
            gaps += [b[0] - a[1] for a, b in itertools.pairwise(line) if b[0] > a[1]]
    assert len(gaps) > 50
    assert max(gaps) < 3.5  # a space of 10.5-point Liberation Serif is 2.6 points wide
    assert (
        "根据联合国打击跨国有组织犯罪公约及其各项议定书实施情况审议机制运作程序和规则第 12 段"
        in " ".join(" ".join(word[3] for word in line) for line in words_by_line(path, 2))
        + " ".join(" ".join(word[3] for word in line) for line in words_by_line(path, 3))
    )


@pytest.mark.parametrize(("language", "heading"), [("en", "Documentation"), ("zh", "文件")])
def test_the_documentation_heading_is_indented_alike_under_every_item(wg3_pdfs, language, heading):
    path = wg3_pdfs[language][0]
    starts = [
        line[0][0]
        for page in range(1, len(pages(path)) + 1)
        for line in words_by_line(path, page)
        if [word[3] for word in line] == [heading]
    ]
    assert len(starts) == 2 and abs(starts[0] - starts[1]) < 0.5
    assert abs(starts[0] - (56.69 + 28.35)) < 0.5  # the text column: margin and 10 mm


# --- job number and title; Arabic: footnotes, the fallback note, languages in the tag tree ------


@pytest.fixture
def job_numbered(seeded, tmp_path):
    """The seeded session with a job number and the "annotated" title, published again."""
    session = Session.objects.with_body().get(body__slug="ctoc-cop-wg3", number=15)
    session.job_number, session.title_variant = "V.24-01234", "annotated_agenda"
    session.save()
    factories.publish(session, kind="corrigendum")
    paths = {}
    for language in ("zh", "ar"):
        paths[language] = tmp_path / f"{language}.pdf"
        paths[language].write_bytes(render_agenda_pdf(factories.content(session), language))
    return paths


PAGE_HEIGHT, BOTTOM_MARGIN = 841.89, 24 * 72 / 25.4


def test_page_1_has_the_job_number_at_its_foot_and_the_title_variant(job_numbered):
    zh = job_numbered["zh"]
    last_line = words_by_line(zh, 1)[-1]
    assert [word[3] for word in last_line] == ["V.24-01234", "(C)"]
    text = flat(" ".join(pages(zh)))
    assert text.count("V.24-01234") == 1  # page 1 only
    assert "附加说明的临时议程 临时议程" in text and "临时议程说明" not in text
    xhtml = run("pdftotext", "-bbox-layout", "-f", "1", "-l", "1", str(zh), "-")
    y = float(re.search(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>V\.24-01234<', xhtml)[1])
    assert y > PAGE_HEIGHT - BOTTOM_MARGIN  # in the bottom margin, below any footnote
    assert "Annotated provisional agenda" not in text
    assert "جدول الأعمال المؤقت المشروح" in flat(" ".join(pages(job_numbered["ar"])))
    # pdftotext mirrors brackets in a right-to-left page: the PDF draws "(A)"
    assert re.search(r"V\.24-01234 [()]A[()]", flat(pages(job_numbered["ar"])[0]))


@pytest.mark.parametrize(
    ("reference", "footnote"),
    [
        ("further discussion:1", "See CTOC/COP/WG.3/2023/4, para. 44."),
        ("central authorities,2", "Conference of the Parties resolution 8/1."),
        ("the same person;3", "Recommended by the Working Group at its fourteenth"),
        ("nationality of persons", "Recommended at the eighth meeting of the Working Group"),
        ("the requesting State", "This issue has come to the attention of practitioners"),
        ("Review Mechanism6", "www.unodc.org/unodc/en/organized-crime/intro/"),
        ("of the Working Group.7", "www.unodc.org/unodc/en/treaties/CTOC/"),
    ],
)
def test_arabic_footnotes_sit_on_the_page_of_their_reference(wg3_pdfs, reference, footnote):
    texts = [flat(page) for page in pages(wg3_pdfs["ar"][0])]
    with_reference = [n for n, page in enumerate(texts) if reference in page]
    with_footnote = [n for n, page in enumerate(texts) if footnote in page]
    assert with_reference == with_footnote and len(with_footnote) == 1


def test_the_arabic_fallback_note_is_at_the_foot_of_page_1(wg3_pdfs):
    path = wg3_pdfs["ar"][0]
    first = [line.strip() for line in pages(path)[0].splitlines() if line.strip()]
    assert "* لم يصدر بعد باللغة العربية" in first[-1]  # the last line of the page
    assert flat(" ".join(pages(path))).count("لم يصدر بعد باللغة العربية") == 1
    last = words_by_line(path, 1)[-1]
    assert "*" in [word[3] for word in last]
    xhtml = run("pdftotext", "-bbox-layout", "-f", "1", "-l", "1", str(path), "-")
    tops = [float(y) for y in re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)"', xhtml)]
    assert max(tops) > PAGE_HEIGHT - BOTTOM_MARGIN  # in the bottom margin, under the text
    assert sorted(tops)[-2] < PAGE_HEIGHT - BOTTOM_MARGIN  # and alone there


def tagged_texts(path) -> list[tuple[str | None, str]]:
    """(language, text) of each marked-content run of the tag tree, in its order: the
    language is the nearest /Lang of its structure element or their ancestors, else None
    (the document's own, in the catalog)."""
    reader = PdfReader(path)
    drawn = {}
    for number, page in enumerate(reader.pages):
        stack = []

        def before(operator, operands, cm, tm, stack=stack):
            if operator == b"BDC":
                properties = operands[1]
                stack.append(properties.get("/MCID") if hasattr(properties, "get") else None)
            elif operator == b"BMC":
                stack.append(None)
            elif operator == b"EMC" and stack:
                stack.pop()

        def text(value, cm, tm, font, size, stack=stack, number=number):
            mcid = next((m for m in reversed(stack) if m is not None), None)
            drawn.setdefault((number, mcid), []).append(value)

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    page_numbers = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    found = []

    def walk(element, language, page):
        element = element.get_object()
        if not isinstance(element, DictionaryObject) or element.get("/Type") == "/MCR":
            return
        language = str(element.get("/Lang", language)) if "/Lang" in element else language
        if "/Pg" in element:
            page = page_numbers.get(element.raw_get("/Pg").idnum, page)
        kids = element.get("/K", ArrayObject())
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            if isinstance(kid, int):
                found.append((language, "".join(drawn.get((page, int(kid)), [])).strip()))
            else:
                walk(kid, language, page)

    walk(reader.trailer["/Root"]["/StructTreeRoot"], None, None)
    return [(language, text) for language, text in found if text]


def test_english_passages_of_the_arabic_pdf_are_tagged_english(wg3_pdfs):
    tagged = tagged_texts(wg3_pdfs["ar"][0])
    english = re.compile(r"\b[a-z]{4,}\b")  # words of English prose ("meeting", "extradition")
    untagged = [text for language, text in tagged if english.search(text) and language != "en"]
    assert untagged == []
    arabic = re.compile(r"[\u0600-\u06ff]")
    assert [text for language, text in tagged if arabic.search(text) and language == "en"] == []
    assert sum(1 for language, _ in tagged if language == "en") > 100
