"""What operators rely on: every 500 in the log (JSON, traceback, method, path, request id)
and its id in the response; liveness apart from readiness; request sizes capped before the
body is read."""

import io
import json
import logging
import re
import socket

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from agenda.models import Reference
from meetings import health
from meetings.logs import JsonFormatter
from tests import factories
from tests.parsed import parse

HEX_ID = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def log_lines():
    """What the configured stderr handler writes (settings.LOGGING), read back as JSON."""
    (handler,) = [
        h for h in logging.getLogger("django").handlers if isinstance(h.formatter, JsonFormatter)
    ]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    handler.setStream(previous)


@pytest.mark.urls("tests.meetings.urls_raising")
def test_a_500_is_logged_as_json_with_traceback_method_path_and_request_id(db, log_lines):
    client = Client(raise_request_exception=False)
    response = client.post("/explode/?x=1", {"a": "b"})
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    assert HEX_ID.fullmatch(request_id)
    (entry,) = [e for e in log_lines() if e["logger"] == "django.request"]
    traceback = entry.pop("exception")
    assert traceback.startswith("Traceback (most recent call last):")
    assert traceback.endswith("ZeroDivisionError: the failure the log must show")
    assert 'raise ZeroDivisionError("the failure the log must show")' in traceback
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", entry.pop("time"))
    assert entry == {
        "level": "ERROR",
        "logger": "django.request",
        "message": "Internal Server Error: /explode/",
        "request_id": request_id,
        "method": "POST",
        "path": "/explode/",
        "status": 500,
    }


@pytest.mark.urls("tests.meetings.urls_raising")
def test_the_proxys_request_id_is_kept_when_well_formed(db, log_lines):
    client = Client(raise_request_exception=False)
    nginx_id = "5c8f0d0e0b0f4a6c9e3a7d2b1f4e6a8c"
    response = client.get("/explode/", headers={"X-Request-ID": nginx_id})
    assert response["X-Request-ID"] == nginx_id
    assert [e["request_id"] for e in log_lines()] == [nginx_id]


@pytest.mark.parametrize(
    "given", ["short", "x" * 129, "id\nERROR forged log line", "id with spaces", "<script>"]
)
def test_a_malformed_request_id_is_replaced(client, given):
    response = client.get("/healthz", headers={"X-Request-ID": given})
    assert HEX_ID.fullmatch(response["X-Request-ID"])


def test_every_response_gets_its_own_request_id(client):
    ids = {client.get("/healthz")["X-Request-ID"] for _ in range(3)}
    assert len(ids) == 3


# --- liveness and readiness ------------------------------------------------------------


def test_healthz_is_alive_without_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"))
    assert (response.status_code, response.text) == (200, "ok")


def test_readyz_checks_the_database_the_cache_and_the_queue(client, db):
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert response.text == "ready\ndatabase: ok\ncache: ok\nqueue: ok\n"


DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_readyz_reads_the_database_queue(client, settings, db, django_assert_num_queries):
    settings.TASKS = DATABASE_QUEUE  # production's queue (the tests run jobs in-process)
    with django_assert_num_queries(2):  # SELECT 1, then the queue's table
        response = client.get(reverse("readyz"))
    assert response.text == "ready\ndatabase: ok\ncache: ok\nqueue: ok\n"


def test_readyz_says_which_check_failed(client, settings, db, log_lines):
    # A Redis nobody listens on: a real connection refused, not a stand-in.
    settings.CACHES = {
        "default": {
            "BACKEND": "meetings.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.text == "not ready\ndatabase: ok\ncache: failed (ConnectionError)\nqueue: ok\n"
    (entry,) = [e for e in log_lines() if e["logger"] == "meetings.health"]
    assert entry["message"] == "readiness check cache failed"
    assert "Connection refused" in entry["exception"]


def test_readyz_without_a_database_is_not_ready(client, settings):
    """No db fixture: pytest-django refuses the connection, as a database that is down;
    the database queue is then unreachable too."""
    settings.TASKS = DATABASE_QUEUE
    response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert response.text == (
        "not ready\ndatabase: failed (RuntimeError)\ncache: ok\nqueue: failed (RuntimeError)\n"
    )


def test_readiness_runs_every_check_of_the_list_in_order():
    def broken():
        raise OSError("queue unreachable")

    results = health.readiness([("first", lambda: None), ("queue", broken), ("last", print)])
    assert [(r.name, r.ok, r.error) for r in results] == [
        ("first", True, ""),
        ("queue", False, "OSError"),
        ("last", True, ""),
    ]
    assert [name for name, _check in health.CHECKS] == ["database", "cache", "queue"]


def test_probes_are_not_sent_to_https(client, settings):
    """The load balancer asks the app server itself, in plain HTTP behind the proxy."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


# --- request size caps -------------------------------------------------------------------


def test_the_caps_fit_the_largest_upload_and_each_other():
    assert settings.REQUEST_MAX_BYTES == 3 * 1024 * 1024  # nginx: client_max_body_size 3m
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_621_440
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == 2_621_440
    from agenda.services.register import MAX_TEXT_BYTES

    assert MAX_TEXT_BYTES + 64 * 1024 < settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE < settings.REQUEST_MAX_BYTES


def test_an_oversize_body_is_refused_before_csrf_or_forms(db, log_lines):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/accounts/login/", {"username": "x", "password": "y" * (3 * 1024 * 1024)}
    )
    assert response.status_code == 413  # not 403: CSRF never looked at the body
    assert HEX_ID.fullmatch(response["X-Request-ID"])
    page = parse(response.content)
    text = page.visible_text
    assert page.find("h1").text == "Request too large"
    assert "The request sent 3.0\xa0MB; at most 3.0\xa0MB are accepted" in text
    assert "It was refused before it was read, so nothing was saved." in text
    (entry,) = [e for e in log_lines() if e["status"] == 413]
    assert entry["level"] == "WARNING"
    assert entry["path"] == "/accounts/login/"
    assert re.fullmatch(
        r"Request refused: \d+ bytes is over the cap of 3145728 bytes", entry["message"]
    )


def test_the_413_page_is_in_the_browsers_language(db):
    client = Client(headers={"accept-language": "fr"})
    response = client.post("/accounts/login/", {"text": "y" * (4 * 1024 * 1024)})
    assert response.status_code == 413
    page = parse(response.content)
    assert page.find("html").attrs == {"lang": "fr", "dir": "ltr"}
    assert page.find("h1").text == "Requête trop volumineuse"
    assert "La requête envoyait 4,0\xa0Mio ; 3,0\xa0Mio au plus sont acceptés" in page.visible_text
    arabic = Client(headers={"accept-language": "ar"})
    page = parse(arabic.post("/accounts/login/", {"text": "y" * (4 * 1024 * 1024)}).content)
    assert page.find("html").attrs == {"lang": "ar", "dir": "rtl"}
    assert page.find("h1").text == "الطلب كبير جدًا"


def test_a_reference_text_of_1_mb_is_accepted(client, db):
    session = factories.session()
    factories.document("A/RES/58/140", session=session, title={"en": "Resolution"})
    client.force_login(factories.secretariat_member(session.body))
    # 1 MB, citing under the cap of 2,000 references a text may record
    block = "Recalling resolution 57/173 and A/58/499. " + "The Assembly takes note. " * 40
    text = (block * 1_000)[:1_000_000].encode()
    upload = SimpleUploadedFile("res.txt", text, content_type="text/plain")
    response = client.post(reverse("document-text", args=["A/RES/58/140"]), {"file": upload})
    assert response.status_code == 302
    assert Reference.objects.filter(citing__symbol="A/RES/58/140").count() > 0


def test_the_server_answers_413_without_waiting_for_the_body(live_server):
    """Headers announcing 300 MB, and no body at all: the answer comes at once."""
    host, port = live_server.thread.host, live_server.thread.port
    with socket.create_connection((host, port), timeout=10) as conn:
        conn.sendall(
            b"POST /accounts/login/ HTTP/1.1\r\nHost: localhost\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 314572800\r\n\r\n"
        )
        head = conn.recv(65536).split(b"\r\n", 1)[0]
    assert head == b"HTTP/1.1 413 Request Entity Too Large"
