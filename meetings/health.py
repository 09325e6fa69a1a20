"""Readiness: can this app server do its work now? A list of named checks, each raising
when its service is unusable: the database, the cache, the task queue."""

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("SELECT 1 did not return 1")


def cache_round_trip() -> None:
    """A write and a read: a read-only or full (noeviction) Redis fails here, not later."""
    key, value = "readyz", secrets.token_hex(8)
    cache.set(key, value, timeout=30)
    if cache.get(key) != value:
        raise RuntimeError("the value written was not read back")


def task_queue() -> None:
    """The queue can take jobs: the database queue's table is there and readable (a
    deployment that forgot ``migrate`` fails here). A backend that runs jobs in-process (the
    tests') has nothing to reach. How far the worker is behind is not this server's
    readiness: a worker that is down must not take every app server out of the balancer."""
    if isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        list(DBTaskResult.objects.ready().order_by().values_list("pk")[:1])


CHECKS: list[tuple[str, Callable[[], None]]] = [
    ("database", database),
    ("cache", cache_round_trip),
    ("queue", task_queue),
]


@dataclass
class Result:
    name: str
    ok: bool
    error: str = ""


def readiness(checks=None) -> list[Result]:
    """Every check, run in order (one failing does not hide the others). A failure is named
    by its exception's class only (the page is public); the log has the whole message."""
    results = []
    for name, check in checks if checks is not None else CHECKS:
        try:
            check()
        except Exception as exc:  # a readiness probe reports every failure, it never raises
            logger.warning("readiness check %s failed", name, exc_info=True)
            results.append(Result(name, False, type(exc).__name__))
        else:
            results.append(Result(name, True))
    return results
