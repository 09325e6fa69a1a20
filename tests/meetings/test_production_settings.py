"""The production settings: `check --deploy` is clean, and the app refuses to start without its
secrets. Run in subprocesses, since settings are read once per process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.parsed import find_all

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-key-" + "x7Qp9zL2mV4bN8cR1tY6uW3eK5sD0fG" * 2,
    "ALLOWED_HOSTS": "meetings.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
    "DJANGO_SETTINGS_MODULE": "config.settings",
}


# settings_test and the browser tests put their choices in os.environ: none may leak here.
OURS = {*PRODUCTION, "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in OURS}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    assert result.stdout == "System check identified no issues (1 silenced).\n"


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = manage("check", **env)
    assert result.returncode == 1
    assert f"ImproperlyConfigured: {missing} must be set when DEBUG is off." in result.stderr


def test_production_headers(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert client.get("/").status_code == 301  # plain HTTP is sent to HTTPS


def csp(response) -> dict:
    return dict(part.split(" ", 1) for part in response["Content-Security-Policy"].split("; "))


def test_every_page_has_a_strict_content_security_policy(client, db):
    assert csp(client.get("/")) == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "object-src": "'none'",
        "base-uri": "'none'",
        "frame-ancestors": "'none'",
        "form-action": "'self'",
    }


def test_inline_stylesheet_of_the_print_preview_carries_the_nonce(client, seeded):
    response = client.get("/bodies/ctoc-cop-wg3/sessions/15/agenda.en.html")
    nonce = str(response.context["csp_nonce"])
    assert csp(response)["style-src"] == f"'self' 'nonce-{nonce}'"
    # one stylesheet in the page, and it carries the nonce
    assert [style.attrs for style in find_all(response.content, "style")] == [{"nonce": nonce}]
