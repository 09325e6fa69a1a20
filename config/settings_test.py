"""The small override the test suite runs with (see pyproject.toml)."""

import os
import secrets
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# The test client speaks plain HTTP; the HTTPS settings have their own test (check --deploy).
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("SITE_URL", "http://testserver")

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if REDIS_URL:  # noqa: F405
    # The shared Redis, as in production, under a key prefix of this test process alone (its
    # children, e.g. servers a test starts, inherit it), so that parallel runs never see each
    # other's keys and cache.clear() deletes only this run's. A killed run's keys expire.
    # pytest-xdist's workers inherit the controller's environment: each has its own variable.
    prefix_variable = "_".join(
        filter(None, ["TEST_CACHE_KEY_PREFIX", os.environ.get("PYTEST_XDIST_WORKER")])
    )
    os.environ.setdefault(prefix_variable, f"test-{os.getpid()}-{secrets.token_hex(4)}")
    CACHES = {
        "default": {
            **CACHES["default"],  # noqa: F405
            "KEY_PREFIX": os.environ[prefix_variable],
            "TIMEOUT": 60 * 60,
        }
    }
else:
    # Each test process gets its own in-memory cache; tests that need an empty one clear it.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Tasks run at once, inside the enqueueing call: a request for a PDF not yet rendered gets it
# in that response, as if the worker had been quick. The tests that need a queue that waits
# use Django's DummyBackend; tests/meetings/test_two_servers.py runs the real worker.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Publishing would render six PDFs at once (whenever a test commits); tests of that turn it on.
PDF_RENDER_AHEAD = False

# Static files without collectstatic (the live server of the browser tests serves them).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Failed-login limits would lock out tests that sign in many times; their own tests turn it on.
AXES_ENABLED = False

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not the shared in-memory database: parallel writers (tests/concurrency) must
    # meet SQLite's real locking (WAL, busy timeout) as in production, not "table is locked".
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"meetings-test-{os.getpid()}.sqlite3")
    }
