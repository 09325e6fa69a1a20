"""gunicorn's settings for the app servers (read from the working directory, or with
``-c gunicorn.conf.py``); deploy/meetings-web.service runs it. Each can be overridden on the
command line or with GUNICORN_CMD_ARGS."""

import multiprocessing
import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: one request each at a time, connection closed after it (nginx in front does
# the keep-alive with browsers and buffers slow clients).
worker_class = "sync"
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
# A worker whose request takes longer is killed and restarted, and the log says so (no
# request should come near it once PDFs render on the task queue).
timeout = 30
graceful_timeout = 30
# Recycle workers now and then, so a slow leak never grows into an outage.
max_requests = 2000
max_requests_jitter = 200

# Limits of the request head, before Django sees it (the body is capped by nginx's
# client_max_body_size and Django's REQUEST_MAX_BYTES, both 3 MB).
limit_request_line = 8190  # bytes of "POST /path?query HTTP/1.1"
limit_request_fields = 100  # headers
limit_request_field_size = 8190  # bytes of one header

# Only nginx on this machine may set X-Forwarded-* (settings.BEHIND_PROXY).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to stderr (journald under systemd). The app's own lines are JSON (settings.LOGGING);
# gunicorn's access lines are in the combined format plus the time taken and the request id
# the app sent back, so that an access line and the app's error lines can be joined.
errorlog = "-"
accesslog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms %({x-request-id}o)s'
)
capture_output = False
