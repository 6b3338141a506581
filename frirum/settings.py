"""Frirum settings, read from environment variables.

SQLite in FRIRUM_DATA_DIR is the zero-setup default; set DATABASE_URL for PostgreSQL.
"""

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


def envlist(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = envbool("DEBUG", "True")
DATA_DIR = Path(os.environ.get("FRIRUM_DATA_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is False.")
    # Development only: a random key kept in the data dir, so sessions survive restarts
    # without a secret ever being written into the code.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key_file = DATA_DIR / "dev-secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
    SECRET_KEY = key_file.read_text().strip()

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # First, so that `runserver` (bin/demo, development) is Daphne's ASGI server: the chat's
    # WebSockets work there too. Production runs `frirum serve`.
    "daphne",
    "frirum.core.admin_config.FrirumAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    # Two-factor sign-in: TOTP devices (authenticator apps) and one-time recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "frirum.core",
    "frirum.accounts",
    "frirum.sites",
    "frirum.taxonomies",
    "frirum.people",
    "frirum.contacts",
    "frirum.audit",
    "frirum.family",
    "frirum.questionnaires",
    "frirum.reports",
    "frirum.interchange",
    "frirum.trash",
    "frirum.directory",
    "frirum.public",
    "frirum.bookings",
    "frirum.planning",
    "frirum.volunteers",
    "frirum.rosters",
    "frirum.chat",
]

MIDDLEWARE = [
    "frirum.core.middleware.AccessLogMiddleware",  # only under `frirum serve`
    "frirum.core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle and absolute session limits, then the second sign-in step (frirum/accounts).
    "frirum.accounts.middleware.SessionTimeoutMiddleware",
    "frirum.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "frirum.core.middleware.SecurityHeadersMiddleware",
]

# Bad input: a NUL character anywhere in a request is refused with a 400 before a view runs
# (PostgreSQL cannot store or compare one, which would be a 500 on any lookup by code).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "frirum.core.middleware.RefuseNulCharactersMiddleware",
)

ROOT_URLCONF = "frirum.urls"
ASGI_APPLICATION = "frirum.asgi.application"
WSGI_APPLICATION = "frirum.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "frirum" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "frirum.core.context_processors.workspace",
            ],
        },
    }
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        pg_opts = DATABASES["default"].setdefault("OPTIONS", {})
        # Planner costs for SSD storage: with the default random_page_cost the report queries
        # scan whole link tables (1.7 M theme rows) instead of using their indexes
        # (benchmarks/RESULTS.md). JIT off: compiling a page's query took longer than running
        # it (366 of 540 ms for the young-person search). Set FRIRUM_PG_OPTIONS="" to keep
        # the server's own.
        pg_options = os.environ.get(
            "FRIRUM_PG_OPTIONS", "-c random_page_cost=1.1 -c work_mem=16MB -c jit=off"
        )
        if pg_options:
            pg_opts["options"] = pg_options
        # Under an ASGI server every request runs in a thread of its own, so Django's
        # persistent connections would leak one per thread: a pool per process instead.
        pool_size = int(os.environ.get("FRIRUM_DB_POOL_SIZE", "4"))
        if pool_size > 0:
            DATABASES["default"]["CONN_MAX_AGE"] = 0
            pg_opts["pool"] = {"min_size": 1, "max_size": pool_size, "timeout": 20}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "frirum.sqlite3",
            # WAL lets the web server read while an import writes.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["frirum.accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Staff sign-in (frirum/accounts). Two-factor authentication is required in production and
# optional in the demo. Failed sign-ins slow down the pair (e-mail, client address) with a
# growing delay, never the account alone, and a looser limit counts each address's failures
# in a 15-minute window. FRIRUM_PROXY_COUNT: reverse proxies in front that append to
# X-Forwarded-For (0: the client is REMOTE_ADDR).
FRIRUM_REQUIRE_2FA = envbool("FRIRUM_REQUIRE_2FA", "False" if DEBUG else "True")
FRIRUM_LOGIN_FREE_ATTEMPTS = int(os.environ.get("FRIRUM_LOGIN_FREE_ATTEMPTS", "3"))
FRIRUM_LOGIN_MAX_DELAY_SECONDS = int(os.environ.get("FRIRUM_LOGIN_MAX_DELAY_SECONDS", "900"))
FRIRUM_LOGIN_ADDRESS_ATTEMPTS = int(os.environ.get("FRIRUM_LOGIN_ADDRESS_ATTEMPTS", "50"))
FRIRUM_PROXY_COUNT = int(os.environ.get("FRIRUM_PROXY_COUNT", "0"))
# How long the rendered part of a site's workspace page (its dashboard, lists, a course) may
# be served from the cache (frirum/audit/fragments.py); any data change at the site replaces
# it sooner. 0 turns the cache off.
FRIRUM_SITE_CACHE_SECONDS = int(os.environ.get("FRIRUM_SITE_CACHE_SECONDS", "300"))
FRIRUM_SESSION_IDLE_MINUTES = int(os.environ.get("FRIRUM_SESSION_IDLE_MINUTES", "30"))
FRIRUM_SESSION_MAX_HOURS = int(os.environ.get("FRIRUM_SESSION_MAX_HOURS", "10"))
OTP_TOTP_ISSUER = "Frirum"
PASSWORD_RESET_TIMEOUT = 60 * 60  # a reset link works for an hour

# E-mail (password reset links): SMTP when EMAIL_HOST is set, the console in development.
# Production without EMAIL_HOST sends nothing (never reset links into the log); the
# `frirum check --deploy` warning says so.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "True")
    EMAIL_TIMEOUT = 20
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "frirum@localhost")

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "frirum" / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
# One date style per language ("25. juni 2026", "25.06.2026 14:30"): frirum/formats.
FORMAT_MODULE_PATH = ["frirum.formats"]

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "frirum" / "static"]
WHITENOISE_USE_FINDERS = DEBUG  # development serves straight from the app folders
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * FRIRUM_SESSION_MAX_HOURS  # the absolute limit (frirum/accounts)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): only our own scripts, styles, fonts and images; no
# inline script or style anywhere (tests/core/test_security_headers.py checks the templates).
# Permissions-Policy and no-store come from frirum.core.middleware.SecurityHeadersMiddleware.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "True")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# The cache holds rate-limit counters and report figures, so every app process must share
# it: Redis when REDIS_URL is set, otherwise the database. Process memory only for the
# single-process development server (DEBUG); FRIRUM_CACHE=redis|database|memory overrides.
REDIS_URL = os.environ.get("REDIS_URL", "")
FRIRUM_CACHE = os.environ.get("FRIRUM_CACHE") or (
    "redis" if REDIS_URL else ("memory" if DEBUG else "database")
)
if FRIRUM_CACHE == "redis":
    if not REDIS_URL:
        raise ImproperlyConfigured("FRIRUM_CACHE=redis needs REDIS_URL.")
    CACHES = {
        "default": {
            "BACKEND": "frirum.lib.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("FRIRUM_CACHE_PREFIX", "frirum"),
        }
    }
elif FRIRUM_CACHE == "database":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "frirum_cache",
            "OPTIONS": {"MAX_ENTRIES": 50000},
        }
    }
elif FRIRUM_CACHE == "memory":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured("FRIRUM_CACHE must be redis, database or memory.")

# Sessions live in the database, so any app process can serve any request. With Redis they
# are read through it as well (a request then reads its session without a database query);
# the database stays the record, so a restart of Redis signs no one out.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if FRIRUM_CACHE == "redis"
    else "django.contrib.sessions.backends.db"
)

# The chat's channel layer carries only notifications ("new messages up to seq N"); every
# message is in the database first. Redis shares them across server processes; the in-memory
# layer serves a single process (the demo, the tests).
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            # Redis publish/subscribe: a notification is one PUBLISH, pushed to each server
            # process subscribed to the chat's group, and nothing is kept in Redis. The
            # layer that queues each message in Redis (channels_redis.core) made every
            # notification four round trips out and one in; at 500 young people and 100
            # counsellors on two cores it missed the delivery target in every run and
            # dropped notifications past its capacity (benchmarks/RESULTS.md). A
            # notification is only a hint (the database is the record, and a socket's ping
            # catches up what a lost one would have said), so the queueing bought nothing.
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                # Above redis-py 8's default of 5 s, which closed sockets idle that long.
                "hosts": [{"address": REDIS_URL, "socket_timeout": 30}],
                "prefix": os.environ.get("FRIRUM_CACHE_PREFIX", "frirum") + ":chat",
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
# Chat transcripts (the words) are deleted this many days after the chat ended by
# `frirum purge-chat-transcripts` (run daily); the chat's row and its registration stay.
FRIRUM_CHAT_RETENTION_DAYS = int(os.environ.get("FRIRUM_CHAT_RETENTION_DAYS", "30"))
# A young person waiting in the queue whose page has been gone this long loses the place.
FRIRUM_CHAT_QUEUE_GRACE_SECONDS = int(os.environ.get("FRIRUM_CHAT_QUEUE_GRACE_SECONDS", "120"))
# Chats one visitor (client network) can start in a clock hour.
FRIRUM_CHAT_STARTS_PER_HOUR = int(os.environ.get("FRIRUM_CHAT_STARTS_PER_HOUR", "6"))

# The young person's questionnaire code: valid this many hours, and free wrong guesses (typos
# with a wrong check character don't count) per client network and clock hour; past them each
# code needs a proof of work of FRIRUM_QUESTIONNAIRE_POW_BITS leading zero bits (about 2 million
# SHA-256 on the phone, done while the code is typed), its challenge valid POW_SECONDS.
# tests/questionnaires/test_code_guessing.py recomputes the chance of guessing from these.
FRIRUM_QUESTIONNAIRE_CODE_HOURS = int(os.environ.get("FRIRUM_QUESTIONNAIRE_CODE_HOURS", "24"))
FRIRUM_QUESTIONNAIRE_CODE_ATTEMPTS = int(os.environ.get("FRIRUM_QUESTIONNAIRE_CODE_ATTEMPTS", "60"))
FRIRUM_QUESTIONNAIRE_POW_BITS = int(os.environ.get("FRIRUM_QUESTIONNAIRE_POW_BITS", "21"))
FRIRUM_QUESTIONNAIRE_POW_SECONDS = int(os.environ.get("FRIRUM_QUESTIONNAIRE_POW_SECONDS", "900"))
# Reverse proxies in front of Frirum that append to X-Forwarded-For: without this, every young
# person would count as the proxy's address and share its guesses.
FRIRUM_PROXY_COUNT = int(os.environ.get("FRIRUM_PROXY_COUNT", "0"))

# Uploads and imports: the largest upload (the import's .zip), and what a .zip may unpack to,
# checked while it is read (frirum.interchange.dataset). Request bodies other than files stay
# at Django's 2.5 MB; uploads past that go to a temporary file, never into memory.
FRIRUM_UPLOAD_MAX_MB = int(os.environ.get("FRIRUM_UPLOAD_MAX_MB", "200"))
FRIRUM_IMPORT_MAX_UNCOMPRESSED_MB = int(os.environ.get("FRIRUM_IMPORT_MAX_UNCOMPRESSED_MB", "4096"))
FRIRUM_IMPORT_MAX_RATIO = int(os.environ.get("FRIRUM_IMPORT_MAX_RATIO", "100"))
FRIRUM_IMPORT_MAX_LINE_KB = int(os.environ.get("FRIRUM_IMPORT_MAX_LINE_KB", "64"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "frirum.core.uploads.LimitedMemoryFileUploadHandler",
    "frirum.core.uploads.LimitedTemporaryFileUploadHandler",
]

# Report figures are cached this long at most (writes made outside Frirum show after it).
FRIRUM_REPORT_CACHE_SECONDS = int(os.environ.get("FRIRUM_REPORT_CACHE_SECONDS", "600"))

# Safe deletion: deleted records can be restored for this many days, then
# `frirum purge-deleted` (run daily) removes them for good.
FRIRUM_DELETED_RETENTION_DAYS = int(os.environ.get("FRIRUM_DELETED_RETENTION_DAYS", "30"))

# Anonymous bookings: `frirum purge-bookings` (run daily) forgets a booking's nickname and
# age this many days after its time, and removes the booking for good after the second
# number of days (long enough for last year's annual report and the year it compares with).
FRIRUM_BOOKING_NICKNAME_DAYS = int(os.environ.get("FRIRUM_BOOKING_NICKNAME_DAYS", "30"))
FRIRUM_BOOKING_RETENTION_DAYS = int(os.environ.get("FRIRUM_BOOKING_RETENTION_DAYS", "800"))

# Reports: counts below this are suppressed in presented forms (web, PDF, spreadsheet).
FRIRUM_SUPPRESSION_K = int(os.environ.get("FRIRUM_SUPPRESSION_K", "5"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": sys.stderr, "formatter": "plain"}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Request bodies never reach the log: they may hold free text about a young person.
    "loggers": {
        "django.request": {"level": "ERROR"},
        # The development server's (Daphne's) request lines carry the client's address.
        "django.channels.server": {"level": "WARNING"},
    },
}

# Error pages of Frirum's own, in Danish and English (frirum/core/errors.py).
CSRF_FAILURE_VIEW = "frirum.core.errors.csrf_failure"

FORM_RENDERER = "frirum.core.forms.FrirumFormRenderer"
