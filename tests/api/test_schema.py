"""The read API against its own OpenAPI schema: schemathesis generates requests for every
operation, through the WSGI app (no network), and checks each answer: no server error, a
documented status, content type, headers and body. Each operation gets valid requests,
invalid ones (negative mode: 422 expected) and requests naming the seeded WG.3 session and
its documents, so that the happy paths are exercised as well as the 404s."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from agenda.api.app import schema as api_schema
from config.wsgi import application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# What the seeded data has (tests/conftest.py, wg3): path parameters that name it.
SEEDED = {
    "body": "ctoc-cop-wg3",
    "number": 15,
    "version": 1,
    "symbol": "CTOC/COP/WG.3/2024/1",
}
EXAMPLES = 15  # of each kind, per operation: the whole test stays well under a minute


def strategies(operation):
    """Requests naming the seeded data, any valid requests, and invalid ones."""
    names = {p.name for p in operation.path_parameters}
    seeded = {name: value for name, value in SEEDED.items() if name in names}
    return [
        operation.as_strategy(path_parameters=seeded),
        operation.as_strategy(),
        operation.as_strategy(GenerationMode.NEGATIVE),
    ]


def answered(operation) -> set[int]:
    """Run the generated requests of ``operation``, checked; the statuses they got."""
    seen = set()
    for strategy in strategies(operation):

        @given(case=strategy)
        @settings(
            max_examples=EXAMPLES,
            derandomize=True,  # the same requests on every run: a failure is never luck
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def conforms(case):
            seen.add(case.call_and_validate(checks=CHECKS).status_code)

        conforms()
    return seen


@pytest.fixture
def connection_kept():
    """As Django's test client does: requests through the WSGI app must not close the
    database connection (which holds the test's transaction) when they finish."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_every_operation_conforms_to_its_schema(wg3, connection_kept):
    loaded = schemathesis.openapi.from_dict(api_schema())
    loaded.app = application
    operations = [result.ok() for result in loaded.get_all_operations()]
    assert len(operations) == len(api_schema()["paths"])
    statuses = {operation.path: answered(operation) for operation in operations}
    # the seeded session answered every operation, and bad parameters were refused
    assert {path for path, codes in statuses.items() if 200 in codes} == set(statuses)
    assert {path for path, codes in statuses.items() if 422 in codes} == set(statuses)
