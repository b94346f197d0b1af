"""The embedded default: SQLite, Celery tasks executed in-process, console e-mail."""

from __future__ import annotations

from config.settings.base import *
from config.settings.base import VAR_DIR
from config.settings.env import env_bool

# Off unless asked for (DEBUG=1): Django's debug 404 page would list every URL of the product to anyone.
DEBUG = env_bool("DEBUG", False)
# runserver serves no static files without DEBUG; WhiteNoise serves them from the apps' folders, no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"
