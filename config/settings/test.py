"""Test settings: SQLite by default; DATABASE_URL switches to a real PostgreSQL (the real-service pass)."""

from __future__ import annotations

import os
from typing import Any, cast

import dj_database_url

from config.settings.base import *
from config.settings.base import VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-use-1234567890"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-private"
AXES_ENABLED = True
ALLOWED_HOSTS = ["*"]

if os.environ.get("DATABASE_URL"):
    # parse() returns a TypedDict (DBConfig); Django's DATABASES is typed as plain dicts.
    DATABASES = {"default": cast("dict[str, Any]", dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=0))}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
