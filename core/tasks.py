from __future__ import annotations

from celery import shared_task
from django.conf import settings

from core.audit import purge_logs_older_than


@shared_task
def purge_old_logs() -> int:
    return purge_logs_older_than(days=settings.LOG_RETENTION_DAYS)
