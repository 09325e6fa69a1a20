"""Every page and every form error in the Chinese and the Arabic interface, with content in
Chinese and Arabic: any interface text left in English is listed.

English is looked for in what people read: the text of the page (not <script>/<style>), and
the attributes read aloud or shown (title, placeholder, aria-label, alt, a button's value). A
word of three or more Latin letters is English unless it is a document symbol (CTOC/COP/WG.3,
Corr.1), part of a URL, inside an element marked as another language (the language switcher
names each language in itself), one of the few names below, or the document's masthead.
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from agenda.models import AgendaItem, Document, Footnote
from meetings.models import Session
from tests import factories
from tests.interface_language import english_in
from tests.parsed import find, parse, select

CONTENT = {
    "zh": {
        "body": "毒品和犯罪问题工作组",
        "session": "第十五次会议",
        "city": "维也纳",
        "venue": "维也纳国际中心",
        "items": ["会议开幕", "通过议程", "技术援助"],
        "annotation": "工作组将审议秘书处编写的报告。[^1]",
        "footnote": "见第一号决议。",
        "document": "秘书处的报告",
        "user": "秘书处",
    },
    "ar": {
        "body": "الفريق العامل المعني بالمخدرات والجريمة",
        "session": "الاجتماع الخامس عشر",
        "city": "فيينا",
        "venue": "مركز فيينا الدولي",
        "items": ["افتتاح الاجتماع", "إقرار جدول الأعمال", "المساعدة التقنية"],
        "annotation": "سينظر الفريق العامل في تقرير الأمانة.[^1]",
        "footnote": "انظر القرار 1.",
        "document": "تقرير الأمانة",
        "user": "الأمانة",
    },
}


def _build(language: str):
    """A body, a published session with three items, a footnote, a document and two meetings,
    all in ``language`` only (its original language), then an unpublished change."""
    text = CONTENT[language]
    venue = factories.venue(name={language: text["venue"]}, city={language: text["city"]})
    body = factories.body(
        name={language: text["body"]},
        abbreviation="WG.3",
        symbol_prefix="CTOC/COP/WG.3",
        duty_station=venue,
    )
    session = factories.session(
        body=body,
        number=15,
        title={language: text["session"]},
        original_language=language,
        status=Session.Status.ISSUED,
        venue=venue,
    )
    items = [
        AgendaItem.objects.create(session=session, position=position, title={language: title})
        for position, title in enumerate(text["items"])
    ]
    items[2].annotation = {language: text["annotation"]}
    items[2].save()
    Footnote.objects.create(item=items[2], label="1", text={language: text["footnote"]})
    document = factories.document(
        session=session, title={language: text["document"]}, status=Document.Status.ISSUED
    )
    items[2].document_links.create(document=document, position=0)
    morning = factories.sitting(session, number=1)
    afternoon = factories.sitting(session, number=2, start="15:00", end="18:00")
    factories.schedule(morning, items[0], items[1])
    factories.schedule(afternoon, items[2])
    factories.publish(session)
    items[1].title = {language: text["items"][1] + "（修订）" if language == "zh" else "(منقح)"}
    items[1].save()
    factories.publish(session)
    items[0].title = {language: text["items"][0] + "。"}
    items[0].save()  # a change not yet published
    user = User.objects.create_user(text["user"], password="correct horse 1")
    body.secretariat.add(user)
    return SimpleNamespace(
        language=language, body=body, session=session, items=items, document=document, user=user
    )


def _on(name, *extra):
    """A builder of the URL ``name`` of the test's session (``extra``: more arguments)."""
    return lambda d: reverse(name, args=[d.body.slug, d.session.number, *(f(d) for f in extra)])


PAGES = {
    # public pages
    "body list": lambda d: reverse("body-list"),
    "body page": lambda d: reverse("body-detail", args=[d.body.slug]),
    "session page": _on("session-detail"),
    "session documents": _on("session-document-list"),
    "documents register": lambda d: reverse("document-index"),
    "document detail": lambda d: reverse("document-detail", args=[d.document.symbol]),
    "search": lambda d: reverse("search") + "?q=" + CONTENT[d.language]["items"][2],
    "changes": _on("session-changes"),
    "timetable": _on("session-timetable"),
    "today": lambda d: reverse("today") + "?date=" + d.session.start_date.isoformat(),
    "not found": lambda d: "/bodies/no-such-body/",
    "read API docs": lambda d: reverse("api:docs"),
    # the secretariat's pages
    "editor": _on("session-edit"),
    "item edit": _on("item-edit", lambda d: d.items[2].pk),
    "session form": _on("session-details"),
    "new session form": lambda d: reverse("session-create", args=[d.body.slug]),
    "editor documents": _on("session-documents"),
    "publish page": _on("session-publish"),
    "preview": _on("session-preview"),
    "status step": lambda d: _on("session-status")(d) + "?action=adopt",
    "document text upload": lambda d: reverse("document-text", args=[d.document.symbol]),
    "paste page": _on("agenda-paste"),
    "organization page": _on("session-organization"),
    "history": _on("session-history"),
    "next session form": _on("session-next"),
}


LANGUAGES = ["zh", "ar"]


def _client(language: str, user=None) -> Client:
    client = Client()
    client.cookies["django_language"] = language
    if user is not None:
        client.force_login(user)
    return client


def _check(response, language, name, *, part=False):
    """The English in ``response``: a whole page in ``language``, or ``part`` of one (htmx)."""
    assert response.status_code < 500, name
    body = response.content.decode()
    assert part or find(body, "html")["lang"] == language, f"{name}: not in {language}"
    found = english_in(body, language)
    if found:
        print(f"ENGLISH {language} {name}: {found}")
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_page_has_no_english(language, page):
    data = _build(language)
    response = _client(language, data.user).get(PAGES[page](data))
    assert _check(response, language, page) == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_not_allowed_page_has_no_english(language):
    """Someone outside the body's secretariat opening its editor."""
    data = _build(language)
    outsider = User.objects.create_user("外人" if language == "zh" else "زائر")
    response = _client(language, outsider).get(PAGES["editor"](data))
    assert response.status_code == 403
    assert _check(response, language, "not allowed") == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_login_page_and_its_error_have_no_english(language):
    _build(language)
    client = _client(language)
    found = _check(client.get(reverse("login")), language, "login")
    response = client.post(
        reverse("login"), {"username": CONTENT[language]["user"], "password": "wrong"}
    )
    assert "errorlist" in response.content.decode() or "error" in response.content.decode()
    found += _check(response, language, "login error")
    assert found == []


def _session_fields(d, **changes):
    session = d.session
    fields = {
        "number": session.number,
        "title": CONTENT[d.language]["session"],
        "start_date": "2024-06-05",
        "end_date": "2024-06-06",
        "original_language": d.language,
        "status": session.status,
        "format": session.format,
        "distribution": session.distribution,
        "title_variant": session.title_variant,
        "lang": d.language,
    }
    return {**fields, **changes}


def _too_long(d):
    return ("长" if d.language == "zh" else "ط") * 5000


# Requests refused with a message next to a field or at the top: (URL, data).
FORM_ERRORS = {
    "session form": lambda d: (
        _on("session-details")(d),
        _session_fields(d, number="abc", title="", start_date="2024-13-40", original_language="xx"),
    ),
    "session form, dates the wrong way": lambda d: (
        _on("session-details")(d),
        _session_fields(d, start_date="2024-06-06", end_date="2024-06-01"),
    ),
    "new session, number taken": lambda d: (
        reverse("session-create", args=[d.body.slug]),
        _session_fields(d, status=Session.Status.DRAFT),
    ),
    "item form": lambda d: (
        _on("item-edit", lambda d: d.items[2].pk)(d),
        {"title": _too_long(d), "annotation": "", "version": d.items[2].version},
    ),
    "next session, no title, starting too early": lambda d: (
        _on("session-next")(d),
        {"start": d.session.end_date.isoformat(), "title": "", "items": [d.items[0].pk]},
    ),
    "next session, starting too early": lambda d: (
        _on("session-next")(d),
        {"start": d.session.end_date.isoformat(), "title": CONTENT[d.language]["session"]},
    ),
    "item form, changed meanwhile": lambda d: (
        _on("item-edit", lambda d: d.items[2].pk)(d),
        {"title": "新", "annotation": "", "version": d.items[2].version + 1},
    ),
}
# Refused in an htmx request: the answer is the part of the page that shows the error.
HTMX_ERRORS = {
    "document list, not a symbol": lambda d: (
        _on("document-list-add", lambda d: d.items[1].pk)(d),
        {"symbol": "CTOC//2024/1", "title": ""},
    ),
    "document list, not in the register": lambda d: (
        _on("document-list-add", lambda d: d.items[1].pk)(d),
        {"symbol": "CTOC/COP/WG.3/2024/99", "title": ""},
    ),
    "footnote without text": lambda d: (
        _on("footnote-add", lambda d: d.items[2].pk)(d),
        {"label": "2", "text": ""},
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", [*FORM_ERRORS, *HTMX_ERRORS])
def test_form_errors_have_no_english(language, case):
    data = _build(language)
    htmx = case in HTMX_ERRORS
    url, fields = (HTMX_ERRORS if htmx else FORM_ERRORS)[case](data)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = _client(language, data.user).post(url, fields, **headers)
    assert response.status_code in {200, 422}, case
    shown = parse(response.content)
    assert any(c.startswith("error") for e in shown.iter() for c in e.classes), case
    assert _check(response, language, case, part=htmx) == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_document_form_error_has_no_english(language):
    """The documents page shows a refused save as a message after the redirect."""
    data = _build(language)
    client = _client(language, data.user)
    edit = _on("document-edit", lambda d: d.document.pk)(data)
    client.post(edit, {"title": "", "version": "", "status": "nonsense"})
    response = client.get(_on("session-documents")(data))
    assert select(response.content, ".message.error")
    assert _check(response, language, "document form") == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_server_error_page_has_no_english(language):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override(language):
        html = render_to_string("500.html")
    assert find(html, "html")["lang"] == language
    assert english_in(html, language) == []


def test_the_check_finds_english():
    html = (
        '<html lang="zh"><body><h1>会议</h1><label>Start date</label>'
        '<input placeholder="e.g. Vienna"><select><option lang="fr">Français</option></select>'
        "<script>var x = 'hello';</script><p>CTOC/COP/WG.3/2024/1 · PDF · https://un.org/x</p>"
        '<button value="down">下移</button><input type="submit" value="Save"></body></html>'
    )
    assert english_in(html, "zh") == [
        "<label> Start date",
        "<input placeholder> e.g. Vienna",
        "<input value> Save",
    ]
