"""The documented backup and restore (README: Backup and restore) loses nothing: a full
dumpdata read back into an emptied database gives the same data, and every session exported
in the exchange format is imported back identical."""

import datetime as dt
import io
import json
import re

import pytest
from django.core.management import call_command

from agenda import published
from agenda.models import Document
from agenda.outputs.exchange import export_session
from agenda.reads.agenda import agenda_rows
from agenda.rules.numbering import number_items
from agenda.services import editing, publishing
from meetings.models import Session
from tests import factories

# The dump of the README, without what migrate recreates (content types, permissions) and
# what a restore must not bring back (sign-in sessions, failed-login records).
DUMP = ["--natural-foreign", "--natural-primary"]
DUMP += ["-e", "contenttypes", "-e", "auth.permission", "-e", "sessions", "-e", "axes"]
DUMP += ["-e", "django_tasks_database", "-e", "agenda.pdfrender"]  # made again, not restored


def dump(*extra) -> str:
    out = io.StringIO()
    call_command("dumpdata", *DUMP, *extra, stdout=out)
    return out.getvalue()


def millisecond_times(text: str) -> list:
    """The JSON dump keeps times to the millisecond and writes .000 as nothing: 12:41:57.000400
    is dumped as 12:41:57.000Z, restored as 12:41:57 and dumped again as 12:41:57Z."""
    return json.loads(re.sub(r'(T\d\d:\d\d:\d\d)Z"', r'\1.000Z"', text))


def published_rows() -> dict:
    """Every published fact of the rows the exports hold, read from the models themselves
    (agenda/published.py), keyed as the file knows them: a fact that an export left out,
    and so its re-export too, still differs here after a round trip."""
    found = {}
    for session in Session.objects.select_related("body").order_by("pk"):
        key = (session.body.slug, session.number)
        rows = agenda_rows(session)
        numbers = number_items(rows.items)
        for item in rows.items:
            found[(*key, "item", numbers[item.pk])] = facts(item)
            for footnote in rows.footnotes.get(item.pk, []):
                found[(*key, numbers[item.pk], footnote.label)] = facts(footnote)
            listed = [document.symbol for document in rows.documents.get(item.pk, [])]
            found[(*key, numbers[item.pk], "documents")] = listed
        for sitting in session.sittings.all():
            found[("sitting", sitting.uid)] = facts(sitting)
    symbols = {d["symbol"] for data in exports().values() for d in data["documents"]}
    for document in Document.objects.filter(symbol__in=symbols).select_related("session"):
        found[("document", document.symbol)] = facts(document)
    return found


def facts(row) -> dict:
    """A model row's fields but those agenda/published.py excludes (row ids, locks, derived
    columns): so a field neither exported nor excluded is lost here. Another row is named by
    what it prints as (ids change on import)."""
    excluded = published.EXCLUDED[type(row)]
    return {
        field.name: str(getattr(row, field.name)) if field.is_relation else getattr(row, field.name)
        for field in type(row)._meta.concrete_fields
        if field.name not in excluded
    }


def exports() -> dict:
    return {
        (s.body.slug, s.number): export_session(s)
        for s in Session.objects.select_related("body").order_by("pk")
    }


@pytest.fixture
def lived_in(seeded):
    """The seeded data, plus what a year of use leaves: staff, edits (history), an issued
    version, a Chinese title, a deleted meeting."""
    wg3 = Session.objects.get(body__slug="ctoc-cop-wg3", number=15)
    clerk = factories.secretariat_member(wg3.body, "clerk")
    item = wg3.agenda_items.filter(parent=None).first()
    editing.update_item(
        item, expected_version=item.version, language="zh", title="会议开幕", annotation="说明"
    )
    draft = factories.session(
        body=wg3.body, status=Session.Status.DRAFT, agenda_symbol="CTOC/COP/WG.3/2025/1"
    )
    factories.item(draft, "Opening")
    publishing.publish(draft, by=clerk)
    factories.sitting(draft).delete()
    # every fact of a sitting, an item and a document away from its default
    factories.sitting(draft, room="Board Room D", interpretation=False, cancelled=True)
    pinned = factories.item(draft, "Pinned", fixed_number=5, annotation={"en": "Why[^1]."})
    factories.footnote(pinned, "1", "A note.")
    factories.item(draft, "Late", bis=1)
    limited = factories.document(
        "CTOC/COP/WG.3/2025/L.1", session=draft, issue_date=dt.date(2025, 1, 3), languages=["en"]
    )
    limited.prepared_by = {"en": "the Secretariat"}
    limited.save()
    return wg3


def test_dumpdata_restored_into_an_empty_database_is_identical(
    transactional_db, lived_in, tmp_path
):
    backup = tmp_path / "backup.json"
    backup.write_text(dump(), encoding="utf-8")
    before, sessions = millisecond_times(backup.read_text()), exports()
    call_command("flush", interactive=False, verbosity=0)
    assert Session.objects.count() == 0
    call_command("loaddata", str(backup), verbosity=0)
    # Published versions included: a restore is not a change (ETags and calendar
    # SEQUENCEs stay as delegates' calendars know them).
    assert millisecond_times(dump()) == before
    assert exports() == sessions


def test_sessions_exported_and_imported_into_an_empty_database(
    transactional_db, lived_in, tmp_path
):
    call_command("export_sessions", str(tmp_path), stderr=io.StringIO())
    sessions, rows = exports(), published_rows()
    files = sorted(tmp_path.glob("*.json"))
    assert [f.name for f in files] == sorted(f"{b}-{n}.json" for b, n in sessions)
    call_command("flush", interactive=False, verbosity=0)
    for file in files:
        call_command("import_session", str(file), stdout=io.StringIO())
    assert published_rows() == rows
    assert exports() == sessions
