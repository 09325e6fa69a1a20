"""Hostile session files (agenda.outputs.exchange): every problem is reported with its place in the
file and nothing is written; markup that is valid text is imported and escaped on the page."""

import copy
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from agenda.outputs.exchange import ImportFailed, import_session
from meetings.models import Session
from tests.hostile.conftest import url
from tests.hostile.test_forms import ESCAPED, MARKUP, SCRIPT, TEN_MB


def changed(data, path, value):
    data = copy.deepcopy(data)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def new_venue(data, time_zone):
    data = copy.deepcopy(data)
    data["venues"].append({**data["venues"][0], "slug": "olympus", "time_zone": time_zone})
    data["session"]["venue"] = "olympus"
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: changed(d, ["session", "start_date"], "2024-02-30"),
            "session.start_date: '2024-02-30' is not valid under any of the given schemas",
        ),
        (
            lambda d: changed(d, ["session", "sittings", 0, "start_time"], "25:00"),
            "session.sittings[0].start_time: '25:00' is not valid under any of the given schemas",
        ),
        (
            lambda d: new_venue(d, "Mars/Olympus"),
            "venues[1].time_zone: “Mars/Olympus” is not a known time zone",
        ),
        (
            lambda d: new_venue(d, "../../etc/passwd"),
            "venues[1].time_zone: “../../etc/passwd” is not a known time zone",
        ),
        (
            lambda d: changed(d, ["session", "agenda", 0, "title", "en"], TEN_MB),
            "session.agenda[0].title.en: a text of 10,485,760 characters; at most 100,000 "
            "are allowed.",
        ),
        (
            lambda d: changed(
                d,
                ["session", "agenda", 0, "items"],
                [{"title": {"en": "x"}, "items": [{"title": {"en": "y"}}]}],
            ),
            "session.agenda[0].items[0].items[0].parent: Sub-items cannot have sub-items of their "
            "own",
        ),
    ],
)
def test_a_bad_file_is_refused_with_the_place_of_each_problem(exported, rows, change, message):
    before = rows()
    with pytest.raises(ImportFailed) as refused:
        import_session(change(exported))
    assert any(error.startswith(message) for error in refused.value.errors), refused.value.errors
    assert all(len(error) < 2_000 for error in refused.value.errors)  # no 10 MB echo
    assert rows() == before


def test_deeply_nested_data_is_refused(exported, rows):
    deep = []
    for _ in range(100_000):
        deep = [deep]
    before = rows()
    with pytest.raises(ImportFailed) as refused:
        import_session(changed(exported, ["session", "agenda"], deep))
    assert len(refused.value.errors) >= 1
    assert rows() == before


def test_deeply_nested_file_is_refused_by_the_command(tmp_path, db):
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(CommandError, match="is nested too deeply to be a session file"):
        call_command("import_session", str(path))


def test_markup_in_a_file_is_imported_as_text_and_escaped(client, exported):
    data = changed(exported, ["session", "agenda", 0, "title", "en"], MARKUP)
    imported = import_session(json.loads(json.dumps(data)))
    assert imported.agenda_items.get().title == {"en": MARKUP}
    page = client.get(url("session-detail", imported))
    assert SCRIPT not in page.text
    assert ESCAPED in page.text
    assert Session.objects.filter(number=99).count() == 1
