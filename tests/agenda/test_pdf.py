"""The PDF of the seeded WG.3 session, read back with poppler (pdftotext, pdffonts, pdfinfo).

Each language is rendered once per module (renders take about a second); page images go to
test-artifacts/pdf/ for a person to look at."""

import re
import subprocess
import zlib
from pathlib import Path

import pytest

from agenda.pdf import render_agenda_html, render_agenda_pdf
from meetings.models import Session
from tests import factories

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


def pages(path, layout=False) -> list[str]:
    text = run("pdftotext", *(["-layout"] if layout else []), str(path), "-")
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
        "Working Group on International Cooperation Fifteenth meeting of the Working Group on "
        "International Cooperation Vienna, 5 and 6 June 2024",
        "Provisional agenda and annotations Provisional agenda",
        "1. Organizational matters: (a) Opening of the meeting; (b) Adoption of the agenda and "
        "organization of work. 2. Role and impact of technology",
        "4. Other matters. 5. Adoption of the report. Annotations",
    ]:
        assert text in first, text
    assert "English Original" not in first  # the language line is for translations only


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
        "国际合作工作组 国际合作工作组第十五次会议 2024年6月5日和6日，维也纳",
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
    assert '<html lang="ar" dir="rtl">' in html
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
    assert 'class="fallback" dir="ltr"' in html
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
            assert stem.with_suffix(".png").stat().st_size > 10_000
