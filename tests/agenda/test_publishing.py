"""Publishing: delegates see what the secretariat published, version by version.

Domain rules (first issue, revisions and corrigenda, schedule updates, immutability), what
changed between versions, the calendar SEQUENCE per sitting, and every public output
reading the published version while the working copy stays private."""

import datetime as dt
import json
import re
import subprocess
import zoneinfo

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from icalendar import Calendar

from agenda.models import Document, DocumentLink, PublishedVersion
from agenda.reads.changes import compare
from agenda.reads.content import forget_contents, published_content
from agenda.services import editing, lifecycle, publishing
from meetings.models import Session
from tests import factories
from tests.parsed import Element, find, find_all, parse

pytestmark = pytest.mark.django_db
VIENNA = zoneinfo.ZoneInfo("Europe/Vienna")


@pytest.fixture
def session():
    session = factories.session(status=Session.Status.DRAFT, agenda_symbol="CTOC/COP/WG.3/2024/1")
    org = editing.add_item(session, title="Organizational matters", language="en")
    editing.add_item(session, title="Opening", language="en", parent=org)
    editing.add_item(session, title="Technology", language="en")
    factories.sitting(session)
    return Session.objects.get(pk=session.pk)


def item_titled(session, title):
    return session.agenda_items.get(title__en=title)


# --- the domain ------------------------------------------------------------------------------


def retitled(html) -> list[tuple[str, str]]:
    """The titles a change page shows struck out, each with the one put in its place."""
    pairs = []
    for deleted in find_all(html, "del"):
        following = deleted.after
        inserted = following[1] if len(following) > 1 else None
        if (
            following
            and following[0].strip() == "→"
            and isinstance(inserted, Element)
            and inserted.tag == "ins"
        ):
            pairs.append((deleted.find("bdi").text, inserted.find("bdi").text))
    return pairs


def test_the_first_publication_issues_version_1_and_freezes_the_numbers(session):
    user = User.objects.create_user("sec")
    version = publishing.publish(session, by=user)
    session.refresh_from_db()
    assert (version.number, version.kind, version.symbol) == (1, "issue", "CTOC/COP/WG.3/2024/1")
    assert (version.published_by, version.is_current, session.status) == (user, True, "issued")
    assert session.issue_date == version.issue_date
    assert session.agenda_frozen
    agenda = version.content["session"]["agenda"]
    assert [e["title"]["en"] for e in agenda] == ["Organizational matters", "Technology"]
    # the agenda document enters the register as the session's own
    entry = Document.objects.get(symbol="CTOC/COP/WG.3/2024/1")
    assert (entry.session, entry.kind, entry.status) == (session, "provisional_agenda", "issued")


def test_an_agenda_that_is_not_ready_is_not_published(session):
    session.agenda_symbol = ""
    session.start_date = session.end_date = None
    session.save()
    with pytest.raises(ValidationError) as refused:
        publishing.publish(session)
    assert refused.value.messages == [
        "The session has no agenda symbol (e.g. CTOC/COP/WG.3/2024/1).",
        "The session has no dates.",
    ]
    assert Session.objects.get(pk=session.pk).status == "draft"
    assert not PublishedVersion.objects.exists()


def test_publishing_again_needs_a_change(session):
    publishing.publish(session)
    with pytest.raises(ValidationError, match="Nothing has changed since version 1"):
        publishing.publish(session)


def test_a_document_change_is_a_revision_or_a_corrigendum_as_chosen(session):
    publishing.publish(session)
    editing.add_item(session, title="Late item", language="en")
    with pytest.raises(ValidationError, match="revision or as a corrigendum"):
        publishing.publish(session)
    corrigendum = publishing.publish(session, kind="corrigendum")
    assert (corrigendum.number, corrigendum.symbol) == (2, "CTOC/COP/WG.3/2024/1/Corr.1")
    item = item_titled(session, "Late item")
    editing.update_item(
        item, expected_version=item.version, language="en", title="Later", annotation=""
    )
    revision = publishing.publish(session, kind="revision")
    assert revision.symbol == "CTOC/COP/WG.3/2024/1/Rev.1"
    editing.update_item(
        item, expected_version=item.version + 1, language="en", title="Last", annotation=""
    )
    assert publishing.publish(session, kind="corrigendum").symbol == (
        "CTOC/COP/WG.3/2024/1/Rev.1/Corr.1"  # corrects the current document, the revision
    )
    chain = {d.symbol: d.base.symbol if d.base else None for d in Document.objects.all()}
    assert chain == {
        "CTOC/COP/WG.3/2024/1": None,
        "CTOC/COP/WG.3/2024/1/Corr.1": "CTOC/COP/WG.3/2024/1",
        "CTOC/COP/WG.3/2024/1/Rev.1": "CTOC/COP/WG.3/2024/1",
        "CTOC/COP/WG.3/2024/1/Rev.1/Corr.1": "CTOC/COP/WG.3/2024/1/Rev.1",
    }
    assert [v.is_current for v in session.published_versions.all()] == [False] * 3 + [True]


def test_a_change_to_meetings_only_keeps_the_symbol(session):
    publishing.publish(session)
    sitting = session.sittings.get()
    sitting.room = "Board Room D"
    sitting.save()
    update = publishing.publish(session, kind="revision")  # the kind follows what changed
    assert (update.number, update.kind, update.symbol) == (2, "schedule", "CTOC/COP/WG.3/2024/1")
    assert not Document.objects.filter(symbol__contains="Rev.").exists()


def test_a_new_job_number_or_title_is_a_change_to_the_document(session):
    publishing.publish(session)
    session.job_number, session.title_variant = "V.24-01234", "annotated_agenda"
    session.save()
    [section] = compare(
        session.published_versions.get().content, publishing.working_export(session), "en"
    )
    assert [(f.name, f.before, f.after) for f in section.changes[0].fields] == [
        ("title_variant", "Provisional agenda and annotations", "Annotated provisional agenda"),
        ("job_number", "", "V.24-01234"),
    ]
    assert publishing.publish(session, kind="corrigendum").kind == "corrigendum"


def test_published_versions_are_immutable(session):
    version = publishing.publish(session)
    version.content = {}
    with pytest.raises(ValidationError, match="cannot be changed"):
        version.save()


def test_what_changed_gives_old_and_new_values_in_the_readers_language(session):
    first = publishing.publish(session)
    item = item_titled(session, "Technology")
    editing.update_item(item, expected_version=1, language="zh", title="技术", annotation="说明")
    editing.add_item(session, title="Other matters", language="en")
    doc = factories.document("CTOC/COP/WG.3/2024/2", title={"en": "Background paper"})
    DocumentLink.objects.create(item=item, document=doc, position=0)
    sitting = session.sittings.get()
    sitting.start_time = dt.time(11)
    sitting.save()
    second = publishing.publish(session, kind="revision")

    sections = {s.name: s.changes for s in compare(first.content, second.content, "zh")}
    assert list(sections) == ["items", "documents", "sittings"]
    changed, added = sections["items"]
    assert (changed.key, changed.action, added.key, added.action) == ("2", "changed", "3", "added")
    assert [(f.name, f.before, f.after) for f in changed.fields] == [
        ("title", "Technology", "技术"),  # the reader's language, else the original
        ("annotation", "", "说明"),
        ("documents", "", "CTOC/COP/WG.3/2024/2"),
    ]
    assert added.title == "Other matters"
    assert [(c.key, c.action) for c in sections["documents"]] == [
        ("CTOC/COP/WG.3/2024/1/Rev.1", "added"),  # the revision itself, in the register
        ("CTOC/COP/WG.3/2024/2", "added"),
    ]
    (meeting,) = sections["sittings"]
    assert [(f.name, f.before, f.after) for f in meeting.fields] == [
        ("time", "10:00–13:00 (Europe/Vienna)", "11:00–13:00 (Europe/Vienna)")
    ]


def test_an_item_put_under_another_number_is_shown_as_moved(session):
    first = publishing.publish(session)
    data = json.loads(json.dumps(first.content))
    agenda = data["session"]["agenda"]
    agenda.insert(0, {"title": {"en": "Election of officers"}})
    sections = compare(first.content, data, "en")
    items = {c.key: (c.action, c.moved_from) for c in sections[0].changes}
    assert items == {
        "1": ("added", ""),
        "2": ("moved", "1"),
        "2(a)": ("moved", "1(a)"),
        "3": ("moved", "2"),
    }


# --- calendars ---------------------------------------------------------------------------


def sequences(session) -> dict[int, int]:
    content = factories.content(session)
    return {s.number: content.event(s).sequence for s in content.sittings}


def test_renaming_an_item_raises_only_the_sequence_of_the_meeting_taking_it_up(session):
    opening, technology = item_titled(session, "Opening"), item_titled(session, "Technology")
    morning = session.sittings.get()
    afternoon = factories.sitting(session, number=2, start="15:00", end="18:00")
    factories.schedule(morning, opening)
    factories.schedule(afternoon, technology)
    publishing.publish(session)
    assert sequences(session) == {1: 0, 2: 0}
    editing.update_item(technology, expected_version=1, language="en", title="Tech", annotation="")
    editing.update_item(opening, expected_version=1, language="en", title="Opening",
                        annotation="An annotation does not appear in calendars.")  # fmt: skip
    publishing.publish(session, kind="corrigendum")
    assert sequences(session) == {1: 0, 2: 1}


def test_a_dropped_meeting_is_cancelled_one_higher_and_can_come_back(session):
    sitting = session.sittings.get()
    publishing.publish(session)
    uid = sitting.uid
    sitting.delete()
    version = publishing.publish(session)
    (removed,) = published_content(version).removed
    assert (removed.uid, removed.sequence) == (uid, 1)


# --- every public output reads the published version ----------------------------------------


@pytest.fixture
def secretary(wg3):
    return factories.secretariat_member(wg3.body, "secretary")


def public_texts(client, session) -> dict[str, str]:
    """What an anonymous delegate can read, output by output."""
    args = [session.body.slug, session.number]
    texts = {}
    for name, url in [
        ("page", reverse("session-detail", args=args) + "?lang=en"),
        ("timetable", reverse("session-timetable", args=args) + "?lang=en"),
        ("today", reverse("today") + "?date=2024-06-06&lang=en"),
        ("documents", reverse("session-document-list", args=args) + "?lang=en"),
        ("json", reverse("session-export", args=args)),
        ("preview", reverse("session-pdf-preview", args=[*args, "en"])),
        ("session feed", reverse("session-calendar", args=args) + "?lang=en"),
        ("body feed", reverse("body-calendar", args=[session.body.slug]) + "?lang=en"),
        ("sitting feed", reverse("sitting-calendar", args=[*args, 4]) + "?lang=en"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, name
        text = response.content.decode()
        if name.endswith("feed"):
            text = "".join(str(e.get("DESCRIPTION", "")) for e in Calendar.from_ical(text).walk())
        texts[name] = text
    pdf = client.get(reverse("session-pdf", args=[*args, "zh"])).content
    texts["zh pdf"] = " ".join(
        subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    return texts


def test_unpublished_edits_are_invisible_in_every_public_output(client, wg3):
    item = wg3.agenda_items.get(parent=None, position=4)  # item 5, adoption of the report
    editing.update_item(
        item,
        expected_version=item.version,
        language="en",
        title="Adoption of the report UNPUBLISHED",
        annotation="UNPUBLISHED annotation",
    )
    editing.update_item(
        item, expected_version=item.version + 1, language="zh", title="通过未发布", annotation=""
    )
    sitting = wg3.sittings.get(number=4)
    sitting.room = "UNPUBLISHED room"
    sitting.save()
    before = public_texts(client, wg3)
    for name, text in before.items():
        assert "UNPUBLISHED" not in text, name
        assert "通过未发布" not in text, name
    assert "通过报告" in before["zh pdf"]

    factories.publish(wg3, kind="revision")
    after = public_texts(client, wg3)
    for name in ("page", "json", "preview", "timetable", "today", "session feed", "body feed"):
        assert "UNPUBLISHED" in after[name], name
    assert "通过未发布" in after["zh pdf"]
    assert "CTOC/COP/WG.3/2024/1/Rev.1" in after["page"] + after["zh pdf"]


def test_done_when_item_4s_new_title_is_seen_only_once_published(client, wg3, secretary):
    """The issue's acceptance test: a fresh install, item 4 retitled by the secretariat."""
    item = wg3.agenda_items.get(parent=None, position=3)
    assert item.title["en"] == "Other matters"
    page = reverse("session-detail", args=["ctoc-cop-wg3", 15]) + "?lang=en"
    feed = reverse("session-calendar", args=["ctoc-cop-wg3", 15]) + "?lang=en"
    before = {
        str(e["UID"]): int(e["SEQUENCE"])
        for e in Calendar.from_ical(client.get(feed).content).walk("VEVENT")
    }
    client.force_login(secretary)
    edit = reverse("item-edit", args=["ctoc-cop-wg3", 15, item.pk])
    data = {"title": "Any other business", "annotation": item.annotation["en"], "version": 1}
    client.post(edit, data | {"lang": "en"})
    client.logout()
    assert "Any other business" not in client.get(page).content.decode()
    assert "Other matters" in client.get(page).content.decode()

    client.force_login(secretary)
    publish = reverse("session-publish", args=["ctoc-cop-wg3", 15])
    confirm = client.get(publish + "?lang=en").content
    # the item, and the meeting that takes it up
    assert "2 unpublished changes" in parse(confirm).visible_text
    assert ("Other matters", "Any other business") in retitled(confirm)
    response = client.post(
        publish, {"kind": "corrigendum", "note": "Item 4 retitled", "lang": "en"}
    )
    assert response.status_code == 302
    client.logout()

    html = client.get(page).content.decode()
    assert "Any other business" in html and "CTOC/COP/WG.3/2024/1/Corr.1" in html
    after = {
        str(e["UID"]): int(e["SEQUENCE"])
        for e in Calendar.from_ical(client.get(feed).content).walk("VEVENT")
    }
    raised = [uid for uid in after if after[uid] != before[uid]]
    thursday_morning = wg3.sittings.get(number=3)  # the meeting that takes up item 4
    assert raised == [thursday_morning.ical_uid]
    changes = client.get(reverse("session-changes", args=["ctoc-cop-wg3", 15]) + "?lang=en")
    assert ("Other matters", "Any other business") in retitled(changes.content)
    assert "Item 4 retitled" in parse(changes.content).visible_text


def test_the_seeded_session_was_issued_on_23_february_2024(client, wg3):
    html = client.get(reverse("session-changes", args=["ctoc-cop-wg3", 15]) + "?lang=en")
    text = re.sub(r"\s+", " ", html.content.decode())
    assert (
        "Version 1 (CTOC/COP/WG.3/2024/1), published 23 February 2024, 00:00 (CET), is the "
        "first published version" in text
    )


def test_the_changes_page_compares_any_two_versions_with_dates_in_the_venues_zone(client, wg3):
    for title in ("Second", "Third"):
        factories.item(wg3, title)
        factories.publish(wg3, kind="corrigendum")
    url = reverse("session-changes", args=["ctoc-cop-wg3", 15])
    page = parse(client.get(url + "?lang=en").content)
    latest = page.visible_text
    assert "Version 3 (CTOC/COP/WG.3/2024/1/Corr.2, published" in latest
    assert "compared with version 2 (CTOC/COP/WG.3/2024/1/Corr.1" in latest
    assert "Third" in latest
    (item_7,) = [strong for strong in page.find_all("strong") if strong.text == "Item 7"]
    assert item_7.after[0].split()[0] == "added"
    wide = client.get(url + "?from=1&to=3&lang=en").content.decode()
    assert "Item 6" in wide and "Item 7" in wide
    assert re.search(r"published \d+ \w+ 20\d\d, \d\d:\d\d \(CES?T\)", latest)
    for bad in ("?to=9", "?to=x", "?from=7&to=2"):
        assert client.get(url + bad).status_code == 404


def test_the_atom_feed_lists_the_published_versions(client, wg3):
    factories.item(wg3, "Late")
    factories.publish(wg3, kind="revision", note="A late item")
    feed = client.get(reverse("session-versions-feed", args=["ctoc-cop-wg3", 15]))
    assert feed["Content-Type"].startswith("application/atom+xml")
    text = feed.content.decode()
    titles = re.findall(r"<entry><title>(.*?)</title>", text)
    assert titles == [
        "Version 2: CTOC/COP/WG.3/2024/1/Rev.1 (Revision)",
        "Version 1: CTOC/COP/WG.3/2024/1 (First issue)",
    ]
    assert "A late item" in text


def test_every_versions_pdf_stays_at_its_address(client, wg3):
    first = client.get(reverse("session-pdf", args=["ctoc-cop-wg3", 15, "en"])).content
    factories.item(wg3, "Late")
    factories.publish(wg3, kind="revision")
    old = client.get(reverse("version-pdf", args=["ctoc-cop-wg3", 15, 1, "en"]))
    assert old.content == first
    new = client.get(reverse("session-pdf", args=["ctoc-cop-wg3", 15, "en"]))
    assert new.content != first
    assert new["Content-Disposition"].endswith('CTOC-COP-WG.3-2024-1-Rev.1-en.pdf"')


def test_a_renumbered_session_redirects_its_old_addresses(client, wg3):
    wg3.number = 16
    wg3.save()
    for old, new in [
        ("/bodies/ctoc-cop-wg3/sessions/15/", "/bodies/ctoc-cop-wg3/sessions/16/"),
        (
            "/bodies/ctoc-cop-wg3/sessions/15/calendar.ics?lang=zh",
            "/bodies/ctoc-cop-wg3/sessions/16/calendar.ics?lang=zh",
        ),
        (
            "/bodies/ctoc-cop-wg3/sessions/15/agenda.zh.pdf",
            "/bodies/ctoc-cop-wg3/sessions/16/agenda.zh.pdf",
        ),
    ]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old
    assert client.get("/bodies/ctoc-cop-wg3/sessions/14/").status_code == 404


def test_a_restore_that_kept_the_cache_serves_the_restored_content(
    transactional_db, client, tmp_path
):
    """The same ids may name other content after a restore: keys carry the digest."""
    call_command("load_seeds", verbosity=0)
    backup = tmp_path / "backup.json"
    call_command(
        "dumpdata", "meetings", "agenda", "auth.user", "--natural-foreign", "-o", str(backup),
        verbosity=0,
    )  # fmt: skip
    wg3 = Session.objects.get(body__slug="ctoc-cop-wg3", number=15)
    item = wg3.agenda_items.get(parent=None, position=3)
    editing.update_item(
        item, expected_version=1, language="en", title="Before the restore", annotation=""
    )
    factories.publish(wg3, kind="corrigendum")
    url = reverse("session-pdf", args=["ctoc-cop-wg3", 15, "en"])
    stale = client.get(url)
    assert "Before the restore" in pdf_text(stale.content)
    call_command("flush", interactive=False, verbosity=0)
    call_command("loaddata", str(backup), verbosity=0)
    forget_contents()  # a new process; the shared cache is kept
    wg3 = Session.objects.get(body__slug="ctoc-cop-wg3", number=15)
    item = wg3.agenda_items.get(parent=None, position=3)
    editing.update_item(
        item, expected_version=1, language="en", title="After the restore", annotation=""
    )
    factories.publish(wg3, kind="corrigendum")  # the same version number and id as before
    fresh = client.get(url)
    assert fresh["ETag"] != stale["ETag"]
    assert "After the restore" in pdf_text(fresh.content)
    assert cache.get  # the kept cache still holds the stale PDF under its own key


def pdf_text(pdf: bytes) -> str:
    done = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(done.stdout.decode().split())


# --- the editor ----------------------------------------------------------------------------


def test_the_editor_counts_unpublished_changes_and_previews_them(client, wg3, secretary):
    client.force_login(secretary)
    # The editor page loads its publishing panel, with the count, from this address.
    edit = reverse("session-pending", args=["ctoc-cop-wg3", 15]) + "?lang=en"
    assert "No unpublished changes" in client.get(edit).content.decode()
    factories.item(wg3, "Late item")
    factories.item(wg3, "Later item")
    html = client.get(edit).content.decode()
    assert "2 unpublished changes" in html
    preview = client.get(reverse("session-preview", args=["ctoc-cop-wg3", 15]) + "?lang=en")
    assert "Later item" in preview.content.decode()
    assert preview["Cache-Control"] == "private, no-store"
    pdf = client.get(reverse("session-preview-pdf", args=["ctoc-cop-wg3", 15, "en"]))
    assert "Later item" in pdf_text(pdf.content)
    client.logout()
    for name, args in [
        ("session-preview", []),
        ("session-preview-pdf", ["en"]),
        ("session-publish", []),
    ]:
        response = client.get(reverse(name, args=["ctoc-cop-wg3", 15, *args]))
        assert response.status_code == 302  # to the login page
    other = User.objects.create_user("other")
    factories.body().secretariat.add(other)
    client.force_login(other)
    assert client.get(reverse("session-preview", args=["ctoc-cop-wg3", 15])).status_code == 403
    publish = reverse("session-publish", args=["ctoc-cop-wg3", 15])
    assert client.post(publish, {"kind": "revision"}).status_code == 403
    assert wg3.published_versions.count() == 1


def test_publishing_asks_for_the_kind_and_says_what_went_wrong(client, wg3, secretary):
    client.force_login(secretary)
    url = reverse("session-publish", args=["ctoc-cop-wg3", 15])
    nothing = client.get(url + "?lang=en").content.decode()
    assert "0 unpublished changes" in nothing and "Publish these changes" not in nothing
    factories.item(wg3, "Late")
    page = client.get(url + "?lang=en").content
    assert find(page, "input", name="kind", value="revision")
    refused = client.post(url, {"lang": "en"})
    assert refused.status_code == 422
    assert "choose whether to publish it as a revision or as a corrigendum" in refused.text
    assert wg3.published_versions.count() == 1


def test_adopting_and_closing_are_confirmed_and_a_superuser_can_undo(client, wg3, secretary):
    client.force_login(secretary)
    url = reverse("session-status", args=["ctoc-cop-wg3", 15])
    confirm = client.get(url + "?action=adopt&lang=en")
    assert confirm.status_code == 200 and "Confirm" in confirm.text
    assert Session.objects.get(pk=wg3.pk).status == "issued"  # a GET changes nothing
    done = client.post(url, {"action": "adopt", "lang": "en"}, follow=True)
    assert "The session is now “Agenda adopted”." in done.text
    refused = client.post(url, {"action": "undo", "lang": "en"}, follow=True)
    assert "Only an administrator can take back" in refused.text
    assert Session.objects.get(pk=wg3.pk).status == "adopted"
    client.force_login(User.objects.create_superuser("admin"))
    client.post(url, {"action": "undo", "lang": "en"})
    assert Session.objects.get(pk=wg3.pk).status == "issued"
    assert client.post(url, {"action": "explode"}, follow=True).status_code == 200


@pytest.mark.parametrize(
    ("status", "action", "allowed"),
    [
        ("draft", "adopt", False),
        ("issued", "adopt", True),
        ("issued", "close", False),
        ("adopted", "close", True),
        ("closed", "adopt", False),
    ],
)
def test_transitions(session, status, action, allowed):
    Session.objects.filter(pk=session.pk).update(status=status)
    session.refresh_from_db()
    if allowed:
        getattr(lifecycle, action)(session)
        assert Session.objects.get(pk=session.pk).status != status
    else:
        with pytest.raises(ValidationError, match="cannot be"):
            getattr(lifecycle, action)(session)
        assert Session.objects.get(pk=session.pk).status == status


def test_history_page_shows_who_changed_what(client, session):
    user = User.objects.create_user("sec")
    session.body.secretariat.add(user)
    client.force_login(user)
    item = session.agenda_items.get(title={"en": "Technology"})
    client.post(
        reverse("item-edit", args=[session.body.slug, session.number, item.pk]),
        {"title": "Tech", "annotation": "", "version": 1},
    )
    html = client.get(reverse("session-history", args=[session.body.slug, session.number]))
    rows = [[td.text for td in tr.find_all("td")] for tr in find_all(html.content, "tr")]
    (row,) = [row for row in rows if "Agenda item: item 2, “Tech”" in row]
    assert "sec" in row  # who
    assert row[row.index("Agenda item: item 2, “Tech”") + 1] == "changed: title"
    client.logout()
    history_url = reverse("session-history", args=[session.body.slug, session.number])
    assert client.get(history_url).status_code == 302
