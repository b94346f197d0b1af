"""Settings for a real Celery worker in the matching real-service tests (PostgreSQL + Redis): the shared base
settings plus the database, broker, queue and timings from the environment. Not used in production."""

from __future__ import annotations

import os
from typing import cast

import dj_database_url

from config.settings.base import *  # noqa: F403

SECRET_KEY = os.environ.get("SECRET_KEY", "realservice-test-worker-secret-key-0123456789")
_default_db = dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=0)
# The base settings' DATABASES is inferred as dict[str, dict[str, object]]; a DBConfig is one of those.
DATABASES = {"default": cast("dict[str, object]", _default_db)}
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/13")
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "matching-realservice")
CELERY_TASK_ALWAYS_EAGER = False
_visibility = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600"))
# Sweep unacknowledged messages every second so a killed worker's task comes back after the visibility timeout.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": _visibility,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
CELERY_TASK_SOFT_TIME_LIMIT = max(_visibility - 6, 5)
CELERY_TASK_TIME_LIMIT = max(_visibility - 3, 8)
MATCHING_ENCODER = os.environ.get("MATCHING_ENCODER", "hashing")
MATCHING_RUN_WRITE_DELAY_SECONDS = float(os.environ.get("MATCHING_RUN_WRITE_DELAY_SECONDS", "0"))
# One queue for everything in these tests, the limits above for every task, and the reconciler's timings from the
# environment so a test can watch it recover in seconds.
CELERY_EMBEDDING_QUEUE = CELERY_TASK_DEFAULT_QUEUE
CELERY_TASK_ROUTES = {name: {"queue": CELERY_TASK_DEFAULT_QUEUE} for name in CELERY_TASK_ROUTES}  # noqa: F405
CELERY_TASK_ANNOTATIONS = {}
MATCHING_WORK_CLAIM_TIMEOUT_SECONDS = int(os.environ.get("MATCHING_WORK_CLAIM_TIMEOUT_SECONDS", "240"))
MATCHING_WORK_RESEND_SECONDS = int(os.environ.get("MATCHING_WORK_RESEND_SECONDS", "180"))
_db_options = os.environ.get("DATABASE_CONNECT_TIMEOUT")
if _db_options:
    _default_db.setdefault("OPTIONS", {})["connect_timeout"] = int(_db_options)
MATCHING_TASK_MAX_RETRIES = int(os.environ.get("MATCHING_TASK_MAX_RETRIES", "12"))
