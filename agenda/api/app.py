"""The read API (django-ninja): its instance, its operations (agenda/api/views.py) and its
OpenAPI 3.1 schema, to which each answer's caching headers are added."""

from functools import partial

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import ValidationError

from agenda.api import http
from agenda.api.views import router

PREFIX = "/api/v1/"


class ReadAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Ninja's schema, plus what http.conditional adds to every GET: ETag, Cache-Control
        and 304 Not Modified."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        headers = {
            "ETag": {
                "description": "Of this answer's bytes",
                "required": True,
                "schema": {"type": "string", "pattern": '^(W/)?"[^"]*"$'},
            },
            "Cache-Control": {"required": True, "schema": {"type": "string"}},
        }
        for operations in schema["paths"].values():
            for parameter in operations["get"].get("parameters", []):
                # ninja copies pydantic's list of examples to the parameter, where OpenAPI
                # wants a map of Example objects: one example, as `example`
                if isinstance(parameter.get("examples"), list):
                    parameter["example"] = parameter.pop("examples")[0]
            responses = operations["get"]["responses"]  # keyed by int
            responses[200]["headers"] = headers
            responses[304] = {"description": "Not modified: If-None-Match names the ETag"}
        return schema


api = ReadAPI(
    title="UN Meetings Planner",
    version="1",
    description=(
        "Read-only: sessions, their agenda items, meetings and documents as published, the "
        "documents register, and each session's published versions. A session's working "
        "copy (`?version=working`) is shown only to its body's secretariat, signed in on the "
        "site (the session cookie); to anyone else it is 404, like a session that does not "
        "exist."
    ),
    openapi_url=None,  # served by agenda/api/docs.py, with the API's caching
    docs_url=None,  # a page of the site's own, without scripts (agenda/api/docs.py)
    urls_namespace="api",
)
api.add_router("", router)
api.add_exception_handler(Http404, partial(http.not_found, api))
api.add_exception_handler(ValidationError, partial(http.invalid, api))


def schema() -> dict:
    return api.get_openapi_schema(path_prefix=PREFIX)
