"""`make run` prints a demo secretariat account and a demo administrator, with DEBUG on."""

import io
import re

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from tests import factories

pytestmark = pytest.mark.django_db


def run() -> dict[str, str]:
    out = io.StringIO()
    call_command("create_demo_account", stdout=out, stderr=io.StringIO())
    return dict(re.findall(r"user “(\w+)”, password “([^”]+)”", out.getvalue()))


def test_a_demo_administrator_with_a_fresh_password_each_run(settings):
    settings.DEBUG = True
    body = factories.body(slug="ctoc-cop-wg3")
    first = run()
    assert set(first) == {"secretariat", "admin"}
    admin = authenticate(username="admin", password=first["admin"])
    assert admin is not None and admin.is_superuser and admin.is_staff
    secretariat = authenticate(username="secretariat", password=first["secretariat"])
    assert secretariat is not None and not secretariat.is_superuser
    assert list(body.secretariat.all()) == [secretariat]
    second = run()
    assert second["admin"] != first["admin"]
    assert authenticate(username="admin", password=first["admin"]) is None


def test_no_demo_accounts_without_debug(settings):
    settings.DEBUG = False
    factories.body(slug="ctoc-cop-wg3")
    assert run() == {}
