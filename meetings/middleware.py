"""Request-level middleware of the project: the request id, and the cap on request sizes."""

import re
import secrets

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.log import log_response

from meetings.logs import request_id

HEADER = "X-Request-ID"
# What a proxy may send as its id (nginx's $request_id: 32 hex digits; UUIDs; …). Anything
# else, a client's attempt to put text in our logs included, is replaced by our own.
WELL_FORMED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,127}")


class RequestIDMiddleware:
    """Gives each request an id, from the proxy's X-Request-ID when it is well-formed, else a
    new one; puts it on the request (``request.request_id``), on every log record made while
    the request is handled, and in the response's X-Request-ID header. Outermost, so even a
    redirect or a refusal of another middleware carries it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(HEADER, "")
        request.request_id = given if WELL_FORMED.fullmatch(given) else secrets.token_hex(16)
        token = request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response[HEADER] = request.request_id
        return response


class RequestSizeLimitMiddleware:
    """Refuses a request whose Content-Length is above REQUEST_MAX_BYTES with 413 and a page
    that says so, before anything reads the body: no form parsing, no upload written to a
    temporary file, no CSRF check. (A body without Content-Length, i.e. chunked, is not read
    by Django at all; nginx and gunicorn cap it in front.) Django's own DATA_UPLOAD_MAX_*
    limits still apply below this cap."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body then
        limit = settings.REQUEST_MAX_BYTES
        if length <= limit:
            return self.get_response(request)
        # Before LocaleMiddleware: the page is in the language the browser asks for.
        with translation.override(translation.get_language_from_request(request)):
            page = loader.render_to_string(
                "413.html",
                {
                    # "3.0 MB", "3,0 Mo", "3,0 МБ": in the page's language
                    "size": filesizeformat(length),
                    "limit": filesizeformat(limit),
                    "LANGUAGE_CODE": translation.get_language(),
                    "LANGUAGE_BIDI": translation.get_language_bidi(),
                },
            )
            response = HttpResponse(page, status=413)
        # The unread body is not taken for a next request: gunicorn's sync workers close the
        # connection after each response (gunicorn.conf.py), and nginx refuses it first.
        log_response(
            # For operators: logs stay in English, as Django's own do.
            "Request refused: %(size)s bytes is over the cap of %(limit)s bytes",
            {"size": length, "limit": limit},
            response=response,
            request=request,
        )
        return response


class PageLanguageMiddleware:
    """A page asked for in a language (``?lang=zh``: the links of other pages, calendars and
    feeds carry it) is shown in it, its interface as well as its content, so that a page is
    in one language, which its Content-Language says. Without it, the language chosen with
    the switcher (its cookie) or the browser's. After LocaleMiddleware, which it overrides."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.GET.get("lang", "")
        # In the editor ``lang`` is the language being edited, not the interface's.
        if language in self.languages and "/edit/" not in request.path:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
