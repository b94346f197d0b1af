"""Production: PostgreSQL, Redis broker, SMTP, HTTPS. Everything that differs is read from the environment."""

from __future__ import annotations

from typing import Any, cast

import dj_database_url

from config.settings.base import *
from config.settings.env import env_bool, env_int, env_list, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL").rstrip("/")
# parse() returns a TypedDict (DBConfig); Django's DATABASES is typed as plain dicts.
DATABASES = {
    "default": cast(
        "dict[str, Any]", dj_database_url.parse(env_str("DATABASE_URL"), conn_max_age=60, conn_health_checks=True)
    )
}
# A database that is down or stalled fails a request in seconds instead of hanging it until gunicorn kills the
# worker: connecting gives up after DATABASE_CONNECT_TIMEOUT seconds, a statement after DATABASE_STATEMENT_TIMEOUT_MS,
# and TCP keepalives notice a peer that went away.
DATABASES["default"].setdefault("OPTIONS", {}).update(
    {
        "connect_timeout": env_int("DATABASE_CONNECT_TIMEOUT", 5),
        "options": f"-c statement_timeout={env_int('DATABASE_STATEMENT_TIMEOUT_MS', 30000)}",
        "keepalives": 1,
        "keepalives_idle": 30,
        "keepalives_interval": 5,
        "keepalives_count": 3,
    }
)
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
# One cache for every web process: rate limits (sign-up, reset, API throttles) and sessions of the same client count
# together whichever process answers.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("CACHE_URL", "redis://127.0.0.1:6379/1"),
    }
}
# django-ratelimit lists only third-party Redis backends as supported; Django's own RedisCache increments with
# Redis INCR, which is atomic, so its warning is silenced here — the error for a non-shared cache stays on.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", " ").strip()
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", " ").strip()
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Talent Pool <no-reply@talentpool.example>")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = env_str("PRIVATE_MEDIA_ROOT", str(MEDIA_ROOT))
