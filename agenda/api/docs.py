"""The read API's OpenAPI schema (JSON) and its docs page: the operations listed from that
schema, rendered by the server, without scripts (so nothing is fetched and the strict CSP
holds)."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from agenda.api.app import schema


def openapi_schema(request):
    """The OpenAPI 3.1 schema of the read API."""
    return JsonResponse(schema(), json_dumps_params={"ensure_ascii": False})


def _meanings() -> dict[str, str]:
    return {
        "200": _("The answer."),
        "304": _("Unchanged since the answer you have."),
        "404": _("No such session, version or document, or not one you may see."),
        "422": _("A parameter is not valid: each one is named, with the reason."),
    }


def api_docs(request):
    """The operations, their parameters and answers, from the schema."""
    meanings = _meanings()
    operations = []
    for address, methods in schema()["paths"].items():
        operation = methods["get"]
        operations.append(
            {
                "address": address,
                "summary": _(operation["summary"]),
                "parameters": [
                    {
                        "name": p["name"],
                        "place": p["in"],
                        "required": p.get("required", False),
                        "type": p["schema"].get("type", "string"),
                    }
                    for p in operation.get("parameters", [])
                ],
                "responses": [
                    (code, meanings.get(str(code), "")) for code in sorted(operation["responses"])
                ],
            }
        )
    return render(request, "api/docs.html", {"operations": operations})
