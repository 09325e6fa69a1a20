"""The interface catalogues: every message translated into the five other UN languages, with
the same placeholders, and used by the editor's error messages."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse

from meetings.models import Session
from tests import factories

LANGUAGES = ["ar", "zh", "fr", "ru", "es"]
PLACEHOLDER = re.compile(r"%\(\w+\)s")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_with_its_placeholders(language):
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
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
