"""One rule per field, whatever the way in: the editor's forms, the paste box, the importer and
the admin refuse over-long texts and control characters with the same message, on SQLite and
PostgreSQL alike (where a NUL would otherwise be a DataError)."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse

from agenda.models import AgendaItem, Document, Footnote
from agenda.outputs.exchange import ImportFailed, import_session
from agenda.services import paste
from meetings.models import Body, Session, Sitting, Venue
from meetings.validators import PlainText, TranslatedText, control_character, printable
from tests import factories
from tests.hostile.conftest import url


@pytest.mark.parametrize(
    ("text", "multiline", "found"),
    [
        ("Opening", False, None),
        ("Report\u202e fdp", False, None),  # a bidi override is text (kept, isolated)
        ("a\x00b", False, (2, "U+0000")),
        ("tab\there", False, (4, "U+0009")),
        ("tab\there", True, None),
        ("line\r\nnext", True, None),
        ("line\nnext", False, (5, "U+000A")),
        ("bell\x07", True, (5, "U+0007")),
        ("del\x7f", False, (4, "U+007F")),
        ("c1\x85", False, (3, "U+0085")),
        ("lone \ud800", False, (6, "U+D800")),
    ],
)
def test_control_characters(text, multiline, found):
    assert control_character(text, multiline=multiline) == found


def test_printable_shows_control_characters_by_their_code():
    assert printable("a\x00b\tc") == "aU+0000bU+0009c"


def messages(exc: ValidationError) -> list[str]:
    return list(exc.messages)


def test_translated_text_names_the_language_and_the_limit():
    rule = TranslatedText(10)
    rule({"en": "x" * 10, "zh": "会议"})
    with pytest.raises(ValidationError) as exc:
        rule({"en": "x" * 11, "zh": "会\x00议"})
    assert messages(exc.value) == [
        "The English text has 11 characters; at most 10 are allowed.",
        "The Chinese text contains an invisible control character (U+0000) at character 2; "
        "remove it.",
    ]


def test_plain_text():
    PlainText()("Board Room D")
    with pytest.raises(ValidationError) as exc:
        PlainText()("Room\x00")
    assert messages(exc.value) == [
        "This text contains an invisible control character (U+0000) at character 5; remove it."
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("build", "field", "message"),
    [
        (
            lambda s: AgendaItem(session=s, title={"en": "x" * 2_001}),
            "title",
            "The English text has 2,001 characters; at most 2,000 are allowed.",
        ),
        (
            lambda s: AgendaItem(session=s, title={"en": "x"}, annotation={"fr": "a\x00"}),
            "annotation",
            "The French text contains an invisible control character (U+0000) at character 2; "
            "remove it.",
        ),
        (
            lambda s: Footnote(item=s.agenda_items.get(), label="1\x00", text={"en": "x"}),
            "label",
            "This text contains an invisible control character (U+0000) at character 2; remove it.",
        ),
        (
            lambda s: Document(symbol="A/1", title={"ru": "\x1b[31m"}),
            "title",
            "The Russian text contains an invisible control character (U+001B) at character 1; "
            "remove it.",
        ),
        (
            lambda s: Session(body=s.body, number=9, title={"es": "x" * 2_001}),
            "title",
            "The Spanish text has 2,001 characters; at most 2,000 are allowed.",
        ),
        (
            lambda s: Sitting(session=s, number=9, date=s.start_date, room="A\x00"),
            "room",
            "This text contains an invisible control character (U+0000) at character 2; remove it.",
        ),
        (
            lambda s: Venue(slug="v", name={"ar": "x" * 501}, country="AT", time_zone="UTC"),
            "name",
            "The Arabic text has 501 characters; at most 500 are allowed.",
        ),
        (
            lambda s: Body(slug="b", name={"en": "B\x00"}, symbol_prefix="B", duty_station=s.venue),
            "name",
            "The English text contains an invisible control character (U+0000) at character 2; "
            "remove it.",
        ),
    ],
)
def test_every_model_refuses_with_a_clear_message(session, build, field, message):
    session.venue = session.venue or factories.venue()
    assert factories.clean_errors(build(session))[field] == [message]


# The same rules from each way in.


def test_the_item_form(client, session, editor, rows):
    item = session.agenda_items.get()
    before = rows()
    data = {"title": "Opening\x1b", "annotation": "", "version": item.version}
    response = client.post(url("item-edit", session, item.pk) + "?lang=en", data, follow=True)
    assert (
        "The English text contains an invisible control character (U+001B) at character 8; "
        "remove it." in response.text
    )
    assert rows() == before
    item.refresh_from_db()
    assert item.title == {"en": "Opening"}


def test_the_item_form_keeps_the_lines_of_an_annotation(client, session, editor):
    item = session.agenda_items.get()
    data = {"title": "Opening", "annotation": "One.\r\n\r\n\tTwo.", "version": item.version}
    assert client.post(url("item-edit", session, item.pk) + "?lang=en", data).status_code == 302
    item.refresh_from_db()
    assert item.annotation == {"en": "One.\n\n\tTwo."}  # Django's forms read CRLF as LF


def test_the_paste_reports_a_long_title_with_its_line(session):
    parsed = paste.parse_agenda("1. Opening\n2. " + "y" * 2_001, first_number=1)
    assert [(p.line, p.message) for p in parsed.problems] == [
        (2, "the title of item 2 has 2,001 characters; at most 2,000 are allowed")
    ]
    parsed = paste.parse_agenda("1. Opening\n(a) " + "y" * 2_001, first_number=1)
    assert [(p.line, p.message) for p in parsed.problems] == [
        (2, "the title of sub-item 1(a) has 2,001 characters; at most 2,000 are allowed")
    ]


def test_the_paste_reads_a_tab_inside_a_title_as_a_space(session):
    parsed = paste.parse_agenda("1.\tAdoption\tof the agenda.")
    assert parsed.ok
    assert [item.title for item in parsed.items] == ["Adoption of the agenda"]


def test_the_paste_box_refuses_a_100_000_character_title(client, session, editor, rows):
    session.status = Session.Status.DRAFT
    session.save()
    before = rows()
    text = "2. " + "y" * 100_000
    response = client.post(url("agenda-paste", session) + "?lang=en", {"text": text, "create": ""})
    assert response.status_code == 422
    assert "the title of item 2 has 100,000 characters; at most 2,000 are allowed" in response.text
    assert rows() == before


# The item refused, the sitting that takes it up cannot find it either.
NO_ITEM = "session.sittings[0].items[0]: the agenda has no item 1."


@pytest.mark.parametrize(
    ("place", "value", "errors"),
    [
        (
            ("session", "agenda", 0, "title", "en"),
            "x" * 100_000,
            [
                "session.agenda[0].title: The English text has 100,000 characters; at most "
                "2,000 are allowed.",
                NO_ITEM,
            ],
        ),
        (
            ("session", "agenda", 0, "title", "en"),
            "Open\x00ing",
            [
                "session.agenda[0].title: The English text contains an invisible control "
                "character (U+0000) at character 5; remove it.",
                NO_ITEM,
            ],
        ),
        (
            ("session", "title", "zh"),
            "会议\x00",
            [
                "session.title: The Chinese text contains an invisible control character "
                "(U+0000) at character 3; remove it."
            ],
        ),
        (
            ("session", "sittings", 0, "room"),
            "Room\x00A",
            [
                "session.sittings[0].room: This text contains an invisible control character "
                "(U+0000) at character 5; remove it."
            ],
        ),
    ],
)
def test_the_importer(exported, rows, place, value, errors):
    target = exported
    for key in place[:-1]:
        target = target[key]
    target[place[-1]] = value
    before = rows()
    with pytest.raises(ImportFailed) as refused:
        import_session(exported)
    assert refused.value.errors == errors
    assert rows() == before


def test_the_importer_refuses_a_nul_in_a_document_title(exported, rows):
    exported["documents"] = [
        factories.document_entry("CTOC/COP/WG.3/2024/1", title={"en": "Paper\x00"})
    ]
    before = rows()
    with pytest.raises(ImportFailed) as refused:
        import_session(exported)
    assert refused.value.errors == [
        "documents[0].title: The English text contains an invisible control character "
        "(U+0000) at character 6; remove it."
    ]
    assert rows() == before


@pytest.mark.django_db
def test_the_admin(client):
    client.force_login(User.objects.create_superuser("admin"))
    data = {
        "symbol": "S/2001/1",
        "title_en": "Letter\x00",  # one input per language (meetings.translation_forms)
        "distribution": "general",
        "kind": "other",
        "original_language": "en",
        "languages": "[]",
        "status": "issued",
    }
    response = client.post(reverse("admin:agenda_document_add"), data)
    assert response.status_code == 200
    assert (
        "The English text contains an invisible control character (U+0000) at character 7; "
        "remove it." in response.text
    )
    assert not Document.objects.exists()


def test_the_rule_speaks_the_users_language(client, session, editor):
    item = session.agenda_items.get()
    client.cookies["django_language"] = "fr"
    data = {"title": "Opening\x1b", "annotation": "", "version": item.version}
    response = client.post(url("item-edit", session, item.pk) + "?lang=en", data, follow=True)
    assert (
        "Le texte en anglais contient un caractère de contrôle invisible (U+001B) au caractère "
        "8 ; supprimez-le." in response.text
    )
