"""Translation status per language, the XLIFF 2.0 export of what a language is missing, and
the import of a translated file: checked whole, written whole or not at all."""

import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agenda.models import AgendaItem, Document, Footnote
from agenda.outputs.xliff import NS, XliffRejected, parse_xliff, pieces
from agenda.reads.translation_status import content_status, working_status
from agenda.services import translations
from agenda.services.publishing import current_version, pending_changes, publish
from meetings.models import Session
from tests import factories
from tests.parsed import find, find_all

X = f"{{{NS}}}"


def url(name, session, *args) -> str:
    return reverse(name, args=[session.body.slug, session.number, *args])


@pytest.fixture
def secretary(client, wg3):
    user = factories.secretariat_member(wg3.body, "secretary")
    client.force_login(user)
    return user


@pytest.fixture
def without_zh(wg3):
    """The seeded session with some texts no longer in Chinese: item 2's title and
    annotation, one of its footnotes (the annotation calls footnotes) and a document title."""
    item = AgendaItem.objects.get(session=wg3, parent=None, position=1)
    assert "[^" in item.annotation["en"]
    item.title = {k: v for k, v in item.title.items() if k != "zh"}
    item.annotation = {k: v for k, v in item.annotation.items() if k != "zh"}
    item.save()
    footnote = item.footnotes.order_by("pk").first()
    footnote.text = {"en": footnote.text["en"]}
    footnote.save()
    document = Document.objects.get(symbol="CTOC/COP/WG.3/2024/2")
    document.title = {"en": document.title["en"]}
    document.save()
    return {"item": item, "footnote": footnote, "document": document}


def export(client, session, language, **query) -> bytes:
    response = client.get(url("translation-export", session, language), query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xliff+xml; charset=utf-8"
    return response.content


def units(data: bytes) -> dict:
    root = ET.fromstring(data)
    return {u.get("id"): u for u in root.iter(f"{X}unit")}


def fill(data: bytes, translate) -> bytes:
    """Each unit's target: ``translate(source element)`` gives its text and codes as a list of
    strings and elements (the source's <ph> copied by default)."""
    root = ET.fromstring(data)
    for unit in root.iter(f"{X}unit"):
        segment = unit.find(f"{X}segment")
        source = segment.find(f"{X}source")
        old = segment.find(f"{X}target")
        if old is not None:
            segment.remove(old)
        target = ET.SubElement(segment, f"{X}target")
        target.text = (source.text or "") and f"[{unit.get('id')}] {source.text}"
        for child in source:
            copy = ET.SubElement(target, child.tag, dict(child.attrib))
            copy.tail = child.tail
        if translate:
            translate(unit.get("id"), target)
    ET.register_namespace("", NS)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def upload(client, session, language, data: bytes):
    return client.post(
        url("session-translations", session),
        {"language": language, "file": SimpleUploadedFile("t.xlf", data)},
    )


def problems(response) -> dict[str, str]:
    found = {}
    for li in find_all(response.content.decode(), "li"):
        if li.get("data-unit"):
            found[li["data-unit"]] = " ".join(filter(None, [found.get(li["data-unit"]), li.text]))
    return found


def percents(html: str) -> dict[str, str]:
    status = find(html, "p", class_="translation-status")
    assert status is not None
    shown = {}
    for entry in status.within("span"):
        if "translation-language" in entry.get("class", ""):
            percent = next(s for s in entry.within("span") if s.get("class") == "percent")
            shown[entry["data-language"]] = percent.text
    return shown


def snapshot(session) -> dict:
    return {
        "items": list(
            AgendaItem.objects.filter(session=session).values_list(
                "pk", "title", "annotation", "version"
            )
        ),
        "footnotes": list(
            Footnote.objects.filter(item__session=session).values_list("pk", "text", "version")
        ),
        "documents": list(Document.objects.values_list("pk", "title", "version")),
        "session": Session.objects.filter(pk=session.pk).values_list("title").get(),
    }


# --- status --------------------------------------------------------------------------------


def test_the_status_lists_every_text_delegates_read_and_counts_each_language(wg3, without_zh):
    status = working_status(wg3)
    kinds = {s.kind for s in status.segments}
    assert kinds == {"session-title", "item-title", "annotation", "footnote", "document-title"}
    item, footnote = without_zh["item"], without_zh["footnote"]
    zh = status["zh"]
    assert {s.id for s in zh.missing} == {
        f"item-{item.pk}-title",
        f"item-{item.pk}-annotation",
        f"footnote-{footnote.pk}",
        f"document-{without_zh['document'].pk}-title",
    }
    assert zh.total == len(status.segments) == len(zh.translated) + 4
    assert zh.percent == len(zh.translated) * 100 // zh.total
    assert status["en"].percent == 100
    assert status["fr"].percent == 0
    # an item without an annotation has no annotation to translate
    opening = AgendaItem.objects.get(session=wg3, parent=None, position=0)
    assert not opening.annotation
    assert status.segment(f"item-{opening.pk}-annotation") is None


# --- export --------------------------------------------------------------------------------


def test_the_export_has_the_missing_texts_with_markup_as_placeholders(
    client, wg3, secretary, without_zh
):
    data = export(client, wg3, "zh")
    root = ET.fromstring(data)
    assert root.tag == f"{X}xliff"
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "en", "zh")
    item = without_zh["item"]
    found = units(data)
    assert set(found) == {s.id for s in working_status(wg3)["zh"].missing}
    annotation = found[f"item-{item.pk}-annotation"]
    source = annotation.find(f"{X}segment/{X}source")
    calls = [ph.get("disp") for ph in source.iter(f"{X}ph")]
    # footnote calls, and the "- " that starts each entry of a list
    assert calls == ["[^1]", "- ", "- ", "- ", "[^2]"]
    assert "[^" not in "".join(source.itertext())  # the markup is only in placeholders
    data_ids = {d.get("id"): d.text for d in annotation.iter(f"{X}data")}
    assert [data_ids[ph.get("dataRef")] for ph in source.iter(f"{X}ph")] == calls
    assert annotation.find(f"{X}segment/{X}target") is None
    # the text round-trips through the placeholders
    read = {u.id: u for u in parse_xliff(data).units}[f"item-{item.pk}-annotation"]
    markup = {c.id: c.markup for c in pieces(item.annotation["en"]) if not isinstance(c, str)}
    assert (
        "".join(markup[p.id] if not isinstance(p, str) else p for p in read.source)
        == item.annotation["en"]
    )


def test_all_texts_are_exported_with_their_translations_when_asked(
    client, wg3, secretary, without_zh
):
    everything = units(export(client, wg3, "zh", all="1"))
    assert set(everything) == {s.id for s in working_status(wg3).segments}
    title = everything["session-title"].find(f"{X}segment/{X}target")
    assert title.text == wg3.title["zh"]


def test_the_original_language_is_not_exported(client, wg3, secretary):
    assert client.get(url("translation-export", wg3, "en")).status_code == 404


# --- round trip ----------------------------------------------------------------------------


def test_export_fill_import_publish_and_the_public_page_shows_it(
    client, wg3, secretary, without_zh
):
    page_url = url("session-detail", wg3) + "?lang=en"
    # delegates see the published version, which still has every text in Chinese
    assert percents(client.get(page_url).content.decode())["zh"] == "100%"
    publish(Session.objects.get(pk=wg3.pk), by=secretary, kind="revision")
    missing = len(working_status(wg3)["zh"].missing)
    assert missing == 4
    shown = percents(client.get(page_url).content.decode())["zh"]
    assert shown == f"{working_status(wg3)['zh'].percent}%" != "100%"
    assert percents(client.get(url("session-edit", wg3)).content.decode())["zh"] == shown

    data = fill(export(client, wg3, "zh"), None)
    response = upload(client, wg3, "zh", data)
    assert response.status_code == 302, problems(response)
    item = AgendaItem.objects.get(pk=without_zh["item"].pk)
    assert item.title["zh"] == f"[item-{item.pk}-title] {item.title['en']}"
    assert item.annotation["zh"].count("[^") == item.annotation["en"].count("[^")
    assert item.version == without_zh["item"].version + 1
    assert working_status(wg3)["zh"].percent == 100
    assert percents(client.get(url("session-edit", wg3)).content.decode())["zh"] == "100%"
    # who changed what
    record = item.history.first()
    assert record.history_user == secretary
    assert record.history_change_reason == "XLIFF import (zh)"
    # the change is pending in a language the editor does not read: a document change, so
    # the publish page asks for a revision or a corrigendum
    sections = pending_changes(wg3, "en")
    assert [s.name for s in sections] == ["translations"]
    assert sections[0].changes[0].key == "Chinese"
    assert sections[0].changes[0].title == "4 texts"
    publish_page = client.get(url("session-publish", wg3) + "?lang=en").content.decode()
    assert find(publish_page, "section", **{"aria-labelledby": "changes-translations"}) is not None
    assert find(publish_page, "input", name="kind", value="corrigendum") is not None
    response = client.post(url("session-publish", wg3), {"kind": "corrigendum", "note": ""})
    assert response.status_code == 302
    version = current_version(wg3)
    assert (version.number, version.symbol) == (3, "CTOC/COP/WG.3/2024/1/Rev.1/Corr.1")
    client.logout()
    html = client.get(page_url).content.decode()
    assert percents(html)["zh"] == "100%"
    assert content_status(factories.content(wg3))["zh"].percent == 100


def test_a_french_translation_of_everything_goes_from_0_to_100(client, wg3, secretary):
    assert (
        percents(client.get(url("session-edit", wg3) + "?lang=fr").content.decode())["fr"] == "0%"
    )
    response = upload(client, wg3, "fr", fill(export(client, wg3, "fr"), None))
    assert response.status_code == 302, problems(response)
    assert working_status(Session.objects.get(pk=wg3.pk))["fr"].percent == 100
    follow = client.get(response["Location"])
    assert percents(follow.content.decode())["fr"] == "100%"


def test_the_percentages_follow_the_interface_language(client, wg3):
    html = client.get(url("session-detail", wg3) + "?lang=fr", HTTP_ACCEPT_LANGUAGE="fr").content
    with_fr = percents(html.decode())
    assert with_fr["fr"] == "0\u00a0%"
    assert with_fr["zh"] == "100\u00a0%"


def test_the_public_page_shows_the_published_version_not_the_working_copy(client, wg3):
    item = AgendaItem.objects.get(session=wg3, parent=None, position=0)
    item.title = {**item.title, "fr": "Questions d’organisation"}
    item.save()
    page = percents(client.get(url("session-detail", wg3) + "?lang=en").content.decode())
    assert page["fr"] == "0%"
    assert working_status(wg3)["fr"].percent > 0


# --- refusals: nothing changes, each problem named by its unit -----------------------------


def refused(client, session, language, data) -> dict[str, str]:
    before = snapshot(session)
    response = upload(client, session, language, data)
    assert response.status_code == 400
    assert snapshot(session) == before
    assert find(response.content.decode(), "div", class_="error", role="alert") is not None
    return problems(response)


def test_unknown_ids_and_another_bodys_ids_are_refused(client, wg3, secretary, without_zh):
    other = factories.session()
    foreign = factories.item(other, "Foreign item")
    note = factories.footnote(foreign, "1", "Foreign note")
    data = export(client, wg3, "zh")
    root = ET.fromstring(data)
    file = root.find(f"{X}file")
    for unit_id in (f"item-{foreign.pk}-title", f"footnote-{note.pk}", "item-999999-title"):
        unit = ET.SubElement(file, f"{X}unit", {"id": unit_id})
        segment = ET.SubElement(unit, f"{X}segment")
        ET.SubElement(segment, f"{X}source").text = "Foreign item"
        ET.SubElement(segment, f"{X}target").text = "外来"
    found = refused(client, wg3, "zh", fill(ET.tostring(root), None))
    assert set(found) >= {f"item-{foreign.pk}-title", f"footnote-{note.pk}", "item-999999-title"}
    assert "No text of this session has this id" in found[f"footnote-{note.pk}"]
    assert AgendaItem.objects.get(pk=foreign.pk).title == {"en": "Foreign item"}


def _annotation(without_zh) -> str:
    return f"item-{without_zh['item'].pk}-annotation"


def test_a_missing_placeholder_is_refused(client, wg3, secretary, without_zh):
    unit_id = _annotation(without_zh)

    def drop(uid, target):
        if uid == unit_id:
            target.remove(target.findall(f"{X}ph")[0])

    found = refused(client, wg3, "zh", fill(export(client, wg3, "zh"), drop))
    assert list(found) == [unit_id]
    assert "Placeholders missing from the translation" in found[unit_id]


def test_a_changed_or_typed_placeholder_is_refused(client, wg3, secretary, without_zh):
    unit_id = _annotation(without_zh)

    def change(uid, target):
        if uid == unit_id:
            phs = target.findall(f"{X}ph")
            phs[0].set("disp", "[^99]")
            phs[-1].tail = (phs[-1].tail or "") + " [^1]"

    found = refused(client, wg3, "zh", fill(export(client, wg3, "zh"), change))
    assert "Placeholders changed" in found[unit_id]
    assert "Footnote calls typed as text ([^1])" in found[unit_id]


def test_an_empty_target_is_refused(client, wg3, secretary, without_zh):
    unit_id = f"item-{without_zh['item'].pk}-title"

    def empty(uid, target):
        if uid == unit_id:
            target.text = "  "

    found = refused(client, wg3, "zh", fill(export(client, wg3, "zh"), empty))
    assert found == {unit_id: f"{unit_id}: The translation is empty."}


def test_a_target_the_validators_refuse_is_refused(client, wg3, secretary, without_zh):
    unit_id = f"item-{without_zh['item'].pk}-title"

    def long(uid, target):
        if uid == unit_id:
            target.text = "长" * 2001

    found = refused(client, wg3, "zh", fill(export(client, wg3, "zh"), long))
    assert "The Chinese text has 2,001 characters; at most 2,000 are allowed." in found[unit_id]


def test_a_source_changed_since_the_export_is_refused(client, wg3, secretary, without_zh):
    data = fill(export(client, wg3, "zh"), None)
    item = AgendaItem.objects.get(pk=without_zh["item"].pk)
    item.title = {**item.title, "en": "A new title"}
    item.save()
    found = refused(client, wg3, "zh", data)
    assert "source text has changed" in found[f"item-{item.pk}-title"]


def test_the_wrong_language_is_refused(client, wg3, secretary, without_zh):
    before = snapshot(wg3)
    response = upload(client, wg3, "fr", fill(export(client, wg3, "zh"), None))
    assert response.status_code == 400
    assert snapshot(wg3) == before
    assert "The file translates into “zh”, not into French (fr)." in response.content.decode()


@pytest.mark.parametrize(
    "data, message",
    [
        (b"<xliff", "not well-formed XML"),
        (
            b"<?xml version='1.0'?><xliff version='1.2'"
            b" xmlns='urn:oasis:names:tc:xliff:document:1.2'/>",
            "not an XLIFF 2.0 file",
        ),
        (f"<xliff xmlns='{NS}' version='3.0' srcLang='en' trgLang='zh'/>".encode(), "version 3.0"),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            b"<xliff>&xxe;</xliff>",
            "DTD or entities",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
            b"<xliff>&c;</xliff>",
            "DTD or entities",
        ),
    ],
)
def test_malformed_and_hostile_files_are_refused(client, wg3, secretary, data, message):
    before = snapshot(wg3)
    response = upload(client, wg3, "zh", data)
    assert response.status_code == 400
    assert snapshot(wg3) == before
    assert message in find(response.content.decode(), "ul", class_="import-problems").text


def test_a_file_too_large_is_refused_before_it_is_read(client, wg3, secretary):
    response = upload(client, wg3, "zh", b" " * (2 * 1024 * 1024 + 1))
    assert response.status_code == 200
    assert "The file is larger than 2 MB." in response.content.decode()
    with pytest.raises(XliffRejected):
        translations.import_translations(wg3, "zh", b" " * (2 * 1024 * 1024 + 1))


def test_problems_are_in_the_interface_language(client, wg3, secretary, without_zh):
    unit_id = f"item-{without_zh['item'].pk}-title"

    def empty(uid, target):
        if uid == unit_id:
            target.text = ""

    response = client.post(
        url("session-translations", wg3),
        {
            "language": "zh",
            "file": SimpleUploadedFile("t.xlf", fill(export(client, wg3, "zh"), empty)),
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    found = problems(response)
    assert found[unit_id] == f"{unit_id}: La traduction est vide."


# --- permissions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, args", [("session-translations", []), ("translation-export", ["zh"])]
)
def test_anonymous_users_go_to_the_login_page(client, wg3, name, args):
    response = client.get(url(name, wg3, *args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_another_bodys_secretariat_is_refused(client, wg3, without_zh):
    other = factories.secretariat_member(factories.body(), "other")
    client.force_login(other)
    assert client.get(url("translation-export", wg3, "zh")).status_code == 403
    assert client.get(url("session-translations", wg3)).status_code == 403
    before = snapshot(wg3)
    data = fill(units_file(wg3), None)
    assert upload(client, wg3, "zh", data).status_code == 403
    assert snapshot(wg3) == before


def units_file(session) -> bytes:
    from agenda.outputs.xliff import build_xliff

    status = working_status(session)
    return build_xliff(
        file_id="x",
        source_language="en",
        target_language="zh",
        units=translations.export_units(status, "zh"),
    )


def test_the_translations_page_lists_the_texts_of_a_language(client, wg3, secretary, without_zh):
    html = client.get(url("session-translations", wg3) + "?lang=zh").content.decode()
    rows = {tr["data-segment"]: tr for tr in find_all(html, "tr") if tr.get("data-segment")}
    assert set(rows) == {s.id for s in working_status(wg3).segments}
    assert rows[f"item-{without_zh['item'].pk}-title"]["class"] == "missing"
    assert rows["session-title"]["class"] == "translated"
    assert current_version(wg3) is not None


def test_an_edit_in_the_editor_brings_the_percentages_again(client, wg3, secretary):
    item = AgendaItem.objects.get(session=wg3, parent=None, position=0)
    response = client.post(
        url("item-edit", wg3, item.pk),
        {
            "lang": "fr",
            "title": "Questions d’organisation",
            "annotation": "",
            "version": item.version,
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    line = find(html, "div", id="editor-translations")
    assert line is not None and line["hx-swap-oob"] == "true"
    total = working_status(wg3)["fr"].total
    assert percents(html)["fr"] == f"{100 // total}%"


def test_a_file_from_another_original_language_is_refused(client, wg3, secretary, without_zh):
    data = fill(export(client, wg3, "zh"), None).replace(b'srcLang="en"', b'srcLang="fr"')
    before = snapshot(wg3)
    response = upload(client, wg3, "zh", data)
    assert response.status_code == 400
    assert snapshot(wg3) == before
    assert "original language is English (en)" in response.content.decode()


def test_a_whole_export_sent_back_unchanged_changes_nothing(client, wg3, secretary):
    data = export(client, wg3, "zh", all="1")
    before = snapshot(wg3)
    assert translations.import_translations(wg3, "zh", data) == 0
    assert snapshot(wg3) == before
    assert pending_changes(wg3, "en") == []


def test_a_translation_may_put_the_footnote_calls_in_another_order(client, wg3, secretary):
    item = AgendaItem.objects.get(session=wg3, parent=None, position=1)
    english = item.annotation["en"]
    assert english.index("[^1]") < english.index("[^2]")
    swapped = "[^2] 先 [^1] 后" + "".join(f"\\n- 第{n}项" for n in range(3)).replace("\\n", "\n")
    item.annotation = {**item.annotation, "fr": swapped}
    item.save()
    data = export(client, wg3, "fr", all="1")
    target = units(data)[f"item-{item.pk}-annotation"].find(f"{X}segment/{X}target")
    assert [ph.get("disp") for ph in target.iter(f"{X}ph")] == ["[^2]", "[^1]", "- ", "- ", "- "]
    root = ET.fromstring(data)
    file = root.find(f"{X}file")
    for unit in list(file):
        if unit.get("id") != f"item-{item.pk}-annotation":
            file.remove(unit)
    before = snapshot(wg3)
    # read back as it was: nothing to write
    assert translations.import_translations(wg3, "fr", ET.tostring(root)) == 0
    assert snapshot(wg3) == before


def test_a_translation_tool_reads_the_export_and_its_file_imports(client, wg3, secretary):
    """The Translate Toolkit (what Weblate and Pootle build on) as an independent reader and
    writer of XLIFF 2.0: it sees every unit, with the placeholders as inline codes, and the
    file it writes back (source copied to target, then edited) is accepted."""
    from translate.storage.xliff2 import Xliff2File

    store = Xliff2File.parsestring(export(client, wg3, "ru"))
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("en", "ru")
    expected = {s.id for s in working_status(wg3)["ru"].missing}
    assert {u.getid() for u in store.units} == expected
    for unit in store.units:
        if "[^" in str(working_status(wg3).segment(unit.getid()).source):
            unit.rich_target = unit.rich_source  # codes kept: only the words change
        else:
            unit.target = f"RU {unit.source}"
    response = upload(client, wg3, "ru", bytes(store))
    assert response.status_code == 302, problems(response)
    assert working_status(Session.objects.get(pk=wg3.pk))["ru"].percent == 100
