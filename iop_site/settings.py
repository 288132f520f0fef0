"""Settings for the IOP site, read from the environment (see README "Configuration").

Django's and the libraries' settings keep their own names; the project's own start with IOP_.
Nothing here writes to disk: folders and files are made where they are first used.
"""

import datetime
import hashlib
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- Core and paths -------------------------------------------------------------------------------
BASE_DIR = Path(__file__).resolve().parent.parent
# Per-machine state in the temp directory is named after this checkout, so two checkouts on one
# machine never share session files or the page-cache generation file.
_local_state = str(
    Path(tempfile.gettempdir())
    / f"iop-site-{hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:12]}"
)

ROOT_URLCONF = "iop_site.urls"
WSGI_APPLICATION = "iop_site.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Security and secrets -------------------------------------------------------------------------
# The checklist is `python manage.py check --deploy --fail-level WARNING`; core/checks.py adds ours.
DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DEBUG is off. `make run` creates a local one; "
            "in production, set it from your secret store."
        )
    SECRET_KEY = "insecure-local-development-key-only-used-with-DJANGO_DEBUG"  # noqa: S105

# --- Hosts ----------------------------------------------------------------------------------------
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

# --- HTTPS ----------------------------------------------------------------------------------------
# Plain HTTP is for local use only (`make run` sets DJANGO_HTTPS_ONLY=0); production sits behind
# a TLS proxy that sets X-Forwarded-Proto. The cookies' Secure flags follow this too (Sessions).
IOP_HTTPS_ONLY = env_bool("DJANGO_HTTPS_ONLY", default=not DEBUG)
if IOP_HTTPS_ONLY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# Load balancers probe over plain HTTP; the health check must answer them, not redirect.
SECURE_REDIRECT_EXEMPT = [r"^healthz(/status)?$"]

# --- Apps and middleware --------------------------------------------------------------------------
INSTALLED_APPS = [
    # Before the admin, so its translation fields and admin classes are ready when admins load.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "csp",
    "axes",
    "reversion",
    # The page-text editor in the admin; its scripts and styles are served from our own origin.
    "django_prose_editor",
    "core",
    "content",
    "screening",
    "program",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above everything that adds headers, so stored pages carry them (see core/pagecache.py).
    "core.pagecache.PageCacheMiddleware",
    # Below the page cache, so stored pages carry Content-Language; above what renders anything.
    "core.middleware.LanguageFromPathMiddleware",
    # The two header middlewares wrap everything below, so 405s and error pages get them.
    "csp.middleware.CSPMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    # Before sessions and CSRF, so TRACE/PUT/PATCH/DELETE never reach a view or the admin.
    "core.middleware.MethodAllowlistMiddleware",
    # Sessions: a session that cannot be saved (Redis down or full) gets a clear 503, not a 500.
    "core.sessions.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Security: file parts and big bodies get 413 before CSRF's check reads them (staff may upload).
    "core.middleware.RequestBodyLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Below messages: warns staff when a save has not reached the edge cache yet (core/purge.py).
    "core.purge.EdgePurgeWarningMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-axes asks to be last, after authentication, to see every login's outcome.
    "axes.middleware.AxesMiddleware",
]

# --- Templates ------------------------------------------------------------------------------------
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "content.context_processors.site",
                "program.context_processors.program",
            ],
        },
    },
]

# Our own crispy template pack (templates/crispy_iop/): our markup, classes and accessibility.
CRISPY_ALLOWED_TEMPLATE_PACKS = ["crispy_iop"]
CRISPY_TEMPLATE_PACK = "crispy_iop"

# --- Database -------------------------------------------------------------------------------------
# SQLite on one machine; DATABASE_URL (PostgreSQL) once several app servers share one database.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
_database_engine = DATABASES["default"]["ENGINE"]
if _database_engine == "django.db.backends.postgresql":
    # Fail fast (and show the error page) rather than hang when the database host is gone.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
elif _database_engine == "django.db.backends.sqlite3":
    # Several gunicorn workers share the file: WAL lets readers carry on while one worker writes
    # (a session save), IMMEDIATE takes the write lock at BEGIN so concurrent writers queue on the
    # busy timeout instead of failing or backing off for up to 100 ms at a time.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 5,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
# CI's PostgreSQL pass names its throwaway test database so that it can always drop it.
if os.environ.get("DJANGO_TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["DJANGO_TEST_DATABASE_NAME"]}

# --- Cache ----------------------------------------------------------------------------------------
# With REDIS_URL, every worker and app server shares one cache (and the session store below), so
# a self-check started on one server can be finished on another. Without it, each worker process
# has its own local-memory cache; the page cache keeps them in step through a file (Page cache).
_redis_url = os.environ.get("REDIS_URL", "")
if _redis_url:
    CACHES = {
        "default": {
            # Django's RedisCache, but an outage reads as a miss instead of an error page.
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": _redis_url,
            "KEY_PREFIX": "iop",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "iop"}
    }

# --- Sessions and CSRF cookies --------------------------------------------------------------------
# Sessions hold staff logins and the self-check's answers between steps.
if _redis_url:
    # Only in Redis, where they expire by themselves.
    SESSION_ENGINE = "core.sessions"
elif _database_engine == "django.db.backends.sqlite3":
    # One machine: session files, private to this user, instead of SQLite rows. Every step of
    # the self-check saves its session, and SQLite queues all writes on one lock (make bench:
    # step POST p99 about 47 ms with files, 77-92 ms with SQLite rows). The store makes the
    # folder on first use.
    SESSION_ENGINE = "core.file_sessions"
    SESSION_FILE_PATH = os.environ.get("DJANGO_SESSION_FILE_PATH", f"{_local_state}-sessions")
# Otherwise (PostgreSQL without Redis) Django's default: rows in the shared database.

# Files and database rows are not removed when they expire: each process deletes expired ones
# this often (core/sessions.py), so a self-check's answers are gone within the hour.
IOP_SESSION_SWEEP_SECONDS = int(os.environ.get("DJANGO_SESSION_SWEEP_SECONDS", "60"))

# Staff sessions end when the browser closes, and after 8 hours at most even if it stays open.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = IOP_HTTPS_ONLY

# On a shared device the CSRF cookie should not stay a year as a sign of the self-check.
CSRF_COOKIE_AGE = None
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = IOP_HTTPS_ONLY
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

# --- Auth and admin lockout -----------------------------------------------------------------------
# A path nobody guesses (set DJANGO_ADMIN_URL in production; a deploy check warns if not).
IOP_ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# After login, unsafe `next=` values (other sites) fall back to the admin index, not a 404.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# django-axes: 5 failed logins for one username from one address lock that pair out for 15 minutes.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.views.admin_locked_out"
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
# Behind N trusted proxies, the visitor's address is the Nth from the right in X-Forwarded-For;
# with 0 (no proxy) that header is ignored, since anyone could forge it.
IOP_TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

# --- Static files and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Page images, re-encoded on upload and served by core.views.media_file (whitenoise serves only
# static files). Past one machine, point DJANGO_MEDIA_ROOT at storage all servers share.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

# --- Content-Security-Policy and other headers ----------------------------------------------------
# django-csp 4. Every script and style is a file of our own, so no nonce and no 'unsafe-inline'
# are needed and cached pages stay valid. The Django admin works under it.
# When we move to Django 6.2 LTS this dict becomes SECURE_CSP with the same directives.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# Browser features this site never uses; sent as `Permissions-Policy: camera=(), ...`.
IOP_PERMISSIONS_POLICY_DISABLED = [
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "interest-cohort",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]
# Other sites may not embed our pages' resources (images, scripts) either.
IOP_CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Request limits -------------------------------------------------------------------------------
# Our forms are small; the largest is a page edit in the admin. Too big gets our 413 page, too
# many fields our 400 page (core.views.bad_request), never a 500.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 400
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# Only signed-in staff in the admin may send files (a page picture is at most 10 MB), up to this
# much in all; anyone else's file parts, and bodies over the limit above, get 413 unread
# (core.middleware.RequestBodyLimitMiddleware).
STAFF_REQUEST_MAX_BYTES = 12 * 1024 * 1024

# Static files: the same headers as pages (WhiteNoise answers before our header middleware), and
# no `Access-Control-Allow-Origin: *`: no other site needs our files.
WHITENOISE_ALLOW_ALL_ORIGINS = False

# Self-check: completions counted per client address a minute (a keyed hash of the address is
# the counter's name; the address is not kept). Behind proxies, DJANGO_TRUSTED_PROXY_COUNT must be
# set, or every visitor shares the proxy's address.
SELF_CHECK_COMPLETIONS_PER_MINUTE = int(
    os.environ.get("DJANGO_SELF_CHECK_COMPLETIONS_PER_MINUTE", "5")
)


def WHITENOISE_ADD_HEADERS_FUNCTION(headers, path, url):
    # Imported here: core.middleware needs the settings this file is still defining.
    from core.middleware import static_file_headers

    static_file_headers(headers, path, url)


# --- Logging --------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        # Template errors would otherwise log the whole context: a self-check's answers.
        "drop_template_context": {"()": "core.log_filters.DropTemplateContext"},
        # A refused Host header is one WARNING line, not two tracebacks at ERROR.
        "one_line_security": {"()": "core.log_filters.OneLineSecurityWarning"},
        # Request logs name the path, and a self-check step's path can tell an answer.
        "no_step_paths": {"()": "core.log_filters.HideSelfCheckSteps"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["one_line_security", "no_step_paths"],
        }
    },
    "loggers": {"django.template": {"filters": ["drop_template_context"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# --- Page cache -----------------------------------------------------------------------------------
# Whole public pages for anonymous visitors, kept in each process's memory and, with Redis, shared
# there too (core/pagecache.py). Staff saves change a generation row in the database; each process
# reads it at most every IOP_PAGE_CACHE_GENERATION_CHECK_SECONDS, so a save reaches every server
# within that, and a hit costs no query and no Redis round trip. IOP_PAGE_CACHE_TIMEOUT bounds how
# long Redis keeps a page.
IOP_PAGE_CACHE_ALIAS = "default"
IOP_PAGE_CACHE_TIMEOUT = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "3600"))
IOP_PAGE_CACHE_GENERATION_CHECK_SECONDS = float(
    os.environ.get("DJANGO_PAGE_CACHE_GENERATION_CHECK_SECONDS", "2")
)
# Bounds: pages held per process, and Host values beyond the site's own names (other ports,
# wildcard matches) that get pages of their own, per process.
IOP_PAGE_CACHE_LOCAL_ENTRIES = 500
IOP_PAGE_CACHE_EXTRA_HOSTS = 4
# Cookies that do not stop a visitor getting the shared page (the CSRF cookie never does).
IOP_PAGE_CACHE_IGNORED_COOKIES = env_list("DJANGO_PAGE_CACHE_IGNORED_COOKIES", "")
# What shared caches in front (a CDN, Varnish) may do with a public page. Browsers always
# revalidate (max-age=0, cheap with the ETag). Without purge-on-save, an edge may show a page up
# to s-maxage + stale-while-revalidate seconds old: keep the sum within the 5-second promise, or
# raise both once the edge is purged on save.
IOP_PAGE_CACHE_SHARED_MAX_AGE = int(os.environ.get("DJANGO_PAGE_CACHE_SHARED_MAX_AGE", "2"))
IOP_PAGE_CACHE_STALE_WHILE_REVALIDATE = int(
    os.environ.get("DJANGO_PAGE_CACHE_STALE_WHILE_REVALIDATE", "1")
)
IOP_PAGE_CACHE_STALE_IF_ERROR = int(os.environ.get("DJANGO_PAGE_CACHE_STALE_IF_ERROR", "86400"))
# Error pages show the contact details staff set last without asking the database: each process
# keeps them in memory and in this file (core/contact.py), shared by the workers of one machine.
IOP_CONTACT_SNAPSHOT_FILE = os.environ.get(
    "DJANGO_CONTACT_SNAPSHOT_FILE", f"{_local_state}.contact.json"
)

# --- Language and time ----------------------------------------------------------------------------
# English at the addresses it always had, Spanish under /es/ (iop_site/urls.py). The language
# comes from the address alone (core.middleware.LanguageFromPathMiddleware), never from the
# browser or a cookie, so one address is one page for everyone and for every cache.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
# Interface text: each app keeps its own catalogue in <app>/locale, built and checked by
# `manage.py translations` (core/management/commands/translations.py). Named here as well, so
# ours win over the admin's and Django's own where an English text is the same ("Change").
LOCALE_PATHS = [BASE_DIR / app / "locale" for app in ("core", "content", "screening", "program")]
# Staff texts: a column per language (django-modeltranslation); an empty Spanish text shows the
# English one, with a note for visitors that this part is only in English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en",)}
# "Title (Spanish)" rather than "title [es]" wherever staff see a column's name (forms, history).
MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = lambda name, code: (  # noqa: E731
    f"{name} ({ {'en': 'English', 'es': 'Spanish'}.get(code, code) })"
)
# The day the anonymous self-check counts are kept under.
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "America/Los_Angeles")
USE_I18N = True
USE_TZ = True

# --- Project settings -----------------------------------------------------------------------------
# Where the "leave this site quickly" control sends people: a neutral, everyday page.
IOP_QUICK_EXIT_URL = os.environ.get("DJANGO_QUICK_EXIT_URL", "https://www.google.com/")
# How many days the operator keeps server access logs (0: none are kept). The privacy notice
# states it, so set it to what the servers really do.
IOP_ACCESS_LOG_DAYS = int(os.environ.get("DJANGO_ACCESS_LOG_DAYS", "0"))

# /.well-known/security.txt (RFC 9116). Renew the expiry at least yearly; a deploy check warns 30
# days before it passes and while the contact is still the example address.
IOP_SECURITY_TXT_CONTACTS = env_list("DJANGO_SECURITY_TXT_CONTACT", "mailto:security@example.org")
IOP_SECURITY_TXT_EXPIRES = os.environ.get("DJANGO_SECURITY_TXT_EXPIRES", "2027-09-30T00:00:00Z")
IOP_SECURITY_TXT_POLICY = os.environ.get("DJANGO_SECURITY_TXT_POLICY", "")

# --- Edge: Varnish or a CDN in front (README "The edge") ----------------------------------------
# DJANGO_EDGE_PURGE_URL: the Varnish server(s) to send BANs to after staff saves (comma-separated).
# DJANGO_EDGE_PURGER: another purger class (a CDN's API); without either, nothing is sent.
IOP_EDGE_PURGE_URLS = env_list("DJANGO_EDGE_PURGE_URL", "")
IOP_EDGE_PURGER = os.environ.get(
    "DJANGO_EDGE_PURGER",
    "core.purge.VarnishPurger" if IOP_EDGE_PURGE_URLS else "core.purge.NullPurger",
)
IOP_EDGE_PURGE_TIMEOUT = 2
# After a failed first attempt: pauses (seconds) before each retry in the background.
IOP_EDGE_PURGE_RETRY_DELAYS = [1, 3, 10, 30]
