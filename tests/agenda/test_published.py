"""The published facts are declared once (agenda/published.py): every field of the models
they come from is declared or excluded with its reason, and every output reads the
declaration (the schema, the export, the changes, the editor's form)."""

import io
from html import escape

import docx
import pytest

from agenda import published
from agenda.outputs import exchange
from agenda.outputs.document_terms import document_terms
from agenda.outputs.docx.render import render_agenda_docx
from agenda.outputs.page import render_session_document
from agenda.outputs.pdf.render import render_agenda_html
from agenda.reads import changes
from agenda.views.editor.forms import SittingForm
from meetings.models import Sitting
from tests import factories
from tests.parsed import find_all

MODELS = sorted(published.EXCLUDED, key=lambda model: model.__name__)


def model_fields(model) -> set[str]:
    """The model's own fields (forward ones: those a migration would add), not relations
    other models point at it with."""
    return {
        f.name
        for f in model._meta.get_fields()
        if f.concrete or (f.many_to_many and not f.auto_created)
    }


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_is_declared_or_excluded_with_a_reason(model):
    declared = {fact.name for fact in published.DECLARED.get(model, ())}
    excluded = published.EXCLUDED[model]
    assert model_fields(model) - declared - set(excluded) == set(), (
        "a field of this model is neither a published fact (agenda/published.py) nor "
        "excluded there with its reason"
    )
    assert declared & set(excluded) == set()
    assert (declared | set(excluded)) - model_fields(model) == set()  # no stale names
    assert all(reason.strip() for reason in excluded.values())


def test_every_declaring_model_is_checked():
    assert set(published.DECLARED) <= set(published.EXCLUDED)


@pytest.mark.parametrize("name", sorted(exchange.DECLARED_OBJECTS))
def test_the_schema_has_each_declared_fact(name):
    facts = exchange.DECLARED_OBJECTS[name]
    written = exchange.schema()["$defs"][name]
    for fact in facts:
        assert written["properties"][fact.data_key] == fact.schema
        assert (fact.data_key in written["required"]) == fact.required


def test_an_export_writes_each_sitting_fact_and_a_file_without_the_optional_ones_is_read(db):
    session = factories.session()
    factories.sitting(session, room="Board Room D", interpretation=False, cancelled=True)
    (row,) = exchange.export_session(session)["session"]["sittings"]
    assert set(row) == {fact.data_key for fact in published.SITTING} | {"items"}
    assert published.values(row, published.SITTING)["room"] == "Board Room D"
    document = {"symbol": "A/1", "title": {"en": "Old"}, "kind": "other", "status": "issued"}
    document |= {"original_language": "en", "session": False}  # as stored before
    read = published.values(document, published.DOCUMENT)
    defaults = {"issue_date": None, "prepared_by": {}, "languages": [], "distribution": "general"}
    expected = {**document, **defaults}
    del expected["session"]  # a derived fact: the importer's
    assert read == expected


def test_each_compared_fact_has_its_label_in_the_changes():
    for facts in published.DECLARED.values():
        for fact in facts:
            if fact.compared:
                assert fact.compared in changes.FIELD_LABELS


def test_the_meeting_form_has_the_facts_people_type():
    assert [name for name in SittingForm().fields if name != "version"] == [
        fact.name for fact in published.SITTING if fact.form
    ]
    # each typed fact is guarded by the form's lock, or left out of it with a reason
    for name in published.form_fields():
        assert (name in Sitting.guarded_fields()) != (name in Sitting.UNGUARDED), name


DOCUMENT_FACTS = [fact for fact in published.SITTING if fact.document]
SHOWN = {"room": "Board Room D"}  # a value each fact the document shows is given here


def word_annex(content, language) -> str:
    """The Word document's annex table as HTML rows: its first column's cells, as <th>."""
    table = docx.Document(io.BytesIO(render_agenda_docx(content, language))).tables[-1]
    cells = [row.cells[0].text for row in table.rows[1:]]
    rows = "".join(f'<tr><th scope="row">{escape(text)}</th></tr>' for text in cells)
    return f'<table class="organization-of-work">{rows}</table>'


@pytest.mark.parametrize("fact", DOCUMENT_FACTS, ids=lambda fact: fact.name)
@pytest.mark.parametrize("render", [render_session_document, render_agenda_html, word_annex])
def test_the_facts_the_document_shows_are_in_its_organization_of_work(db, fact, render):
    """The page's, the PDF's and the Word document's annex show a meeting's declared facts
    beside its time, under their heading in the document's language."""
    session = factories.session()
    item = factories.item(session, "Opening")
    factories.schedule(factories.sitting(session, **{fact.name: SHOWN[fact.name]}), item)
    factories.sitting(session, start="15:00", end="18:00")  # one without: nothing shown
    factories.schedule(session.sittings.last(), item)
    html = render(factories.content(session), "zh")
    (table,) = find_all(html, "table", class_="organization-of-work")
    heading = document_terms("zh")[fact.term] + document_terms("zh")["label_separator"]
    cells = [cell.text for cell in table.within("th") if cell.get("scope") == "row"]
    # the first meeting's cell, not the other's (nor, in Word, the day's)
    assert [heading + SHOWN[fact.name] in cell for cell in cells].count(True) == 1
