"""Kvalifikacija settings: everything that differs between machines comes from the environment.

Development defaults are safe (SQLite file, console e-mail, eager Celery). With DEBUG=0 the
production values apply; `DEBUG=0 SECRET_KEY=... ALLOWED_HOSTS=... manage.py check --deploy` is clean.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
TESTING = env_bool("KV_TESTING", "pytest" in sys.modules)

_DEV_SECRET = "dev-only-insecure-key-change-me-in-production-8c1f0d9e6b"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "axes",
    "simple_history",
    "lithuanian",
    "people",
    "events",
    "leave",
    "funding",
    "certificates",
    "notices",
    "surveys",
    "loans",
    "pages",
    "partnerships",
    "workflows",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kvalifikacija.client_ip.ClientAddressMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "people.middleware.LithuanianFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "kvalifikacija.middleware.PrivateCacheMiddleware",
]

ROOT_URLCONF = "kvalifikacija.urls"
WSGI_APPLICATION = "kvalifikacija.wsgi.application"
ASGI_APPLICATION = "kvalifikacija.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "people.context_processors.navigation",
            ],
            # kvalifikacija is no app of its own: its template tags are named here.
            "libraries": {"actions": "kvalifikacija.templatetags.actions"},
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"

# The audit trail (kvalifikacija/audit.py): a reason is kept whole (a rejection's or a revocation's text).
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend that also loads the unread-notices count of the top bar with the user.
    "people.backends.PeopleBackend",
    # Sessions started before PeopleBackend existed still name this one.
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Sign-in throttling: schools share one address, so lock on account and address together.
AXES_ENABLED = env_bool("AXES_ENABLED", not TESTING)
AXES_VERBOSE = False
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client's address behind the proxy (kvalifikacija.client_ip): how many proxies stand in front of the
# application and, optionally, their addresses. The documented deployment has one (nginx).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0" if DEBUG else "1"))
TRUSTED_PROXY_IPS = [ip for ip in os.environ.get("TRUSTED_PROXY_IPS", "").split(",") if ip.strip()]
AXES_CLIENT_IP_CALLABLE = "kvalifikacija.client_ip.client_ip"
RATELIMIT_IP_META_KEY = "kvalifikacija.client_ip.client_ip"
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
# Failed sign-ins from one address over all accounts (password spraying), and password-reset requests.
SIGN_IN_FAILURES_PER_ADDRESS = os.environ.get("SIGN_IN_FAILURES_PER_ADDRESS", "30/15m")
PASSWORD_RESETS_PER_ADDRESS = os.environ.get("PASSWORD_RESETS_PER_ADDRESS", "10/h")
PASSWORD_RESETS_PER_ACCOUNT = os.environ.get("PASSWORD_RESETS_PER_ACCOUNT", "3/h")
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LANGUAGE_CODE = "lt"
LANGUAGES = [("lt", _("Lithuanian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Vilnius"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules/bootstrap/dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules/bootstrap-icons/font"),
    ("vendor/htmx", BASE_DIR / "node_modules/htmx.org/dist"),
    ("vendor/chartjs", BASE_DIR / "node_modules/chart.js/dist"),
    ("vendor/axe-core", BASE_DIR / "node_modules/axe-core"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Media is private (uploaded certificates): it is never served directly, only through views
# that check permissions. There is deliberately no MEDIA_URL route.
MEDIA_URL = "/media-private/"
# How long an invitation link stays valid (days).
INVITATION_DAYS = int(os.environ.get("INVITATION_DAYS", "14"))
MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024
# Imports (kvalifikacija.spreadsheets.read_table): refused before parsing beyond these.
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "5000"))
IMPORT_MAX_CELL_CHARS = int(os.environ.get("IMPORT_MAX_CELL_CHARS", "100000"))
IMPORT_MAX_XLSX_UNCOMPRESSED_BYTES = int(os.environ.get("IMPORT_MAX_XLSX_UNCOMPRESSED_BYTES", str(50 * 1024 * 1024)))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: console by default; SMTP when EMAIL_HOST is set.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
# A notice is recorded as "sending" (committed) before the mail server gets it. A "sending" row older
# than this window had its worker stop between the server's acceptance and our commit: it is marked
# "maybe sent (check)" and not sent again blindly. The window is well above a whole SMTP exchange.
NOTICE_SENDING_WINDOW_SECONDS = int(os.environ.get("NOTICE_SENDING_WINDOW_SECONDS", "300"))
# Empty (the default): staff decide on each such notice in the notice log ("Send again"). A number of
# hours: the sweep sends it again by itself after that long (with the same Message-ID).
NOTICE_RESEND_UNCONFIRMED_AFTER_HOURS = (
    float(os.environ["NOTICE_RESEND_UNCONFIRMED_AFTER_HOURS"])
    if os.environ.get("NOTICE_RESEND_UNCONFIRMED_AFTER_HOURS") else None
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kvalifikacija <noreply@kvalifikacija.lt>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The cache (public page cache, its invalidation version): shared through Redis when there is one, so
# a change made in one gunicorn worker is seen by all at once; a per-process memory cache otherwise.
# Redis going away never fails a request: the cache then works as no cache (kvalifikacija.cache).
CACHES = {
    "default": {
        "BACKEND": "kvalifikacija.cache.ResilientRedisCache",
        "LOCATION": os.environ.get("CACHE_URL", os.environ.get("REDIS_URL", "")),
        "KEY_PREFIX": "kv",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    if os.environ.get("REDIS_URL") and not TESTING
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kvalifikacija"}
}

# Sessions: read from the shared cache (Redis) and written through to the database, so signing in
# survives a Redis restart; without a shared cache (each process its own), from the database only, so
# signing out in one process is seen by every other at once.
if os.environ.get("REDIS_URL") and not TESTING:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Celery: with no REDIS_URL the tasks run eagerly, in process, so the portal needs no broker.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_MEMORY_PER_CHILD = 400_000  # KiB: recycle PDF workers before they grow too large
CELERY_RESULT_EXPIRES = 24 * 3600
# Every countdown, ETA and retry delay in the code stays below this (see notices.tasks). A task that a
# killed worker never acknowledged is handed out again after this long, so it is kept short: every task
# is idempotent (locked rows, unique keys, recorded duty runs), so running one twice is harmless; the
# longest (the district export, a batch of certificates) finish within a few minutes.
CELERY_VISIBILITY_TIMEOUT = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", str(15 * 60)))
# Publishing (kvalifikacija.queue) tries once, with short socket timeouts, and never blocks a request.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "socket_connect_timeout": 1,
    "socket_timeout": 5,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_TASK_PUBLISH_RETRY = False
# The long tasks (a district export, a batch of certificates, the plan's PDF) are stopped well before the
# visibility timeout, so a message handed out again never meets a run of itself still going.
CELERY_LONG_TASK_TIME_LIMIT = int(os.environ.get("CELERY_LONG_TASK_TIME_LIMIT", str(10 * 60)))
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 5,
                                           "retry_policy": {"max_retries": 1}}
CELERY_REDIS_BACKEND_HEALTH_CHECK_INTERVAL = 30
# Run by every worker as it starts: whatever a dead worker or an unreachable broker left waiting.
CELERY_WORKER_START_TASKS = ["notices.tasks.sweep", "notices.tasks.resume_duties"]
# Fault tests only: a periodic run holds its transaction open this long (so a test can kill the worker).
DUTY_PAUSE_SECONDS = float(os.environ.get("KV_DUTY_PAUSE_SECONDS", "0"))
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "kvalifikacija")
CELERY_BEAT_SCHEDULE = {
    "monthly-plan-digest": {
        "task": "events.tasks.send_monthly_plan_digest",
        "schedule": crontab(day_of_month="20", hour="8", minute="0"),
    },
    "new-events-digest": {
        "task": "events.tasks.send_new_events_digest",
        "schedule": crontab(day_of_week="mon", hour="7", minute="30"),
    },
    "completed-programmes-digest": {
        "task": "events.tasks.send_completed_programmes_digest",
        "schedule": crontab(day_of_month="1", hour="9", minute="0"),
    },
    "event-reminders": {
        "task": "events.tasks.send_event_reminders",
        "schedule": crontab(hour="16", minute="0"),
    },
    "overdue-report-backs": {
        "task": "leave.tasks.send_overdue_report_back_reminders",
        "schedule": crontab(day_of_week="fri", hour="9", minute="0"),
    },
    "leave-decisions-waiting": {
        "task": "leave.tasks.remind_waiting_decisions",
        "schedule": crontab(day_of_week="mon", hour="8", minute="0"),
    },
    "expire-unrequested-seats": {
        "task": "leave.tasks.expire_unrequested_seats",
        "schedule": crontab(hour="6", minute="15"),
    },
    "event-surveys-and-invitations": {
        "task": "surveys.tasks.send_survey_invitations",
        "schedule": crontab(hour="9", minute="30"),
    },
    "resume-periodic-runs": {
        "task": "notices.tasks.resume_duties",
        "schedule": crontab(minute="*/10"),
    },
    "requeue-stale-notices": {
        "task": "notices.tasks.requeue_stale_notices",
        "schedule": crontab(minute="*/5"),
        "kwargs": {"older_than_minutes": 2},
    },
}

# Domain settings.
ACADEMIC_HOURS_PER_DAY = int(os.environ.get("ACADEMIC_HOURS_PER_DAY", "6"))
MIN_QUALIFICATION_DAYS = int(os.environ.get("MIN_QUALIFICATION_DAYS", "5"))
CERTIFICATE_SERIES_PREFIX = os.environ.get("CERTIFICATE_SERIES_PREFIX", "KT")
# The centre's invoices for fees: series letters, days to pay, the bank account printed on them.
INVOICE_SERIES = os.environ.get("INVOICE_SERIES", "KVC")
INVOICE_DUE_DAYS = int(os.environ.get("INVOICE_DUE_DAYS", "14"))
INVOICE_BANK_ACCOUNT = os.environ.get("INVOICE_BANK_ACCOUNT", "")
REGISTRATION_LOCK_TIMEOUT_MS = int(os.environ.get("REGISTRATION_LOCK_TIMEOUT_MS", "5000"))

# Content-Security-Policy: no inline scripts or styles anywhere in the templates.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_ip": {"()": "kvalifikacija.client_ip.ClientAddressLogFilter"}},
    "formatters": {"default": {"format": "%(asctime)s %(levelname)s %(name)s [%(client_ip)s] %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["client_ip"], "formatter": "default"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
