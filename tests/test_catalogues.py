"""The interface catalogues: every message translated into the five other UN languages, with
the same placeholders, and used by the editor's error messages."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from meetings.models import Session
from tests import factories

LANGUAGES = ["ar", "zh", "fr", "ru", "es"]
PLACEHOLDER = re.compile(r"%\(\w+\)s")
NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)\s*;")
# The number of plural forms each language has, and the forms that must read differently:
# Russian "1 документ / 2 документа / 5 документов"; Arabic zero, one, two, few (3–10) and
# many (11–99) (the form for 100 and more may repeat the last one).
PLURALS = {
    "ar": (6, (0, 1, 2, 3, 4)),
    "ru": (3, (0, 1, 2)),
    "zh": (1, ()),
    "fr": (3, ()),
    "es": (3, ()),
}


def _catalogue(language):
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    return polib.pofile(str(path))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_with_its_placeholders(language):
    catalogue = _catalogue(language)
    problems = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if not all(texts) or "fuzzy" in entry.flags:
            problems.append(f"untranslated: {entry.msgid}")
        for text in texts:
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(entry.msgid)):
                problems.append(f"placeholders differ: {entry.msgid} -> {text}")
    assert problems == []
    assert len(catalogue) > 250


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_messages_have_the_languages_forms(language):
    """As many forms as the header says, the header as the language needs, and real forms:
    one text copied into every form reads wrong for some counts ("5 документ")."""
    catalogue = _catalogue(language)
    count, distinct = PLURALS[language]
    header = NPLURALS.search(catalogue.metadata.get("Plural-Forms", ""))
    assert header and int(header.group(1)) == count
    problems = []
    plural = [e for e in catalogue if e.msgid_plural and not e.obsolete]
    for entry in plural:
        if sorted(entry.msgstr_plural) != list(range(count)):
            problems.append(f"{len(entry.msgstr_plural)} forms: {entry.msgid}")
        texts = [entry.msgstr_plural.get(index) for index in distinct]
        if len(set(texts)) != len(texts):
            problems.append(f"forms {distinct} not all different: {entry.msgid}")
    assert problems == []
    assert plural


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        ("ru", {1: "1 документ", 3: "3 документа", 5: "5 документов", 21: "21 документ"}),
        ("ar", {2: "وثيقتان", 5: "5 وثائق", 11: "11 وثيقةً", 100: "100 وثيقة"}),
        ("zh", {1: "1份文件", 7: "7份文件"}),
    ],
)
def test_plural_forms_are_chosen_by_count(language, counts):
    for count, text in counts.items():
        with translation.override(language):
            message = ngettext("%(counter)s document", "%(counter)s documents", count)
        assert text in message % {"counter": count}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "message"),
    [("zh", "该项目已是第一项。"), ("ar", "البند هو الأول بالفعل."), ("en", "already the first")],
)
def test_editor_errors_come_in_the_users_language(client, language, message):
    session = factories.session(status=Session.Status.DRAFT)
    item = factories.item(session, "Opening")
    user = User.objects.create_user("sec")
    session.body.secretariat.add(user)
    client.force_login(user)
    client.cookies["django_language"] = language
    url = reverse("item-move", args=[session.body.slug, session.number, item.pk])
    response = client.post(url, {"direction": "up"}, HTTP_HX_REQUEST="true")
    assert message in response.content.decode()
