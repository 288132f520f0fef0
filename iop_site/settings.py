"""Settings for the IOP site, read from the environment (see README "Configuration")."""

import datetime
import hashlib
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DEBUG is off. `make run` creates a local one; "
            "in production, set it from your secret store."
        )
    SECRET_KEY = "insecure-local-development-key-only-used-with-DJANGO_DEBUG"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
    "reversion",
    # The page-text editor in the admin; its scripts and styles are served from our own origin.
    "django_prose_editor",
    "core",
    "content",
    "screening",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above everything that adds headers, so stored pages carry them (see core/pagecache.py).
    "core.pagecache.PageCacheMiddleware",
    # Security: the two header middlewares wrap everything below, so 405s and error pages get them.
    "csp.middleware.CSPMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    # Security: before sessions and CSRF, so TRACE/PUT/PATCH/DELETE never reach a view or the admin.
    "core.middleware.MethodAllowlistMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Security: django-axes asks to be last, after authentication, to see every login's outcome.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "iop_site.urls"
WSGI_APPLICATION = "iop_site.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Scale-out: PostgreSQL, Redis, several app servers (issue 7) --------------------------------
# With REDIS_URL set, every app server shares one cache and one session store, so a self-check
# started on one server can be finished on another. Without it, a single server uses local memory
# for the cache and the database for sessions, as before.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast (and show the error page) rather than hang when the database host is gone.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
# CI's PostgreSQL pass names its throwaway test database so that it can always drop it.
if os.environ.get("DJANGO_TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["DJANGO_TEST_DATABASE_NAME"]}

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, but an outage reads as a miss instead of an error page.
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "iop",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    # Session data (the self-check's answers between steps) lives only in Redis and expires.
    SESSION_ENGINE = "core.sessions"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "iop"}
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        # One machine: session files, private to this user, instead of SQLite rows. Every step of
        # the self-check saves its session, and SQLite queues all writes on one lock (make bench:
        # step POST p99 about 47 ms with files, 77-92 ms with SQLite rows).
        SESSION_ENGINE = "django.contrib.sessions.backends.file"
        SESSION_FILE_PATH = os.environ.get(
            "DJANGO_SESSION_FILE_PATH",
            str(
                Path(tempfile.gettempdir())
                / f"iop-site-{hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:12]}-sessions"
            ),
        )
        os.makedirs(SESSION_FILE_PATH, mode=0o700, exist_ok=True)

# Load balancers probe over plain HTTP; the health check must answer them, not redirect.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# --- end scale-out --------------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "America/Los_Angeles")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Plain HTTP is for local use only (`make run` sets DJANGO_HTTPS_ONLY=0); production sits behind
# a TLS proxy that sets X-Forwarded-Proto.
HTTPS_ONLY = env_bool("DJANGO_HTTPS_ONLY", default=not DEBUG)
if HTTPS_ONLY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Security -----------------------------------------------------------------------------------
# One block for the hardening of issue 5 (the HTTPS settings above stay where they were). The
# checklist is `python manage.py check --deploy --fail-level WARNING`; core/checks.py adds ours.

# Content-Security-Policy (django-csp 4). Every script and style is a file of our own, so no nonce
# and no 'unsafe-inline' are needed and cached pages stay valid. The Django admin works under it.
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
PERMISSIONS_POLICY_DISABLED = [
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
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

# Admin: a path nobody guesses (set DJANGO_ADMIN_URL in production; a deploy check warns if not).
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
# Staff sessions: end when the browser closes, and after 8 hours at most even if it stays open.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# The CSRF cookie too: on a shared device it should not stay a year as a sign of the self-check.
CSRF_COOKIE_AGE = None
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
# Behind N trusted proxies, the visitor's address is the Nth from the right in X-Forwarded-For;
# with 0 (no proxy) that header is ignored, since anyone could forge it.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"

# Request size: our forms are small; the largest is a page edit in the admin. Too big gets our 413
# page, too many fields our 400 page (core.views.bad_request), never a 500.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 400
DATA_UPLOAD_MAX_NUMBER_FILES = 10

# /.well-known/security.txt (RFC 9116). Renew the expiry at least yearly; a deploy check warns 30
# days before it passes and while the contact is still the example address.
SECURITY_TXT_CONTACTS = env_list("DJANGO_SECURITY_TXT_CONTACT", "mailto:security@example.org")
SECURITY_TXT_EXPIRES = os.environ.get("DJANGO_SECURITY_TXT_EXPIRES", "2027-09-30T00:00:00Z")
SECURITY_TXT_POLICY = os.environ.get("DJANGO_SECURITY_TXT_POLICY", "")
# --- end Security -------------------------------------------------------------------------------

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Where the "leave this site quickly" control sends people: a neutral, everyday page.
QUICK_EXIT_URL = os.environ.get("DJANGO_QUICK_EXIT_URL", "https://www.google.com/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# Security (logging): see core/log_filters.py. Kept here because it extends LOGGING above.
LOGGING.setdefault("filters", {})["drop_template_context"] = {
    "()": "core.log_filters.DropTemplateContext"
}
LOGGING.setdefault("loggers", {}).setdefault("django.template", {}).setdefault(
    "filters", []
).append("drop_template_context")

# Staff editing (issue 8): page images, re-encoded on upload and served by
# core.views.media_file (whitenoise serves only static files). Past one machine, point
# DJANGO_MEDIA_ROOT at storage all servers share.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

# --- Caching (performance) -----------------------------------------------------------------
# CACHES is set in the scale-out block above: local memory by default (one cache per worker
# process); Redis, shared by every worker and server, when REDIS_URL is set.
# Whole public pages for anonymous visitors; staff saves invalidate them at once, so the
# timeouts only bound staleness after edits made outside Django (e.g. raw SQL).
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_TIMEOUT = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "3600"))
PAGE_CACHE_NOT_FOUND_TIMEOUT = 300
# With the local-memory cache, workers learn of a staff edit from this file's modification time;
# every worker and management command on the machine must see the same file.
PAGE_CACHE_GENERATION_FILE = os.environ.get(
    "DJANGO_PAGE_CACHE_GENERATION_FILE",
    str(
        Path(tempfile.gettempdir())
        / f"iop-site-{hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:12]}.page-generation"
    ),
)
# SQLite shared by several gunicorn workers: WAL lets readers carry on while one worker writes
# (a session save), IMMEDIATE takes the write lock at BEGIN so concurrent writers queue on the
# busy timeout instead of failing or backing off for up to 100 ms at a time.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 5,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
