"""The read API's addresses, under /api/v1/ (config/urls.py): ninja's operations, each wrapped
with the API's caching and HEAD (agenda/api/http.py), then its docs page and schema."""

import inspect

from django.urls import path, re_path
from ninja.operation import PathView

from agenda.api import docs, http
from agenda.api.app import api

app_name = "api"


def _operations():
    """Ninja's patterns of operations (not its home page, which only raises 404), each
    wrapped as the function its GET calls: an address leads to that function."""
    for pattern in api.urls[0]:
        if not inspect.isfunction(pattern.callback):
            continue
        view = inspect.getclosurevars(pattern.callback).nonlocals.get("self")
        if isinstance(view, PathView):
            pattern.callback = http.conditional(pattern.callback, view.operations[0].view_func)
            yield pattern


urlpatterns = [
    *_operations(),
    path("", http.conditional(docs.api_docs, docs.api_docs, private=True), name="docs"),
    path("openapi.json", http.conditional(docs.openapi_schema, docs.openapi_schema), name="schema"),
    # last: whatever else is under the prefix, line breaks included
    re_path(r"^[\s\S]*$", http.unknown_address),
]
