"""Each body owns its documents (agenda.rules.ownership): the permission matrix of the register over
documents of the same body, of another body, of a draft session and of no session, for every
way of writing to it (listing, editing, corrigenda, the text upload, the import, the admin),
and what the public sees afterwards."""

import subprocess

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from agenda.models import Document, DocumentLink, PublishedVersion, Reference
from agenda.outputs.exchange import ImportFailed, export_session, import_session
from agenda.outputs.pdf.render import render_agenda_pdf
from agenda.rules import ownership
from agenda.services import documentation
from agenda.services.publishing import pending_changes
from agenda.services.register import store_references
from meetings.models import Session
from tests import factories
from tests.parsed import find, visible_text

pytestmark = pytest.mark.django_db

GA_TITLE = {"en": "Report of the Third Committee", "zh": "第三委员会的报告"}
DRAFT_TITLE = "Secret draft of the Fifth Committee"


class World:
    """The General Assembly (series A) with a public session 58 and a draft session 59;
    Working Group 3 (series CTOC/COP/WG.3) of the Conference of the Parties (CTOC/COP) with
    a public session 14 and a draft session 15; register entries of each, and of no session."""

    def __init__(self):
        venue = factories.venue()
        self.ga = factories.body(slug="ga", name={"en": "General Assembly"}, symbol_prefix="A")
        self.cop = factories.body(
            slug="cop", name={"en": "Conference of the Parties"}, symbol_prefix="CTOC/COP"
        )
        self.wg3 = factories.body(
            slug="wg3",
            name={"en": "Working Group 3"},
            symbol_prefix="CTOC/COP/WG.3",
            parent=self.cop,
        )
        self.ga58 = factories.session(body=self.ga, number=58, venue=venue)
        self.ga59 = factories.session(body=self.ga, number=59, status=Session.Status.DRAFT)
        self.wg3_14 = factories.session(body=self.wg3, number=14)
        self.wg3_15 = factories.session(body=self.wg3, number=15, status=Session.Status.DRAFT)
        self.cop8 = factories.session(body=self.cop, number=8)
        self.ga_item = factories.item(self.ga58, "Crime prevention", fixed_number=108)
        self.wg3_item = factories.item(self.wg3_15, "Technical assistance")
        self.public_item = factories.item(self.wg3_14, "Technical assistance")
        self.report = factories.document("A/58/499", session=self.ga58, title=dict(GA_TITLE))
        self.resolution = factories.document(
            "A/RES/58/140", session=self.ga58, title={"en": "Resolution 58/140"}
        )
        self.progress = factories.document(
            "A/58/222", session=self.ga58, title={"en": "Progress made", "zh": "进展"}
        )
        DocumentLink.objects.create(item=self.ga_item, document=self.report)
        self.draft = factories.document("A/59/251", session=self.ga59, title={"en": DRAFT_TITLE})
        self.ga_loose = factories.document("A/58/1", title={"en": "Loose GA paper"})  # no session
        self.orphan = factories.document("S/2001/1", title={"en": "Letter"})  # no body's series
        self.wg3_paper = factories.document(
            "CTOC/COP/WG.3/2024/2", session=self.wg3_15, title={"en": "Background paper"}
        )
        self.cop_note = factories.document(
            "CTOC/COP/WG.3/2023/5", session=self.cop8, title={"en": "Note of the COP"}
        )
        self.users = {
            "delegate": User.objects.create_user("delegate"),
            "ga staff": User.objects.create_user("ga-staff"),
            "wg3 staff": User.objects.create_user("wg3-staff"),
            "superuser": User.objects.create_user("root", is_superuser=True),
        }
        self.ga.secretariat.add(self.users["ga staff"])
        self.wg3.secretariat.add(self.users["wg3 staff"])
        for public in (self.ga58, self.wg3_14, self.cop8):
            factories.publish(public)

    def login(self, client, who):
        if who != "anonymous":
            client.force_login(self.users[who])

    def snapshot(self):
        """Everything of the General Assembly's and of no body that another body must not touch."""
        rows = Document.objects.exclude(session__body=self.wg3).order_by("symbol")
        return (
            list(rows.values_list("symbol", "title", "status", "languages", "session_id", "base")),
            list(
                PublishedVersion.objects.filter(session__body=self.ga)
                .order_by("pk")
                .values_list("pk", "digest")
            ),
        )


@pytest.fixture
def world():
    return World()


def edit_url(name, session, *args):
    return reverse(name, args=[session.body.slug, session.number, *args])


def test_the_owner_of_a_document(world):
    owner = ownership.document_owner
    assert owner(world.report) == world.ga  # its session's body
    assert owner(world.ga_loose) == world.ga  # no session: its series'
    assert owner(world.orphan) is None  # neither
    assert owner(world.cop_note) == world.cop  # the session decides, not the series
    assert ownership.series_owner("CTOC/COP/WG.3/2024/9") == world.wg3  # the longest series
    assert ownership.series_owner("CTOC/COP/2024/9") == world.cop
    # a joint symbol: the longest series of any of its parts
    assert ownership.series_owner("CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4") == world.wg3


def test_two_bodies_of_one_series_own_nothing_by_it(world):
    factories.body(slug="ga-copy", symbol_prefix="A")
    assert ownership.series_owner("A/58/1") is None
    assert ownership.document_owner(world.report) == world.ga


@pytest.mark.parametrize(
    ("who", "changeable"),
    [
        ("anonymous", set()),
        ("delegate", set()),
        ("ga staff", {"A/58/499", "A/58/1", "A/59/251"}),
        ("wg3 staff", {"CTOC/COP/WG.3/2024/2"}),
        ("superuser", {"A/58/499", "A/58/1", "A/59/251", "S/2001/1", "CTOC/COP/WG.3/2024/2",
                       "CTOC/COP/WG.3/2023/5"}),
    ],
)  # fmt: skip
def test_who_may_change_what(client, world, who, changeable):
    user = world.users.get(who) or User()
    documents = [world.report, world.ga_loose, world.draft, world.orphan, world.wg3_paper,
                 world.cop_note]  # fmt: skip
    allowed = {d.symbol for d in documents if ownership.can_change_document(user, d)}
    assert allowed == changeable


@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("anonymous", {"A/58/1", "A/58/222", "A/58/499", "A/RES/58/140", "S/2001/1",
                       "CTOC/COP/WG.3/2023/5"}),
        ("ga staff", {"A/58/1", "A/58/222", "A/58/499", "A/RES/58/140", "S/2001/1",
                      "CTOC/COP/WG.3/2023/5", "A/59/251"}),
        ("wg3 staff", {"A/58/1", "A/58/222", "A/58/499", "A/RES/58/140", "S/2001/1",
                       "CTOC/COP/WG.3/2023/5", "CTOC/COP/WG.3/2024/2"}),
    ],
)  # fmt: skip
def test_who_sees_what(world, who, visible):
    user = world.users.get(who)
    assert set(ownership.visible_documents(user=user).values_list("symbol", flat=True)) == visible


# Listing under an item (the editor's Documentation list).


def list_as_wg3(client, world, symbol, title=""):
    world.login(client, "wg3 staff")
    return client.post(
        edit_url("document-list-add", world.wg3_15, world.wg3_item.pk),
        {"symbol": symbol, "title": title, "lang": "en"},
        HTTP_HX_REQUEST="true",
    )


SERIES_REFUSAL = (
    "{symbol} is not in the register, and Working Group 3 can only add documents of its own "
    "series (CTOC/COP/WG.3/…). Ask the secretariat that issues it to register it."
)


@pytest.mark.parametrize(
    ("symbol", "title", "listed", "message"),
    [
        # Any secretariat may cite a published document anywhere, unchanged.
        ("A/RES/58/140", "A new title", True, ""),
        ("S/2001/1", "", True, ""),
        ("A/58/1", "", True, ""),
        # Another body's unpublished document is as unknown as a symbol never registered.
        ("A/59/251", "Mine now", False, SERIES_REFUSAL),
        ("A/59/999", "Mine now", False, SERIES_REFUSAL),
        # A corrigendum of another body's document, outside the series.
        ("A/58/499/Corr.9", "Corrigendum", False, SERIES_REFUSAL),
        # In the series, but it would correct a document of the Conference of the Parties.
        (
            "CTOC/COP/WG.3/2023/5/Corr.1",
            "Corrigendum",
            False,
            "CTOC/COP/WG.3/2023/5/Corr.1 would revise, correct or add to CTOC/COP/WG.3/2023/5, "
            "which belongs to Conference of the Parties: only its secretariat may add it.",
        ),
    ],
)
def test_listing_another_bodys_documents(client, world, symbol, title, listed, message):
    before = world.snapshot()
    response = list_as_wg3(client, world, symbol, title)
    assert response.status_code == 200
    is_listed = world.wg3_item.document_links.filter(document__symbol=symbol).exists()
    assert is_listed == listed
    if message:
        assert message.format(symbol=symbol) in response.content.decode()
    assert world.snapshot() == before
    assert not Document.objects.filter(symbol=symbol, session=world.wg3_15).exists()


def test_listing_a_new_symbol_of_its_own_series(client, world):
    response = list_as_wg3(client, world, "CTOC/COP/WG.3/2024/9", "Conference room paper")
    assert response.status_code == 200
    document = Document.objects.get(symbol="CTOC/COP/WG.3/2024/9")
    assert (document.session, document.status) == (world.wg3_15, Document.Status.FORTHCOMING)
    assert ownership.document_owner(document) == world.wg3
    # and a corrigendum of its own document
    list_as_wg3(client, world, "CTOC/COP/WG.3/2024/2/Corr.1", "Corrigendum")
    assert Document.objects.get(symbol="CTOC/COP/WG.3/2024/2/Corr.1").base == world.wg3_paper


def test_the_owner_adds_a_corrigendum_and_the_public_sees_it_once_published(client, world):
    """GA's draft session 59 issues A/58/499/Corr.9: GA 58's public page does not show it while
    session 59 is unpublished, and GA 58's working copy cannot publish it either; once session
    59 is published, GA 58's next version prints it with its base."""
    item = factories.item(world.ga59, "Corrections")
    documentation.list_document(item, symbol="A/58/499/Corr.9", title="Corrigendum", language="en")
    page = visible_text(client.get(world.ga58.get_absolute_url()).content)
    assert "(A/58/499)" in page
    assert "Corr.9" not in page
    assert not pending_changes(world.ga58, "en")  # the draft's corrigendum is not GA 58's
    factories.publish(world.ga59)
    assert "(A/58/499)" in visible_text(
        client.get(world.ga58.get_absolute_url()).content
    )  # as published
    (documents,) = pending_changes(world.ga58, "en")
    assert [(c.key, c.action) for c in documents.changes] == [("A/58/499/Corr.9", "added")]
    factories.publish(world.ga58, kind="corrigendum")
    assert "(A/58/499 and Corr.9)" in visible_text(
        client.get(world.ga58.get_absolute_url()).content
    )


# Editing on the session's documents page.


def edit_document(client, session, document, title="Overwritten"):
    data = {"title": title, "status": "forthcoming", "languages": ["en"], "lang": "en"}
    data["version"] = document.version
    return client.post(edit_url("document-edit", session, document.pk), data, follow=True)


@pytest.mark.parametrize(
    ("symbol", "message"),
    [
        (
            "A/RES/58/140",
            "A/RES/58/140 not saved: A/RES/58/140 belongs to General Assembly: only its "
            "secretariat may change it or add a revision, corrigendum or addendum to it.",
        ),
        (
            "A/58/1",
            "A/58/1 not saved: A/58/1 belongs to General Assembly: only its secretariat may "
            "change it or add a revision, corrigendum or addendum to it.",
        ),
        (
            "S/2001/1",
            "S/2001/1 not saved: S/2001/1 belongs to no body (it was issued for no session and "
            "is in no body's series): only an administrator may change it.",
        ),
    ],
)
def test_editing_a_listed_document_of_another_body_is_refused(client, world, symbol, message):
    document = Document.objects.get(symbol=symbol)
    DocumentLink.objects.create(item=world.wg3_item, document=document)
    world.login(client, "wg3 staff")
    page = client.get(edit_url("session-documents", world.wg3_15))
    assert find(page.content, id=f"document-{document.pk}")
    assert find(page.content, action=edit_url("document-edit", world.wg3_15, document.pk)) is None
    before = world.snapshot()
    response = edit_document(client, world.wg3_15, document)
    assert message in visible_text(response.content)
    assert world.snapshot() == before
    assert "Overwritten" not in client.get(reverse("document-detail", args=[symbol])).text


def test_editing_its_own_document(client, world):
    world.login(client, "wg3 staff")
    response = edit_document(client, world.wg3_15, world.wg3_paper, "Revised background paper")
    assert "CTOC/COP/WG.3/2024/2 saved." in response.text
    assert Document.objects.get(pk=world.wg3_paper.pk).title == {"en": "Revised background paper"}


def test_a_superuser_edits_a_document_of_no_body(client, world):
    DocumentLink.objects.create(item=world.wg3_item, document=world.orphan)
    world.login(client, "superuser")
    assert "S/2001/1 saved." in edit_document(client, world.wg3_15, world.orphan, "Letter").text
    assert Document.objects.get(pk=world.orphan.pk).title == {"en": "Letter"}


def test_the_owner_edits_its_document_from_its_own_session(client, world):
    DocumentLink.objects.create(item=world.ga_item, document=world.ga_loose)
    world.login(client, "ga staff")
    assert "A/58/1 saved." in edit_document(client, world.ga58, world.ga_loose, "GA paper").text


def test_an_unpublished_document_of_another_body_is_not_on_the_page(client, world):
    """Listed before the rule (a link written directly): not shown, not editable, and not on
    the public session page, its export, print preview or PDF."""
    DocumentLink.objects.create(item=world.wg3_item, document=world.draft)
    DocumentLink.objects.create(item=world.public_item, document=world.draft)
    world.login(client, "wg3 staff")
    page = client.get(edit_url("session-documents", world.wg3_15))
    assert "A/59/251" not in page.text
    assert edit_document(client, world.wg3_15, world.draft).status_code == 404
    client.logout()
    public = world.wg3_14
    assert not pending_changes(public, "en")  # publishing it would not show it either
    for name in ("session-detail", "session-export"):
        response = client.get(edit_url(name, public))
        assert response.status_code == 200
        assert DRAFT_TITLE not in response.content.decode()
        assert "A/59/251" not in response.content.decode()
    preview = client.get(edit_url("session-pdf-preview", public, "en"))
    assert DRAFT_TITLE not in preview.text
    pdf = render_agenda_pdf(factories.content(public), "en")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Technical assistance" in text
    assert DRAFT_TITLE not in text


# The text upload (/documents/<symbol>/text).


@pytest.mark.parametrize(
    ("who", "statuses"),
    [
        # A/RES/58/140, A/59/251 (GA draft), A/58/1 (GA, no session), S/2001/1, WG.3 draft
        ("anonymous", [302, 302, 302, 302, 302]),
        ("delegate", [403, 404, 403, 403, 404]),
        ("wg3 staff", [403, 404, 403, 403, 200]),
        ("ga staff", [200, 200, 200, 403, 404]),
        ("superuser", [200, 200, 200, 200, 200]),
    ],
)
def test_who_may_upload_a_documents_text(client, world, who, statuses):
    world.login(client, who)
    symbols = ["A/RES/58/140", "A/59/251", "A/58/1", "S/2001/1", "CTOC/COP/WG.3/2024/2"]
    got = []
    for symbol in symbols:
        url = reverse("document-text", args=[symbol])
        response = client.get(url)
        got.append(response.status_code)
        posted = client.post(url, {"text": "A/58/222"})
        assert posted.status_code == (302 if response.status_code == 200 else response.status_code)
        stored = Reference.objects.filter(citing__symbol=symbol).exists()
        assert stored == (response.status_code == 200), (who, symbol)
    assert got == statuses


def test_a_refused_upload_says_why(client, world):
    world.login(client, "wg3 staff")
    response = client.get(reverse("document-text", args=["A/RES/58/140"]))
    assert response.status_code == 403
    assert (
        "A/RES/58/140 belongs to General Assembly: only its secretariat may change it or add a "
        "revision, corrigendum or addendum to it." in response.text
    )
    unknown = client.get(reverse("document-text", args=["A/59/251"]))
    assert "The register has no document A/59/251." in unknown.text


def test_the_owner_sees_its_unpublished_document(client, world):
    world.login(client, "ga staff")
    response = client.get(reverse("document-detail", args=["A/59/251"]))
    assert response.status_code == 200
    assert DRAFT_TITLE in response.text
    client.logout()
    assert client.get(reverse("document-detail", args=["A/59/251"])).status_code == 404


def test_a_public_text_citing_a_draft_does_not_link_it(client, world):
    store_references(world.resolution, "Recalling A/59/251 and A/58/499")
    page = client.get(reverse("document-detail", args=["A/RES/58/140"]))
    assert find(page.content, "a", href="/documents/A/58/499")
    assert find(page.content, href="/documents/A/59/251") is None
    assert "A/59/251" in visible_text(page.content)  # as written in the text, which is public


# The import (agenda.outputs.exchange): a file of Working Group 3.


@pytest.fixture
def wg3_file(world):
    data = export_session(world.wg3_14)
    data["session"]["number"] = 16
    data["session"]["agenda_symbol"] = ""
    data["documents"] = []
    return data


def entry(document_or_symbol, session=False, **changes):
    if isinstance(document_or_symbol, Document):
        d = document_or_symbol
        data = {
            "symbol": d.symbol,
            "title": d.title,
            "kind": d.kind,
            "issue_date": None,
            "prepared_by": d.prepared_by,
            "original_language": d.original_language,
            "languages": d.languages,
            "status": d.status,
        }
    else:
        data = factories.document_entry(document_or_symbol)
    return {**data, "session": session, **changes}


def listing(data, *symbols):
    data["session"]["agenda"][0]["documents"] = list(symbols)
    return data


@pytest.mark.parametrize(
    ("document", "changes", "error"),
    [
        (
            "progress",
            {"session": True, "title": {"en": "Progress made"}},
            "documents[0]: A/58/222 belongs to General Assembly, and this file would change its "
            "title, session: only that body's secretariat may. Make the file match the "
            "register, or leave the document out; nothing was imported.",
        ),
        (
            "orphan",
            {"title": {"en": "Letter of WG.3"}},
            "documents[0]: S/2001/1 belongs to no body, and this file would change its title: "
            "only that body's secretariat may. Make the file match the register, or leave the "
            "document out; nothing was imported.",
        ),
        (
            "draft",
            {},
            "documents[0]: A/59/251 cannot be added to the register from here: the symbol is "
            "reserved for a document that is not published yet.",
        ),
    ],
)
def test_an_import_never_changes_another_bodys_document(world, wg3_file, document, changes, error):
    stored = getattr(world, document)
    wg3_file["documents"] = [entry(stored, **changes)]
    listing(wg3_file, stored.symbol)
    before = world.snapshot()
    with pytest.raises(ImportFailed) as refused:
        import_session(wg3_file)
    assert refused.value.errors[0] == error
    assert world.snapshot() == before
    assert not Session.objects.filter(body=world.wg3, number=16).exists()


@pytest.mark.parametrize(
    ("symbol", "session", "error"),
    [
        ("A/58/499/Corr.9", False, "documents[0]: A/58/499/Corr.9 would revise, correct or add "
         "to A/58/499, which belongs to General Assembly: only its secretariat may add it."),
        ("A/60/1", True, "documents[0]: " + SERIES_REFUSAL.format(symbol="A/60/1")),
    ],
)  # fmt: skip
def test_an_import_adds_no_entry_it_could_not_list(world, wg3_file, symbol, session, error):
    wg3_file["documents"] = [entry(symbol, session=session)]
    before = world.snapshot()
    with pytest.raises(ImportFailed) as refused:
        import_session(wg3_file)
    assert refused.value.errors == [error]
    assert world.snapshot() == before
    assert not Document.objects.filter(symbol=symbol).exists()


def test_an_import_links_another_bodys_document_as_it_is(world, wg3_file):
    wg3_file["documents"] = [entry(world.progress), entry("CTOC/COP/WG.3/2024/16", session=True)]
    listing(wg3_file, "A/58/222", "CTOC/COP/WG.3/2024/16")
    before = world.snapshot()
    session = import_session(wg3_file)
    item = session.agenda_items.get(parent=None, position=0)
    assert [link.document.symbol for link in item.document_links.order_by("position")] == [
        "A/58/222",
        "CTOC/COP/WG.3/2024/16",
    ]
    assert Document.objects.get(symbol="CTOC/COP/WG.3/2024/16").session == session
    assert world.snapshot() == before  # A/58/222 not even saved again: GA's revisions as they were


def test_replacing_a_session_keeps_its_documents_its_own(world):
    data = export_session(world.wg3_15)
    data["documents"][0]["title"] = {"en": "Background paper, revised"}
    session = import_session(data, replace=True)
    document = Document.objects.get(symbol="CTOC/COP/WG.3/2024/2")
    assert (document.session, document.title) == (session, {"en": "Background paper, revised"})


# The admin, for staff who are not superusers.


@pytest.fixture
def admin_client(client, world):
    user = world.users["wg3 staff"]
    user.is_staff = True
    user.save()
    codenames = ["view_document", "change_document", "add_document", "delete_document"]
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    return client


def admin_data(document, **changes):
    data = {
        "symbol": document.symbol,
        "title_en": "Overwritten",  # one input per language (meetings.translation_forms)
        "distribution": document.distribution,
        "kind": document.kind,
        "session": document.session_id or "",
        "original_language": "en",
        "languages": "[]",
        "status": "issued",
    }
    return {**data, **changes}


def test_the_admin_lists_public_documents_and_the_bodys_own(admin_client, world):
    response = admin_client.get(reverse("admin:agenda_document_changelist"))
    shown = {d.symbol for d in response.context["cl"].result_list}
    assert "A/59/251" not in shown
    assert {"A/58/499", "CTOC/COP/WG.3/2024/2", "S/2001/1"} <= shown


@pytest.mark.parametrize("symbol", ["A/58/499", "A/58/1", "S/2001/1"])
def test_the_admin_does_not_let_staff_change_another_bodys_document(admin_client, world, symbol):
    document = Document.objects.get(symbol=symbol)
    url = reverse("admin:agenda_document_change", args=[document.pk])
    page = admin_client.get(url)
    assert page.status_code == 200  # read only
    assert find(page.content, name="_save") is None
    before = world.snapshot()
    assert admin_client.post(url, admin_data(document)).status_code == 403
    delete = reverse("admin:agenda_document_changelist")
    response = admin_client.post(
        delete, {"action": "delete_selected", "_selected_action": [document.pk], "post": "yes"}
    )
    assert response.status_code == 403
    assert world.snapshot() == before
    hidden = reverse("admin:agenda_document_change", args=[world.draft.pk])
    assert admin_client.get(hidden).status_code == 302  # "does not exist": back to the list


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"session": "ga59"},
            "Select a valid choice. That choice is not one of the available choices.",
        ),
        (
            {"symbol": "CTOC/COP/WG.3/2023/5/Corr.2", "session": ""},
            "CTOC/COP/WG.3/2023/5/Corr.2 would revise, correct or add to CTOC/COP/WG.3/2023/5, "
            "which belongs to Conference of the Parties: only its secretariat may add it.",
        ),
        (
            {"symbol": "A/58/2", "session": ""},
            "A/58/2 belongs to General Assembly: only its secretariat may change it or add a "
            "revision, corrigendum or addendum to it.",
        ),
    ],
)
def test_the_admin_keeps_staffs_documents_their_own(admin_client, world, changes, message):
    if changes.get("session") == "ga59":
        changes["session"] = world.ga59.pk
    document = world.wg3_paper
    url = reverse("admin:agenda_document_change", args=[document.pk])
    response = admin_client.post(url, admin_data(document, **changes))
    assert response.status_code == 200
    assert message in visible_text(response.content)
    stored = Document.objects.get(pk=document.pk)
    assert (stored.symbol, stored.session, stored.title) == (
        "CTOC/COP/WG.3/2024/2",
        world.wg3_15,
        {"en": "Background paper"},
    )


def test_the_admin_lets_staff_change_their_own(admin_client, world):
    document = world.wg3_paper
    url = reverse("admin:agenda_document_change", args=[document.pk])
    assert admin_client.post(url, admin_data(document)).status_code == 302
    assert Document.objects.get(pk=document.pk).title == {"en": "Overwritten"}


def test_a_refusal_comes_in_the_users_language(client, world):
    client.cookies["django_language"] = "zh"
    response = list_as_wg3(client, world, "A/59/251", "x")
    assert (
        "登记册中没有A/59/251，而Working Group 3只能添加其本身文号系列（CTOC/COP/WG.3/…）的文件。"
        in response.content.decode()
    )


def test_deleting_a_draft_session_never_publishes_its_documents(world):
    world.ga59.delete()
    assert not Document.objects.filter(symbol="A/59/251").exists()
    assert "A/59/251" not in {d.symbol for d in Document.objects.public()}
    world.ga58.delete()  # published: what it issued stays in the register
    assert Document.objects.public().filter(symbol="A/58/499").exists()
