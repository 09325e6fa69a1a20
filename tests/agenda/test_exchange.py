import copy
import json

import pytest
from django.core.management import CommandError, call_command

from agenda.models import AgendaItem, Document, DocumentLink, Footnote, ScheduledItem
from agenda.outputs.exchange import ImportFailed, SessionExists, export_session, import_session
from meetings.models import Body, RemovedSitting, Session, Sitting, Venue
from tests import factories

pytestmark = pytest.mark.django_db

ALL_MODELS = (Venue, Body, Session, Sitting, AgendaItem, Footnote, Document, DocumentLink,
              ScheduledItem, RemovedSitting)  # fmt: skip


def table_counts():
    return {model.__name__: model.objects.count() for model in ALL_MODELS}


@pytest.fixture
def wg3_data(seed_files):
    path = next(p for p in seed_files if p.name == "ctoc-cop-wg3-15.json")
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_seed_file_round_trips_exactly(seed_files):
    for path in seed_files:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert export_session(import_session(data)) == data, path.name


def test_export_then_import_into_an_empty_database_reproduces_the_session(wg3_data):
    exported = export_session(import_session(wg3_data))
    Session.objects.all().delete()
    Document.objects.all().delete()
    assert export_session(import_session(copy.deepcopy(exported))) == exported


def test_export_then_import_reproduces_a_session_built_by_hand():
    session = factories.session(interpretation_languages=["en", "fr"])
    item = factories.item(session, "Organizational matters", annotation={"en": "See[^a]."})
    factories.footnote(item, "a", "A footnote.")
    sub = factories.item(session, "Opening", parent=item)
    document = factories.document(session=session)
    DocumentLink.objects.create(item=sub, document=document)
    sitting = factories.sitting(session, room="Board Room D", interpretation=False)
    factories.schedule(sitting, sub, item)
    exported = export_session(session)
    Document.objects.all().delete()
    assert export_session(import_session(exported, replace=True)) == exported
    assert exported["session"]["sittings"][0]["items"] == ["1(a)", "1"]


def test_job_number_title_variant_and_organizer_travel_and_are_optional(wg3_data):
    assert "job_number" not in wg3_data["session"]  # files without them stay valid
    wg3_data["session"] |= {"job_number": "V.24-01234", "title_variant": "annotated_agenda"}
    wg3_data["bodies"][1]["organizer_email"] = "wg3-secretariat@example.org"
    session = import_session(copy.deepcopy(wg3_data))
    assert (session.job_number, session.title_variant) == ("V.24-01234", "annotated_agenda")
    assert session.body.organizer_email == "wg3-secretariat@example.org"
    assert export_session(session) == wg3_data
    content = factories.content(session)  # and what delegates see of it, as published
    assert (content.session.job_number, content.session.title_variant) == (
        "V.24-01234",
        "annotated_agenda",
    )
    assert content.session.body.organizer_email == "wg3-secretariat@example.org"


@pytest.mark.parametrize(
    ("where", "value", "error"),
    [
        ("job_number", "V.24 01234", "session.job_number: 'V.24 01234' does not match"),
        ("title_variant", "agenda", "session.title_variant: 'agenda' is not one of"),
    ],
)
def test_malformed_job_numbers_and_title_variants_are_refused(wg3_data, where, value, error):
    wg3_data["session"][where] = value
    with pytest.raises(ImportFailed) as exc:
        import_session(wg3_data)
    assert len(exc.value.errors) == 1 and exc.value.errors[0].startswith(error)


def test_an_existing_session_is_not_overwritten_without_replace(wg3_data):
    import_session(wg3_data)
    before = table_counts()
    with pytest.raises(SessionExists) as exc:
        import_session(wg3_data)
    assert exc.value.errors == [
        "session: ctoc-cop-wg3 already has session 15; import with --replace to overwrite it."
    ]
    assert table_counts() == before


def test_replace_overwrites_the_session(wg3_data):
    import_session(wg3_data)
    wg3_data["session"]["agenda"].pop()
    wg3_data["session"]["sittings"][-1]["items"] = []
    session = import_session(wg3_data, replace=True)
    assert session.agenda_items.filter(parent=None).count() == 4


def assert_rejected(data, errors):
    before = table_counts()
    with pytest.raises(ImportFailed) as exc:
        import_session(data)
    assert exc.value.errors == errors
    assert table_counts() == before


def test_schema_errors_are_listed_with_their_place(wg3_data):
    wg3_data["session"]["start_date"] = "5 June 2024"
    wg3_data["session"]["format"] = "zoom"
    del wg3_data["session"]["agenda"][0]["title"]
    assert_rejected(
        wg3_data,
        [
            "session.agenda[0]: 'title' is a required property",
            "session.format: 'zoom' is not one of ['in_person', 'hybrid', 'online']",
            "session.start_date: '5 June 2024' is not valid under any of the given schemas",
        ],
    )


def test_domain_errors_are_all_reported_and_nothing_is_written(wg3_data):
    sittings = wg3_data["session"]["sittings"]
    sittings[1]["start_time"] = "12:00"  # overlaps the morning sitting
    sittings[2]["date"] = "2024-06-09"  # outside the session
    sittings[3]["items"] = ["9"]
    wg3_data["session"]["agenda"][0]["items"][0]["items"] = [{"title": {"en": "Too deep"}}]
    wg3_data["session"]["agenda"][1]["annotation"]["en"] += " [^99]"
    wg3_data["documents"][0]["symbol"] = "CTOC//WG.2"
    assert_rejected(
        wg3_data,
        [
            "documents[0].symbol: “CTOC//WG.2” has an empty part: remove the doubled or "
            "trailing “/”.",
            "session.agenda[0].items[0].items[0].parent: Sub-items cannot have sub-items of "
            "their own: agendas number items 1, 2, … and sub-items (a), (b), … only.",
            "session.agenda[1].annotation.en: [^99] refers to a footnote this item does not have.",
            "session.agenda[2].documents[1]: CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4 is not "
            "in the file's documents list.",
            "session.sittings[1]: This meeting overlaps meeting 1 of the same session "
            "(5 June 2024, 10:00–13:00).",
            "session.sittings[2].date: 9 June 2024 is outside the session's dates "
            "(5 June 2024 to 6 June 2024).",
            "session.sittings[3].items[0]: the agenda has no item 9.",
        ],
    )


def test_unknown_parent_body_is_reported(wg3_data):
    wg3_data["bodies"] = wg3_data["bodies"][1:]
    assert_rejected(
        wg3_data,
        ["bodies[0]: parent “ctoc-cop” is neither listed before this body nor known already."],
    )


def test_unknown_format_version_is_refused(wg3_data):
    wg3_data["version"] = 2
    assert_rejected(
        wg3_data,
        ["(file): format version 2 is not supported (this installation reads version 1)."],
    )


def test_not_a_session_file_is_refused():
    assert_rejected(
        [1, 2], ['(file): not a session file (expected "format": "un-meetings/session").']
    )


def test_import_command_reports_errors_and_exit_code(tmp_path, wg3_data):
    wg3_data["session"]["number"] = 0
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(wg3_data), encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("import_session", str(path))
    assert str(exc.value) == (
        f"{path} was not imported; nothing was changed:\n"
        "  session.number: 0 is less than the minimum of 1"
    )


def test_import_command_rejects_invalid_json(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("import_session", str(path))
    assert str(exc.value).startswith(f"{path} is not valid JSON: Expecting property name")


def test_export_and_import_commands_round_trip(tmp_path, seeded):
    path = tmp_path / "wg3.json"
    call_command("export_session", "ctoc-cop-wg3", "15", output=str(path))
    exported = json.loads(path.read_text(encoding="utf-8"))
    call_command("import_session", str(path), replace=True)
    session = Session.objects.get(body__slug="ctoc-cop-wg3", number=15)
    assert export_session(session) == exported


def test_deeply_nested_agenda_is_refused_cleanly(wg3_data):
    nested = {"title": {"en": "x"}}
    for _ in range(5000):
        nested = {"title": {"en": "x"}, "items": [nested]}
    wg3_data["session"]["agenda"] = [nested]
    assert_rejected(wg3_data, ["(file): the data is nested too deeply to be a session."])


WG3_UIDS = [
    "1c037d8a-a81a-494a-8a10-40cd0ddbe57a",
    "5c552ca7-d7f0-41a9-a607-9572ce7193d0",
    "b9ea3f1d-c2fa-4517-8ebe-810ebcebe765",
    "4732c3c1-ef26-4252-890e-aae806c97446",
]


def test_sitting_uids_survive_import_and_export(wg3_data):
    session = import_session(wg3_data)
    assert sorted(str(uid) for uid in session.sittings.values_list("uid", flat=True)) == sorted(
        WG3_UIDS
    )
    assert [s["uid"] for s in export_session(session)["session"]["sittings"]] == WG3_UIDS


def test_a_sitting_without_uid_gets_a_new_one(wg3_data):
    del wg3_data["session"]["sittings"][0]["uid"]
    session = import_session(wg3_data)
    uid = str(session.sittings.get(number=1).uid)
    assert uid not in WG3_UIDS
    assert export_session(session)["session"]["sittings"][0]["uid"] == uid


def test_malformed_uids_are_refused(wg3_data):
    wg3_data["session"]["sittings"][1]["uid"] = "not-a-uuid"
    assert_rejected(wg3_data, ["session.sittings[1].uid: 'not-a-uuid' is not a 'uuid'"])


def test_a_uid_used_twice_in_the_file_is_refused(wg3_data):
    wg3_data["session"]["sittings"][2]["uid"] = WG3_UIDS[0].upper()
    assert_rejected(
        wg3_data,
        [f"session.sittings[2].uid: {WG3_UIDS[0]} is already the uid of session.sittings[0]."],
    )


def test_a_uid_of_another_sitting_is_refused(wg3_data):
    other = factories.sitting(factories.session(number=9, body=factories.body(slug="wg")))
    wg3_data["session"]["sittings"][3]["uid"] = str(other.uid)
    assert_rejected(
        wg3_data,
        [f"session.sittings[3].uid: {other.uid} is already the uid of meeting 1 of wg session 9."],
    )


def event_sequence(session, uid) -> int:
    content = factories.content(session)
    return content.event(next(s for s in content.sittings if s.uid == uid)).sequence


def test_replace_revives_the_same_uids_above_the_cancelled_sequence(wg3_data):
    session = import_session(wg3_data)
    sitting = session.sittings.get(number=1)
    sitting.room = "Board Room D"
    sitting.save()
    factories.publish(session)
    published = event_sequence(session, sitting.uid)
    assert published == 1
    session = import_session(wg3_data, replace=True)
    # calendars were sent published + 1 with STATUS:CANCELLED when the session went
    assert event_sequence(session, sitting.uid) == published + 2
    assert RemovedSitting.objects.count() == 0


def test_reimporting_a_deleted_session_revives_its_events(wg3_data):
    session = import_session(wg3_data)
    session.delete()
    assert RemovedSitting.objects.count() == 4
    import_session(wg3_data)
    assert RemovedSitting.objects.count() == 0
    assert sorted(str(u) for u in Sitting.objects.values_list("uid", flat=True)) == sorted(WG3_UIDS)
