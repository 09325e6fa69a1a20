"""Two app servers and one worker, as in production (README: Several app servers).

Two gunicorn instances (the project's gunicorn.conf.py) on two free loopback ports, each with
its own local folders (collected static files, CACHE_DIR), sharing a PostgreSQL database made
for this test and the Redis cache (under a key prefix of its own), and one task worker
(``manage.py db_worker``). What is published or edited through one is served by the other at
once, with the same ETag and bytes. The worker is killed in the middle of a render: the
render is taken up again and completes, and meanwhile every answer is the previous version's
PDF (marked, under its own ETag) or the new one whole; nothing stale, nothing partial.

It needs PostgreSQL and Redis (DATABASE_URL=postgres://… and REDIS_URL, as in .ci/run's
second run); on SQLite alone it is skipped.
"""

import http.client
import io
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import dj_database_url
import pytest
from django.conf import settings
from pypdf import PdfReader

from meetings.cache import RedisCache

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")

pytestmark = pytest.mark.skipif(
    not (DATABASE_URL.startswith(("postgres://", "postgresql://")) and REDIS_URL),
    reason="needs PostgreSQL and Redis: DATABASE_URL=postgres://… REDIS_URL=redis://… "
    "(.ci/run's second run sets both)",
)

SESSION = "/bodies/ctoc-cop-wg3/sessions/15/"
LANGUAGES = ["ar", "zh", "en", "fr", "ru", "es"]
PASSWORD = "two-servers-test-password"
NEW_ITEM = "Item added through server A"
STALE_SECONDS = 3  # the worker's heartbeat stops: its render is taken up after this


def wait_for(what: str, check, seconds: float, interval: float = 0.1):
    """``check()`` until it returns something true, at most ``seconds``; that value."""
    deadline = time.monotonic() + seconds
    for _ in range(int(seconds / interval) + 1):
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            break
        time.sleep(interval)
    raise AssertionError(f"still waiting after {seconds} s for {what}")


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes

    @property
    def etag(self) -> str:
        return self.headers.get("etag", "")


@dataclass
class Server:
    """One app server, and a browser's cookies for it."""

    name: str
    port: int
    process: subprocess.Popen | None = None
    cookies: dict = field(default_factory=dict)

    def request(self, method, path, body=None, headers=None) -> Answer:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        answer = Answer(response.status, {}, response.read())
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie, _, _ = value.partition(";")
                key, _, val = cookie.partition("=")
                self.cookies[key.strip()] = val.strip()
            answer.headers[name.lower()] = value
        conn.close()
        return answer

    def get(self, path, **headers) -> Answer:
        return self.request(
            "GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()}
        )

    def post_form(self, path, data: dict, page: str = "") -> Answer:
        """A form as a browser posts it: the CSRF token of its page, then the fields."""
        page = self.get(page or path)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)[1].decode()
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data})
        content_type = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", path, body=body, headers=content_type)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(command, env, log: Path) -> subprocess.Popen:
    """In a process group of its own, so that stopping it stops its children too."""
    with log.open("wb") as out:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop(process: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


def manage(env, *args) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


class Database:
    """A PostgreSQL database of its own, on the server of DATABASE_URL."""

    def __init__(self):
        import psycopg

        config = dj_database_url.parse(DATABASE_URL)
        self.name = f"meetings_two_servers_{secrets.token_hex(4)}"
        self.params = {
            "host": config["HOST"] or "127.0.0.1",
            "port": config["PORT"] or 5432,
            "user": config["USER"],
            "password": config["PASSWORD"] or None,
        }
        self.admin = psycopg.connect(dbname="postgres", autocommit=True, **self.params)
        self.admin.execute(f'CREATE DATABASE "{self.name}"')
        password = f":{config['PASSWORD']}" if config["PASSWORD"] else ""
        self.url = (
            f"postgres://{config['USER']}{password}@{self.params['host']}:{self.params['port']}"
            f"/{self.name}"
        )
        self.connection = None

    def rows(self, sql, *args) -> list[tuple]:
        import psycopg

        if self.connection is None:
            self.connection = psycopg.connect(dbname=self.name, autocommit=True, **self.params)
        return self.connection.execute(sql, args).fetchall()

    def renders(self, version: int) -> dict[str, tuple]:
        """language -> (state, attempts, key) of the session's version ``version``."""
        rows = self.rows(
            "SELECT r.language, r.state, r.attempts, r.key FROM agenda_pdfrender r "
            "JOIN agenda_publishedversion v ON v.id = r.version_id WHERE v.number = %s",
            version,
        )
        return {language: (state, attempts, key) for language, state, attempts, key in rows}

    def drop(self):
        if self.connection is not None:
            self.connection.close()
        self.admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        self.admin.close()


@pytest.fixture
def cluster(tmp_path):
    database = Database()
    prefix = f"{settings.CACHES['default'].get('KEY_PREFIX') or 'test'}-servers"
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "GUNICORN"))}
    env = base | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database.url,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "SECRET_KEY": "two-servers-test-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://meetings.example.org",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "PDF_RENDER_STALE_SECONDS": str(STALE_SECONDS),
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
    }
    servers, processes = [], []
    try:
        manage(env, "migrate", "-v0")
        manage(env, "import_session", "seeds/ctoc-cop-wg3-15.json")  # version 1, PDFs queued
        manage(env, "createsuperuser", "--noinput", "--username=admin", "--email=a@example.org")
        collecting = []
        for name in ("a", "b"):
            folder = tmp_path / name
            server_env = env | {
                "CACHE_DIR": str(folder / "cache"),
                "STATIC_ROOT": str(folder / "static"),
            }
            command = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
            collecting.append(subprocess.Popen(command, cwd=ROOT, env=server_env))
            servers.append((Server(name, free_port()), server_env))
        assert [p.wait(timeout=300) for p in collecting] == [0, 0]
        gunicorn = [str(Path(sys.executable).with_name("gunicorn")), "--config=gunicorn.conf.py"]
        for server, server_env in servers:
            server_env |= {"GUNICORN_BIND": f"127.0.0.1:{server.port}", "GUNICORN_WORKERS": "2"}
            server.process = start(gunicorn, server_env, tmp_path / f"{server.name}.log")
            processes.append(server.process)
        for server, _ in servers:
            wait_for(f"server {server.name}", lambda s=server: healthy(s), 60, 0.2)

        def worker(n: int) -> subprocess.Popen:
            command = [sys.executable, "manage.py", "db_worker", "--no-reload"]
            command += ["--no-startup-delay", "--interval=0.2", f"--worker-id=test-worker-{n}"]
            process = start(
                command, env | {"CACHE_DIR": str(tmp_path / "worker")}, tmp_path / f"worker-{n}.log"
            )
            processes.append(process)
            return process

        yield database, servers[0][0], servers[1][0], worker
    except BaseException:
        for log in sorted(tmp_path.glob("*.log")):
            print(f"--- {log.name}\n{log.read_text(errors='replace')[-4000:]}")
        raise
    finally:
        for process in processes:
            stop(process)
        database.drop()
        RedisCache(REDIS_URL, {"KEY_PREFIX": prefix}).clear()


def healthy(server: Server) -> bool:
    if server.process.poll() is not None:
        raise AssertionError(f"server {server.name} exited")
    try:
        return server.get("/healthz").status == 200
    except OSError:
        return False


def pdf_complete(pdf: bytes, *texts: str) -> bool:
    """A whole PDF: it parses to its last page, and says what it should."""
    reader = PdfReader(io.BytesIO(pdf), strict=True)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    return pdf.startswith(b"%PDF-") and all(t in text for t in texts)


def test_two_app_servers_share_everything_and_a_killed_render_completes(cluster):
    database, a, b, start_worker = cluster
    worker = start_worker(1)
    wait_for(
        "version 1's six PDFs",
        lambda: [s for s, _, _ in database.renders(1).values()] == ["done"] * 6,
        240,
        0.2,
    )
    v1 = {}
    for lang in LANGUAGES:
        first, second = a.get(f"{SESSION}agenda.{lang}.pdf"), b.get(f"{SESSION}agenda.{lang}.pdf")
        assert (first.status, second.status) == (200, 200)
        assert first.etag == second.etag == f'"{database.renders(1)[lang][2]}"'
        assert first.body == second.body
        v1[lang] = first

    # Edit and publish through server A; B serves it at once (sessions, data and cache shared).
    login = a.post_form("/accounts/login/", {"username": "admin", "password": PASSWORD})
    assert login.status == 302, login.body[:500]
    added = a.post_form(
        f"{SESSION}edit/items/add?lang=en", {"title": NEW_ITEM}, page=f"{SESSION}edit/?lang=en"
    )
    assert added.status in (200, 302), added.body[:500]
    b.cookies = dict(a.cookies)  # the same browser, balanced to the other server
    assert NEW_ITEM in b.get(f"{SESSION}edit/?lang=en").body.decode()
    published = a.post_form(f"{SESSION}edit/publish?lang=en", {"kind": "revision", "note": ""})
    assert published.status == 302, published.body[:500]
    for path in (f"{SESSION}calendar.ics", f"{SESSION}export.json"):
        first, second = a.get(path), b.get(path)
        assert (first.status, second.status) == (200, 200)
        assert (first.etag, first.body) == (second.etag, second.body)
    export = json.loads(b.get(f"{SESSION}export.json").body)
    assert NEW_ITEM in json.dumps(export, ensure_ascii=False)

    # The worker takes version 2's first PDF; it is killed in the middle of that render.
    def running():
        return [lang for lang, (state, _, _) in database.renders(2).items() if state == "running"]

    (killed,) = wait_for("a render of version 2 under way", running, 120, 0.02)
    stop(worker, signal.SIGKILL)
    assert database.renders(2)[killed][:2] == ("running", 1)  # it did not finish

    seen_new = {}

    def answers(lang):
        """One request to each server: the previous version's PDF, marked, or the new one."""
        for server in (a, b):
            answer = server.get(f"{SESSION}agenda.{lang}.pdf")
            assert answer.status == 200, (server.name, answer.status)
            if answer.headers["x-agenda-version"] == "1":
                assert lang not in seen_new, "the previous version after the new one"
                assert answer.headers["x-agenda-pending-version"] == "2"
                assert (answer.etag, answer.body) == (v1[lang].etag, v1[lang].body)
                disposition = answer.headers["content-disposition"]
                assert disposition.endswith(f'-{lang}-previous.pdf"')
            else:
                assert answer.headers["x-agenda-version"] == "2"
                assert "x-agenda-pending-version" not in answer.headers
                assert answer.etag == f'"{database.renders(2)[lang][2]}"'
                if lang in seen_new:
                    assert answer.body == seen_new[lang]
                else:
                    assert pdf_complete(answer.body, NEW_ITEM)
                    seen_new[lang] = answer.body
        return lang in seen_new

    assert not answers(killed)  # the stand-in, from both servers
    assert a.get(f"{SESSION}versions/2/agenda.{killed}.pdf").status == 503
    # Nobody renders it now: its heartbeat stopped. After STALE_SECONDS a request queues it
    # again, and a new worker (systemd would restart it) completes it.
    time.sleep(STALE_SECONDS + 0.5)
    assert not answers(killed)
    start_worker(2)
    for lang in [killed, *(lang for lang in LANGUAGES if lang != killed)]:
        wait_for(f"version 2 in {lang}", lambda lang=lang: answers(lang), 240, 0.3)
    renders = database.renders(2)
    assert {lang: r[:2] for lang, r in renders.items()} == {
        lang: ("done", 2 if lang == killed else 1) for lang in LANGUAGES
    }  # each rendered once, the killed one once more
    version_pdf = b.get(f"{SESSION}versions/2/agenda.{killed}.pdf")
    assert (version_pdf.status, version_pdf.body) == (200, seen_new[killed])
    conditional = a.get(f"{SESSION}agenda.{killed}.pdf", if_none_match=f'"{renders[killed][2]}"')
    assert conditional.status == 304
