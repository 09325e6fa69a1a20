"""Logs as JSON lines on stderr: one object a line, so journald, Loki, Elasticsearch or jq
read them without a pattern. Every record made while a request is handled carries that
request's id (meetings.middleware.RequestIDMiddleware), which is also sent back to the client
in the X-Request-ID header: the id a person quotes finds the log lines, traceback included."""

import contextvars
import datetime as dt
import json
import logging

# The id of the request this thread (or task) is handling, "" outside a request.
request_id = contextvars.ContextVar("request_id", default="")


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record (a handler's filter, so records of
    every logger get it, the third-party ones too)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            request = getattr(record, "request", None)
            record.request_id = request_id.get() or getattr(request, "request_id", "")
        return True


class JsonFormatter(logging.Formatter):
    """time, level, logger, message; the request's id, method and path and the response's
    status when the record is about a request (Django's django.request records carry them);
    the traceback, whole, under "exception"."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if getattr(record, "request_id", ""):
            entry["request_id"] = record.request_id
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            entry["method"] = request.method
            entry["path"] = request.path
        if hasattr(record, "status_code"):
            entry["status"] = record.status_code
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
