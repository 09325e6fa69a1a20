"""What every answer of the read API shares: its ETag and Cache-Control, 304 to a matching
If-None-Match, HEAD answered as GET without the body, and refusals as translated JSON."""

import functools

from django.http import Http404, JsonResponse
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.translation import gettext as _
from ninja.errors import ValidationError

# Published content changes only when a version is published: shared caches may keep it a
# minute. Whatever a signed-in person reads (a working copy, their own unpublished
# documents) stays in their browser, which asks again each time (ETag → 304).
PUBLIC_CACHE = "public, max-age=60"
PRIVATE_CACHE = "private, no-cache"


def conditional(view, answers, *, private: bool = False):
    """``view`` (a django-ninja path view) with the API's caching and HEAD. Wrapped as
    ``answers`` (the function the router calls), so that an address leads to that function
    (docs/architecture.md, Addresses). ``private``: never kept by shared caches (a page with
    the site's header: the reader's name, a CSRF token)."""

    @functools.wraps(answers)
    def wrapper(request, *args, **kwargs):
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        response = view(request, *args, **kwargs)
        if head:
            request.method = "HEAD"
        patch_vary_headers(response, ["Cookie"])
        if request.method in {"GET", "HEAD"} and response.status_code == 200:
            shared = not (private or request.user.is_authenticated)
            response["Cache-Control"] = PUBLIC_CACHE if shared else PRIVATE_CACHE
            set_response_etag(response)
            response = get_conditional_response(request, etag=response["ETag"], response=response)
        if head:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response

    wrapper.csrf_exempt = True
    return wrapper


def unknown_address(request):
    """Any other address under the API's prefix: its 404 in JSON too, not the site's page
    (a symbol with a line break matches no documents/<path:symbol>, for instance)."""
    detail = _("There is nothing at this address.")
    return JsonResponse({"detail": detail, "errors": []}, status=404)


def not_found(api, request, exc: Http404):
    detail = str(exc) or _("There is nothing at this address.")
    return api.create_response(request, {"detail": detail, "errors": []}, status=404)


def invalid(api, request, exc: ValidationError):
    """422, naming each refused parameter and why, in the interface language."""
    errors = [
        {"parameter": str(error["loc"][-1]), "message": reason(error)} for error in exc.errors
    ]
    detail = _("Some parameters are not valid: %(names)s.") % {
        "names": ", ".join(e["parameter"] for e in errors)
    }
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


def reason(error: dict) -> str:
    """pydantic's error, told in the interface language."""
    kind, limits = error["type"], error.get("ctx", {})
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return _("It must be a whole number.")
    if kind == "greater_than_equal":
        return _("It must be at least %(limit)s.") % {"limit": limits["ge"]}
    if kind == "less_than_equal":
        return _("It must be at most %(limit)s.") % {"limit": limits["le"]}
    if kind == "string_pattern_mismatch":
        return {
            "version": _("It must be “working” or the number of a published version."),
            "body": _("It must be a body’s short name: letters, digits, hyphens, underscores."),
            "symbol": _("It must not contain control characters."),
        }.get(error["loc"][-1], _("This value is not valid."))
    if kind == "string_too_long":
        return _("It must be at most %(limit)s characters long.") % {"limit": limits["max_length"]}
    if kind == "missing":
        return _("It is required.")
    return _("This value is not valid.")
