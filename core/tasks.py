from __future__ import annotations

from celery import shared_task
from django.conf import settings

from core.audit import purge_logs_older_than
from core.events import dispatch_pending, purge_delivered
from core.services import tokens_purge_expired


@shared_task
def purge_old_logs() -> int:
    return purge_logs_older_than(days=settings.LOG_RETENTION_DAYS)


@shared_task(name="core.tasks.dispatch_events", acks_late=True)
def dispatch_events() -> int:
    """Deliver events whose first delivery after commit failed or never happened (a crash, a database blip)."""
    return dispatch_pending()


@shared_task(name="core.tasks.purge_delivered_events")
def purge_delivered_events() -> int:
    return purge_delivered()


@shared_task(name="core.tasks.purge_expired_tokens")
def purge_expired_tokens() -> int:
    return tokens_purge_expired()


@shared_task(name="core.tasks.purge_idempotency_keys")
def purge_idempotency_keys() -> int:
    from core.idempotency import purge_idempotency_keys as purge

    return purge()
