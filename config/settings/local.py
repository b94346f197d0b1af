"""The embedded default: SQLite, Celery tasks executed in-process, console e-mail."""

from __future__ import annotations

from config.settings.base import *
from config.settings.base import VAR_DIR

DEBUG = True
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"
