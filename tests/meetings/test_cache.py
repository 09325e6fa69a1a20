"""The cache: Redis (shared by app servers) when REDIS_URL is set, a folder otherwise; its
clear() deletes only its own keys, and the Redis server is bounded by memory."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches

from meetings.cache import RedisCache, glob_escape

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL", "")
cache = caches["default"]  # the backend itself, not the per-thread proxy
with_redis = pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set (.ci/run sets it)")


def cache_settings(**env) -> str:
    """The CACHES of the production settings module, as a fresh process reads them."""
    clean = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CACHE_KEY_PREFIX"}}
    code = "from django.conf import settings; c = settings.CACHES['default']; "
    code += "print(c['BACKEND'], c['LOCATION'], c.get('KEY_PREFIX', ''))"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=clean | {"DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1"} | env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_redis_url_selects_the_shared_redis_cache():
    assert cache_settings(REDIS_URL="redis://cache.internal:6379/2") == (
        "meetings.cache.RedisCache redis://cache.internal:6379/2 meetings"
    )
    assert cache_settings(REDIS_URL="redis://cache.internal:6379/2", CACHE_KEY_PREFIX="m2") == (
        "meetings.cache.RedisCache redis://cache.internal:6379/2 m2"
    )


def test_without_redis_url_the_cache_is_a_local_folder_needing_no_server():
    assert cache_settings(CACHE_DIR="/tmp/somewhere") == (
        "django.core.cache.backends.filebased.FileBasedCache /tmp/somewhere"
    )


def test_glob_escape_makes_a_prefix_literal():
    assert glob_escape("a*b?c[d]e\\f") == "a\\*b\\?c\\[d\\]e\\\\f"
    assert glob_escape("meetings") == "meetings"


@with_redis
def test_the_tests_use_redis_under_a_prefix_of_this_process():
    assert isinstance(cache, RedisCache)
    assert settings.CACHES["default"]["LOCATION"] == REDIS_URL
    assert cache.key_prefix.startswith(f"test-{os.getpid()}-")
    cache.set("greeting", "hello")
    client = cache._cache.get_client(write=True)
    assert client.get(f"{cache.key_prefix}:1:greeting") is not None


@with_redis
def test_clear_deletes_this_prefix_only():
    neighbour = RedisCache(REDIS_URL, {"KEY_PREFIX": f"{cache.key_prefix}*neighbour"})
    near_miss = RedisCache(REDIS_URL, {"KEY_PREFIX": f"{cache.key_prefix}x"})
    try:
        cache.set_many({f"k{n}": n for n in range(1200)})  # more than one SCAN/UNLINK batch
        cache.set("old", "v1", version=7)
        neighbour.set("k1", "theirs")
        near_miss.set("k1", "also theirs")

        assert cache.clear() is True

        assert cache.get_many([f"k{n}" for n in range(1200)]) == {}
        assert cache.get("old", version=7) is None
        assert neighbour.get("k1") == "theirs"
        assert near_miss.get("k1") == "also theirs"
    finally:
        neighbour.clear()
        near_miss.clear()
    assert neighbour.get("k1") is None


@with_redis
def test_the_redis_server_is_bounded_by_memory_and_evicts_least_recently_used():
    client = cache._cache.get_client(write=True)
    assert client.config_get("maxmemory-policy") == {"maxmemory-policy": "allkeys-lru"}
    assert int(client.config_get("maxmemory")["maxmemory"]) > 0
