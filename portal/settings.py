"""Settings for the portal, read from environment variables.

The defaults are for development only: SQLite in ``var/``, Celery tasks run
in-process, debug on. ``PORTAL_MODE=production`` turns on every protection
``manage.py check --deploy`` looks for and requires a real secret key and
host names.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_rate,
    env_str,
)
from portal.export_formats import SpreadsheetSafeCSV, SpreadsheetSafeXLSX

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PORTAL_VAR_DIR", str(BASE_DIR / "var")))

MODE = env_choice("PORTAL_MODE", ("development", "production"), "development")
PRODUCTION = MODE == "production"

DEBUG = env_bool("DJANGO_DEBUG", default=not PRODUCTION)
DEVELOPMENT_SECRET_KEY = (
    "development-only-key-never-used-in-production-0123456789abcdef"
)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required in production")
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
if PRODUCTION and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    # Anyone can read this key in the repository and sign sessions with it.
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is the development key, which is public; "
        "production needs a secret key of its own"
    )

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS is required in production")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",
    "simple_history",
    "axes",
    "indicators",
    "surveys",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.uploads.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the login view's response (django-axes docs).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
# The password may come apart from the URL, so that one secret file serves
# both the PostgreSQL container and the portal.
DATABASE_PASSWORD = env_str("DATABASE_PASSWORD")
if DATABASE_PASSWORD:
    DATABASES["default"]["PASSWORD"] = DATABASE_PASSWORD
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Login throttling (django-axes): after PORTAL_LOGIN_FAILURE_LIMIT wrong
# passwords for one account from one address, that pair is refused until the
# cool-off has passed. Attempts are kept in the database, so every gunicorn
# worker sees them and the admin lists them.
AUTHENTICATION_BACKENDS = [
    "portal.login_throttle.ThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("PORTAL_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("PORTAL_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "portal.client_address.client_ip"
AXES_LOCKOUT_CALLABLE = "portal.login_throttle.lockout_response"
# Number of reverse proxies in front of gunicorn that append to
# X-Forwarded-For; 0 means clients connect directly.
PORTAL_PROXY_COUNT = env_int("PORTAL_PROXY_COUNT", 0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# Japanese first, English second; dates in source files are Japanese dates.
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("PORTAL_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production, serve static files straight from the app folders.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
MEDIA_ROOT = Path(env_str("PORTAL_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"

# Admin imports keep the upload between preview and confirm here, under
# names the portal issued (see portal/import_storage.py).
IMPORT_EXPORT_TMP_STORAGE_CLASS = "portal.import_storage.ImportScratchStorage"

# Uploads: a customs file may be large, but anything beyond this is refused.
# portal.uploads answers 413 before reading a body over these limits: the
# first for multipart uploads, the second for every other request body.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("PORTAL_UPLOAD_MAX_MEMORY_BYTES", 10_000_000)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5_000_000
PORTAL_UPLOAD_MAX_BYTES = env_int("PORTAL_UPLOAD_MAX_BYTES", 200_000_000)

# Admin exports: CSV (UTF-8 with BOM, for Excel) and XLSX only, both
# through indicators.exporting so no cell is ever read as a formula.
EXPORT_FORMATS = [SpreadsheetSafeCSV, SpreadsheetSafeXLSX]

# Celery: with no broker configured, tasks run in-process.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_CONCURRENCY = env_int("PORTAL_WORKER_CONCURRENCY", 2)
# Two deployments may share one Redis database if their queues differ.
CELERY_TASK_DEFAULT_QUEUE = env_str("PORTAL_CELERY_QUEUE", "celery")
# Beat keeps its state in var/ and touches a heartbeat file on every tick,
# at least once a minute, for the container health check.
CELERY_BEAT_SCHEDULER = "portal.beat:HeartbeatScheduler"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_MAX_LOOP_INTERVAL = 60
PORTAL_BEAT_HEARTBEAT = VAR_DIR / "beat-heartbeat"
CELERY_BEAT_SCHEDULE = {
    "recompute-nightly": {
        "task": "indicators.tasks.recompute",
        "schedule": env_int("PORTAL_RECOMPUTE_EVERY_SECONDS", 24 * 3600),
    },
}

# The API: anonymous reads, staff-token writes, keyset pages, JSON and CSV.
# Decimals leave as exact strings (COERCE_DECIMAL_TO_STRING stays True).
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "indicators.api.schema.PortalAutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["indicators.api.permissions.PublicReadStaffWrite"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "indicators.api.renderers.CSVRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "indicators.api.pagination.KeysetPagination",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "indicators.api.filters.StrictOrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "indicators.api.throttling.AnonymousClientThrottle",
        "indicators.api.throttling.UserClientThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("PORTAL_API_ANON_RATE", "600/hour"),
        "user": env_rate("PORTAL_API_USER_RATE", "6000/hour"),
        # Anonymous assessment tables computed as of a date, on top of "anon".
        "as_of": env_rate("PORTAL_API_AS_OF_RATE", "30/hour"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Resource-circulation indicator portal API",
    "VERSION": "1.0.0",
    "DESCRIPTION": (
        "Indicators of international resource circulation. Every list is "
        "JSON or CSV (?format=csv or Accept: text/csv), paged by cursors "
        "(follow next/previous or the Link header). Decimals are exact "
        "strings; codes are strings with their leading zeros."
    ),
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and Redoc are served from our own static files, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "indicators.api.schema.document_common_answers",
    ],
}

# The default cache holds the API's throttle counts, the pages' aggregates
# and assessment tables computed as of a date. With Redis (its own URL, else
# the broker's) every process shares it, so a rate limit holds across
# gunicorn workers; without, each process keeps its own in memory.
# portal.cache clears only the keys under the prefix, never the database.
PORTAL_CACHE_URL = env_str("PORTAL_CACHE_URL", CELERY_BROKER_URL)
PORTAL_CACHE_KEY_PREFIX = env_str("PORTAL_CACHE_KEY_PREFIX", "portal")
if not PORTAL_CACHE_KEY_PREFIX.isidentifier():
    raise ImproperlyConfigured(
        "PORTAL_CACHE_KEY_PREFIX must be letters, digits and underscores"
    )
if PORTAL_CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.PortalRedisCache",
            "LOCATION": PORTAL_CACHE_URL,
            "KEY_PREFIX": PORTAL_CACHE_KEY_PREFIX,
            # A Redis that does not answer within these is a cache miss.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": PORTAL_CACHE_KEY_PREFIX,
        }
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("PORTAL_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Its start-up banner, printed by every command; lockouts still show.
        "axes.apps": {"level": "WARNING"},
    },
}

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
