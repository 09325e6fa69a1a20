"""The register's model rules (chain, distribution, search columns, ODS link), storing
references, and the extract_references command."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from agenda.models import Document, Reference
from agenda.outputs.document_terms import symbol_with_derived
from agenda.reads.documents import search_documents
from agenda.services.register import read_text, store_references
from tests import factories

pytestmark = pytest.mark.django_db

SOURCE = settings.BASE_DIR / "seeds" / "source"


def symbols(documents):
    return [d.symbol for d in documents]


def test_corrigendum_points_to_its_base():
    base = factories.document("E/2012/30")
    corr = factories.document("E/2012/30/Corr.1")
    assert corr.base == base
    assert list(base.derived.all()) == [corr]


def test_nearest_ancestor_in_the_register_is_the_base():
    original = factories.document("A/C.3/72/L.5")
    corr = factories.document("A/C.3/72/L.5/Rev.1/Corr.1")
    assert corr.base == original  # Rev.1 is not in the register
    revision = factories.document("A/C.3/72/L.5/Rev.1")
    corr.refresh_from_db()
    assert (revision.base, corr.base) == (original, revision)


def test_base_saved_after_its_corrigenda_adopts_them():
    corr = factories.document("E/2012/30/Corr.1")
    assert corr.base is None
    base = factories.document("E/2012/30")
    corr.refresh_from_db()
    assert corr.base == base
    other = factories.document("E/2012/300")
    assert other.base is None


def test_limited_distribution_from_the_symbol():
    assert factories.document("A/C.3/72/L.5").distribution == "limited"
    assert factories.document("A/58/499").distribution == "general"
    restricted = factories.document("A/58/500", distribution="restricted")
    assert restricted.distribution == "restricted"


def test_search_text_follows_symbol_and_titles():
    document = factories.document("A/58/499", title={"en": "Report of the THIRD Committee"})
    document.title = {**document.title, "zh": "第三委员会的报告"}
    document.save()
    document.refresh_from_db()
    assert document.search_text == "a/58/499 report of the third committee 第三委员会的报告"
    assert document.symbol_key == "A/58/499"


def test_ods_url():
    document = factories.document("S/RES/1373 (2001)")
    assert document.ods_url() == "https://undocs.org/S/RES/1373%20%282001%29"
    assert document.ods_url("zh") == "https://undocs.org/zh/S/RES/1373%20%282001%29"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("A/58", ["A/58/222", "A/58/499"]),
        ("a/58", ["A/58/222", "A/58/499"]),
        ("E/2012/30/corr", ["E/2012/30/Corr.1"]),
        ("E", ["E/2012/30", "E/2012/30/Corr.1"]),
        ("report", ["A/58/499", "E/2012/30"]),
        ("REPORT commission", ["E/2012/30"]),
        ("letter", ["S/2001/1"]),  # not S/2001/2, of a draft session
        ("报告", ["A/58/499"]),
        ("A/5*", []),
        ("", ["A/58/222", "A/58/499", "E/2012/30", "E/2012/30/Corr.1", "S/2001/1"]),
    ],
)
def test_search(query, expected, draft):
    factories.document("A/58/499", title={"en": "Report of the Third Committee", "zh": "报告"})
    factories.document("A/58/222", title={"en": "Progress made"})
    factories.document("E/2012/30", title={"en": "Report of the Commission"})
    factories.document("E/2012/30/Corr.1", title={"en": "Corrigendum"})
    factories.document("S/2001/1", title={"en": "Letter on A/58/499 and E/2012/30"})
    factories.document("S/2001/2", title={"en": "Draft letter"}, session=draft)
    assert symbols(search_documents(query)) == expected


def cited(references):
    return [(r.kind, r.target, r.cited.symbol if r.cited else None) for r in references]


def test_store_references_links_what_the_register_has_and_is_idempotent():
    resolution = factories.document("A/RES/58/140")
    report = factories.document("A/58/499")
    earlier = factories.document("A/RES/57/173")
    text = (SOURCE / "001_1a60254d532a9475.txt").read_text(encoding="utf-8")
    first = store_references(resolution, text)
    again = store_references(resolution, text)
    stored = list(Reference.objects.filter(citing=resolution).order_by("start"))
    assert len(first) == len(again) == len(stored) == 23
    linked = [(r.target, r.cited) for r in stored if r.cited]
    assert linked == [("A/58/499", report), ("57/173", earlier), ("57/173", earlier)]
    assert [r.citing for r in report.cited_by.all()] == [resolution]
    assert all(text[r.start : r.end] == r.text for r in stored)


def test_security_council_and_ecosoc_numbers_find_their_symbols():
    note = factories.document("A/C.3/72/L.1")
    council = factories.document("S/RES/2178 (2014)")
    ecosoc = factories.document("E/RES/2017/17")
    store_references(note, "经济及社会理事会第 2017/17 号决议；安全理事会第 2178 (2014) 号决议")
    assert cited(note.references.all()) == [
        ("resolution", "2017/17", ecosoc.symbol),
        ("resolution", "2178 (2014)", council.symbol),
    ]


def test_a_document_citing_itself_is_not_linked_to_itself():
    document = factories.document("A/58/499")
    store_references(document, "A/58/499")
    assert cited(document.references.all()) == [("document", "A/58/499", None)]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"text", "notes.docx", "“notes.docx” is not a .txt or .md file"),
        ("决议".encode("gbk"), "a.txt", "The text is not UTF-8 (byte 1 cannot be read)"),
        (b" \n ", "a.md", "The text is empty."),
        (b"x" * 1_000_001, "a.txt", "The text is 1,000,001 bytes; at most 1,000,000"),
    ],
)
def test_read_text_refuses_with_a_reason(data, name, message):
    with pytest.raises(ValidationError) as exc:
        read_text(data, name)
    assert exc.value.messages[0].startswith(message)


def test_read_text_drops_a_byte_order_mark():
    assert read_text("\ufeff第 58/4 号决议".encode(), "a.TXT") == "第 58/4 号决议"


def test_command_stores_references(capsys):
    document = factories.document("E/RES/2012/14")
    factories.document("E/2012/30")
    path = next(SOURCE.glob("002_*.txt"))
    call_command("extract_references", "E/RES/2012/14", str(path))
    assert capsys.readouterr().out == (
        "E/RES/2012/14: 12 references, 1 to documents in the register.\n"
    )
    assert document.references.count() == 12


@pytest.mark.parametrize(
    ("symbol", "path", "message"),
    [
        ("E/RES/2012/14", "/nonexistent/text.txt", "Cannot read /nonexistent/text.txt"),
        ("E/RES/9999/1", "seeds/source/001_1a60254d532a9475.txt", "E/RES/9999/1 is not in"),
        ("E//1", "seeds/source/001_1a60254d532a9475.txt", "“E//1” has an empty part"),
        ("E/RES/2012/14", "seeds/ga-58.json", "“ga-58.json” is not a .txt or .md file"),
    ],
)
def test_command_errors(symbol, path, message):
    factories.document("E/RES/2012/14")
    with pytest.raises(CommandError) as exc:
        call_command("extract_references", symbol, str(settings.BASE_DIR / path))
    assert str(exc.value).startswith(message)


def test_invalid_symbols_are_still_refused_by_full_clean():
    assert factories.clean_errors(Document(symbol="A/58/foo", title={"en": "x"}))["symbol"][
        0
    ].startswith("“foo” in “A/58/foo”")


@pytest.mark.parametrize(
    ("derived", "language", "expected"),
    [
        (["E/2012/30/Corr.1", "E/2012/30/Corr.2"], "en", "E/2012/30 and Corr.1 and 2"),
        (["E/2012/30/Corr.1", "E/2012/30/Corr.2"], "zh", "E/2012/30和Corr.1和2"),
        (["E/2012/30/Add.1", "E/2012/30/Corr.1"], "fr", "E/2012/30 et Add.1 et Corr.1"),
        (["E/2012/30/Rev.1/Corr.1"], "es", "E/2012/30 y Rev.1/Corr.1"),
        ([], "ru", "E/2012/30"),
    ],
)
def test_symbol_with_derived(derived, language, expected):
    assert symbol_with_derived("E/2012/30", derived, language) == expected


def test_migration_fills_the_new_columns_of_existing_rows():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("agenda.migrations.0005_document_register")
    factories.document("E/2012/30", title={"en": "Report"})
    factories.document("E/2012/30/Corr.1", title={"en": "Corrigendum"})
    Document.objects.update(symbol_key="", search_text="", base=None)
    migration.fill_register_columns(apps, None)
    rows = Document.objects.order_by("symbol").values_list(
        "symbol_key", "search_text", "base__symbol"
    )
    assert list(rows) == [
        ("E/2012/30", "e/2012/30 report", None),
        ("E/2012/30/CORR.1", "e/2012/30/corr.1 corrigendum", "E/2012/30"),
    ]


def test_command_refuses_a_flood(tmp_path):
    factories.document("E/RES/2012/14")
    path = tmp_path / "flood.txt"
    path.write_text("E/2012/30 " * 2_001, encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("extract_references", "E/RES/2012/14", str(path))
    assert str(exc.value) == (
        "The text makes 2,001 citations; at most 2,000 are recorded for one document. Nothing "
        "was stored: check that this is the text of E/RES/2012/14."
    )
    assert not Reference.objects.exists()


def test_every_write_path_keeps_the_search_columns(db):
    """bulk_create and bulk_update skip save(); the register still finds what they wrote,
    and a queryset update() of a symbol or title, which could not, is refused."""
    created = Document.objects.bulk_create(
        [Document(symbol="E/CN.15/2017/5", title={"zh": "秘书长的报告"})]
    )
    assert Document.objects.get().search_text == "e/cn.15/2017/5 秘书长的报告"
    created[0].title = {"en": "Report of the Secretary-General"}
    Document.objects.bulk_update(created, ["title"])
    assert Document.objects.get().search_text == "e/cn.15/2017/5 report of the secretary-general"
    assert list(search_documents("secretary-general")) == list(Document.objects.all())
    with pytest.raises(TypeError, match="through save"):
        Document.objects.filter(pk=created[0].pk).update(symbol="E/CN.15/2017/6")
    assert Document.objects.get().symbol_key == "E/CN.15/2017/5"
