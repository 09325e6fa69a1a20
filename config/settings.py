"""One settings module, driven by the environment (see README: Configuration)."""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
if DEBUG:
    ALLOWED_HOSTS += ["localhost", "127.0.0.1", "[::1]"]
elif not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "axes",
    # The task queue's table and its worker (manage.py db_worker): PDFs render there.
    "django_tasks_db",
    "meetings",
    "agenda",
    # Django's own form and widget templates, for FORM_RENDERER below.
    "django.forms",
]

# Every form drawn by one field template (templates/includes/field.html).
FORM_RENDERER = "meetings.form_rendering.FormRenderer"

MIDDLEWARE = [
    # Outermost: every response, refusals and redirects included, carries the request's id,
    # and every log line made while handling it.
    "meetings.middleware.RequestIDMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # An over-size Content-Length is refused (413) before anything reads the body.
    "meetings.middleware.RequestSizeLimitMiddleware",
    # Static files straight from the app server (compressed, far-future cached when hashed).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The interface language: the language switcher's cookie, else the browser's preference.
    "django.middleware.locale.LocaleMiddleware",
    # ...unless the address asks for a language (?lang=): the whole page is then in it.
    "meetings.middleware.PageLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Records the signed-in user on every history row (who changed what).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses sign-ins for a locked-out user name + address before checking the password.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "body-list"
LOGOUT_REDIRECT_URL = "body-list"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "meetings.context_processors.site",
            ],
            "builtins": ["meetings.templatetags.urls"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while one writer commits; the timeout waits for the lock
    # instead of failing at once with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The six official UN languages, in the UN's own (English alphabetical) order.
LANGUAGES = [
    ("ar", "العربية"),
    ("zh", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]
# Interface translations (gettext catalogues, compiled by scripts/bootstrap.sh).
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Rendered PDFs and calendar feeds, keyed by published version. With REDIS_URL (production,
# several app servers): one Redis shared by all, bounded by its own maxmemory with the
# allkeys-lru policy (deploy/redis.conf; README: Production). Without it (`make run`, one
# machine): a folder that every worker process of this machine shares and a restart keeps;
# CACHE_DIR moves it.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_TIMEOUT = 60 * 60 * 24 * 30
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, whose clear() deletes only keys under KEY_PREFIX.
            "BACKEND": "meetings.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "meetings"),
            "TIMEOUT": CACHE_TIMEOUT,
            # An unreachable Redis fails a request within seconds rather than hanging it.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "TIMEOUT": CACHE_TIMEOUT,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# The task queue (Django's tasks framework): jobs are rows of the database itself
# (django-tasks-db), run by `manage.py db_worker` (deploy/meetings-worker@.service; `make run`
# starts one). Published PDFs render there, never inside a request (agenda/outputs/pdf/tasks.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Render a version's six PDFs as soon as it is published (else each on its first request).
PDF_RENDER_AHEAD = env_bool("PDF_RENDER_AHEAD", True)
# A render whose worker has not reported for this long is taken to have lost its worker
# (killed, out of memory, machine gone) and is queued again by the next request for it.
PDF_RENDER_STALE_SECONDS = float(os.environ.get("PDF_RENDER_STALE_SECONDS", "30"))

# Suffix of the calendar UIDs of sittings (<uuid>@<suffix>). Fixed, not per install: the
# uuids travel with the exchange format, so every install must publish the same UIDs.
CALENDAR_UID_DOMAIN = "sittings.un-meetings-planner.invalid"

# The site's public address, for absolute links in feeds and PDFs: never the request's Host
# header, which any client can set (and which would split or poison every cache).
SITE_URL = os.environ.get(
    "SITE_URL",
    "http://127.0.0.1:8000" if DEBUG else f"https://{(ALLOWED_HOSTS or ['localhost'])[0]}",
).rstrip("/")

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = os.environ.get("STATIC_ROOT", str(BASE_DIR / "var" / "static"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (cached forever by browsers) and pre-compressed copies; needs collectstatic.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Request sizes (README: Production; deploy/nginx.conf and gunicorn.conf.py match) -----
# The whole body: a larger Content-Length is refused with 413 before it is read. It leaves
# room for the largest legitimate request, a reference text of 1 MB (services/register.py) in a
# multipart form, and for form data up to Django's own limit below.
REQUEST_MAX_BYTES = int(os.environ.get("REQUEST_MAX_BYTES", str(3 * 1024 * 1024)))
# Form fields (files not counted): above this Django answers 400 (templates/400.html).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Uploaded files up to this size stay in memory; larger ones (none under the cap above that
# the app accepts) would go to a temporary file.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Logs: JSON lines on stderr (meetings/logs.py), each with the request's id ------------
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "meetings.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "meetings.logs.JsonFormatter"},
        "runserver": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "json",
            "filters": ["request_id"],
        },
        "runserver": {"class": "logging.StreamHandler", "formatter": "runserver"},
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own: every 500 with its traceback (django.request), 4xx as warnings,
        # refused hosts (django.security). Replaces Django's default console/mail handlers.
        "django": {"handlers": ["stderr"], "level": LOG_LEVEL, "propagate": False},
        # runserver's access lines (make run) stay as Django prints them
        "django.server": {"handlers": ["runserver"], "level": "INFO", "propagate": False},
    },
}

# --- HTTPS and browser hardening (README: Production) -----------------------------------
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# The load balancer's probes talk plain HTTP to the app server itself, behind the proxy.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
if env_bool("BEHIND_PROXY", False):
    # Only behind a proxy that sets this header itself: a client could forge it otherwise.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Preloading is a promise to the browser vendors' list that cannot be taken back quickly:
# the operator opts in (SECURE_HSTS_PRELOAD=1); the check only reminds that it exists.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Strict CSP: scripts and styles from our own origin, the few inline ones carry the request's
# nonce (htmx's script tag, the print preview's stylesheet). No inline event handlers anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Failed sign-ins (django-axes): after AXES_FAILURE_LIMIT failures for one user name from one
# address, that pair is refused for AXES_COOLOFF_MINUTES, with a page that says so.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
if env_bool("BEHIND_PROXY", False):
    # The client's address as the proxy reports it (the proxy's own address otherwise).
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
