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
    "frirum.core.admin_config.FrirumAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Bad input: a NUL character anywhere in a request is refused with a 400 before a view runs
# (PostgreSQL cannot store or compare one, which would be a 500 on any lookup by code).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "frirum.core.middleware.RefuseNulCharactersMiddleware",
)

ROOT_URLCONF = "frirum.urls"
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
        # Planner costs for SSD storage: with the default random_page_cost the report queries
        # scan whole link tables (1.7 M theme rows) instead of using their indexes
        # (benchmarks/RESULTS.md). Set FRIRUM_PG_OPTIONS="" to keep the server's own.
        pg_options = os.environ.get("FRIRUM_PG_OPTIONS", "-c random_page_cost=1.1 -c work_mem=16MB")
        if pg_options:
            DATABASES["default"].setdefault("OPTIONS", {})["options"] = pg_options
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
AUTHENTICATION_BACKENDS = ["frirum.accounts.backends.LockoutEmailBackend"]
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
# Failed logins before an account is locked, and for how long.
FRIRUM_LOCKOUT_ATTEMPTS = int(os.environ.get("FRIRUM_LOCKOUT_ATTEMPTS", "5"))
FRIRUM_LOCKOUT_MINUTES = int(os.environ.get("FRIRUM_LOCKOUT_MINUTES", "15"))

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "frirum" / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

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
SESSION_COOKIE_AGE = 60 * 60 * 10  # one working day
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "True")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Rate limits (questionnaire codes, logins) need a cache shared by all processes in production.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache"
        if os.environ.get("FRIRUM_DB_CACHE")
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "frirum_cache" if os.environ.get("FRIRUM_DB_CACHE") else "frirum",
    }
}

# The young person's questionnaire code: valid this many hours, and wrong guesses allowed per
# client address in 15 minutes before even a right code is refused.
FRIRUM_QUESTIONNAIRE_CODE_HOURS = int(os.environ.get("FRIRUM_QUESTIONNAIRE_CODE_HOURS", "24"))
FRIRUM_QUESTIONNAIRE_CODE_ATTEMPTS = int(os.environ.get("FRIRUM_QUESTIONNAIRE_CODE_ATTEMPTS", "10"))

# Safe deletion: deleted records can be restored for this many days, then
# `frirum purge-deleted` (run daily) removes them for good.
FRIRUM_DELETED_RETENTION_DAYS = int(os.environ.get("FRIRUM_DELETED_RETENTION_DAYS", "30"))

# Reports: counts below this are suppressed in presented forms (web, PDF, spreadsheet).
FRIRUM_SUPPRESSION_K = int(os.environ.get("FRIRUM_SUPPRESSION_K", "5"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": sys.stderr}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Request bodies never reach the log: they may hold free text about a young person.
    "loggers": {"django.request": {"level": "ERROR"}},
}

FORM_RENDERER = "frirum.core.forms.FrirumFormRenderer"
