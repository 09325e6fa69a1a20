"""Parallel writers: real threads, each with its own database connection, released together
by a barrier so that their transactions overlap (transactional_db: the rows are committed and
visible to every connection)."""

import threading
from dataclasses import dataclass

import pytest
from django.db import connection


@dataclass
class Outcome:
    result: object = None
    error: BaseException | None = None


def in_parallel(*calls) -> list[Outcome]:
    """Run the calls at the same moment, one thread each; what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    outcomes = [Outcome() for _ in calls]

    def run(call, outcome):
        try:
            barrier.wait(timeout=30)
            outcome.result = call()
        except BaseException as exc:  # reported to the test, which asserts on it
            outcome.error = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=pair) for pair in zip(calls, outcomes, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


@pytest.fixture
def parallel(transactional_db):
    return in_parallel
