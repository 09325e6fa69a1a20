"""The documented backup and restore (README: Backup and restore) loses nothing: a full
dumpdata read back into an emptied database gives the same data, and every session exported
in the exchange format is imported back identical."""

import io
import json
import re

import pytest
from django.core.management import call_command

from agenda.outputs.exchange import export_session
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
    sessions = exports()
    files = sorted(tmp_path.glob("*.json"))
    assert [f.name for f in files] == sorted(f"{b}-{n}.json" for b, n in sessions)
    call_command("flush", interactive=False, verbosity=0)
    for file in files:
        call_command("import_session", str(file), stdout=io.StringIO())
    assert exports() == sessions
