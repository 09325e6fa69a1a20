"""The shared cache on Redis: Django's own RedisCache, with a ``clear()`` that stays in its lane.

Django's ``RedisCache.clear()`` runs FLUSHDB, which empties the whole Redis database: every
other app server's keys, a parallel test run's keys, a task queue's jobs if one shares the
database. Here ``clear()`` deletes only the keys under this cache's KEY_PREFIX, so several
processes (or test runs, each with its own prefix) can share one Redis and clear safely.

The match follows Django's default key function, ``<KEY_PREFIX>:<version>:<key>``; with a
custom KEY_FUNCTION, ``clear()`` would miss keys, so it is refused.
"""

import re

from django.core.cache.backends.base import default_key_func
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.exceptions import ImproperlyConfigured

# How many keys one SCAN step asks for, and one UNLINK removes.
BATCH = 500


def glob_escape(text: str) -> str:
    """``text`` as a literal in a Redis MATCH pattern (``*``, ``?``, ``[``, ``]``, ``\\``)."""
    return re.sub(r"([*?\[\]\\])", r"\\\1", text)


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        if self.key_func is not default_key_func:
            raise ImproperlyConfigured(
                "meetings.cache.RedisCache clears by KEY_PREFIX and needs Django's default "
                "KEY_FUNCTION."
            )

    def key_pattern(self) -> str:
        """The MATCH pattern of every key this cache writes, whatever its version."""
        return f"{glob_escape(self.key_prefix)}:*"

    def clear(self) -> bool:
        """Delete this cache's keys (SCAN + UNLINK in batches), never anybody else's."""
        client = self._cache.get_client(None, write=True)
        batch = []
        for key in client.scan_iter(match=self.key_pattern(), count=BATCH):
            batch.append(key)
            if len(batch) == BATCH:
                client.unlink(*batch)
                batch = []
        if batch:
            client.unlink(*batch)
        return True
