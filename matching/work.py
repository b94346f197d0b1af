"""The matching outbox: what still needs matching lives in the database, the broker only wakes a worker up.

`work_request` records a change (in the caller's transaction) and sends the message after commit; a failed send
never fails the caller — the row carries the work. A task calls `work_claim` when it starts and `work_done` when it
has finished; `work_requeue_due` (Celery beat, every minute) sends again what a lost message, a worker killed mid-run
or a task given up after its retries left behind:

- a row sent (or never sent) and not claimed within `MATCHING_WORK_RESEND_SECONDS`;
- a row claimed longer ago than `MATCHING_WORK_CLAIM_TIMEOUT_SECONDS` (above the matching tasks' hard time limit, so a
  row still claimed then belongs to a dead worker).

A message carries the row's `requested_at` as a token: a duplicate that arrives after the work was done finds no row
(or a newer request it does not own) and does nothing. Messages without a token (a manual run) always run.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from matching.models import Embedding, MatchingWork, MatchRun

logger = logging.getLogger(__name__)

KINDS = frozenset(Embedding.Kind.values)
UNSENT_GRACE = timedelta(seconds=30)


def resend_after() -> timedelta:
    return timedelta(seconds=getattr(settings, "MATCHING_WORK_RESEND_SECONDS", 180))


def claim_timeout() -> timedelta:
    return timedelta(seconds=getattr(settings, "MATCHING_WORK_CLAIM_TIMEOUT_SECONDS", 240))


def work_request(*, kind: str, object_id: int, trigger: str = MatchRun.Trigger.MANUAL) -> None:
    """Record that `kind`/`object_id` needs matching and send it after commit. Repeated requests coalesce into one
    row; a request made while a worker runs the old one keeps the row for one more run."""
    if kind not in KINDS:
        raise ValueError(f"unknown matching work kind {kind!r}")
    now = timezone.now()
    updated = MatchingWork.objects.filter(kind=kind, object_id=object_id).update(
        requested_at=now, trigger=trigger, enqueued_at=None
    )
    if not updated:
        MatchingWork.objects.get_or_create(
            kind=kind, object_id=object_id, defaults={"requested_at": now, "trigger": trigger}
        )
    transaction.on_commit(lambda: send(kind=kind, object_id=object_id), robust=True)


def send(*, kind: str, object_id: int) -> bool:
    """Send the row's wake-up message; False (logged, never raised) when the broker or database is unavailable."""
    try:
        work = MatchingWork.objects.filter(kind=kind, object_id=object_id).first()
        if work is None:
            return True
        MatchingWork.objects.filter(pk=work.pk).update(enqueued_at=timezone.now(), sends=F("sends") + 1)
        token = work.requested_at.isoformat()
        from matching import tasks

        if kind == Embedding.Kind.VACANCY:
            tasks.run_vacancy.apply_async(args=[object_id, work.trigger], kwargs={"token": token})
        else:
            tasks.embed_and_match.apply_async(args=[kind, object_id, True], kwargs={"token": token})
        return True
    except Exception as exc:  # the row stays, marked unsent; work_requeue_due sends it again
        logger.warning(
            "matching work not sent", extra={"kind": kind, "object_id": object_id, "error": type(exc).__name__}
        )
        with contextlib.suppress(Exception):
            MatchingWork.objects.filter(kind=kind, object_id=object_id).update(enqueued_at=None)
        return False


def send_embedding(*, kind: str, object_id: int) -> bool:
    """Ask for an embedding only (the stale flag is its database state); False, logged, when the broker is down."""
    from matching import tasks

    try:
        tasks.embed_and_match.apply_async(args=[kind, object_id, False])
        return True
    except Exception as exc:
        logger.warning("embedding not sent", extra={"kind": kind, "object_id": object_id, "error": type(exc).__name__})
        return False


def work_claim(*, kind: str, object_id: int, token: str | None, retry: bool = False) -> datetime | None:
    """A task starts: stamp the row and return the claim time, or None when a tokened message has nothing left to do
    (the work was done, or this is a duplicate of a run another worker started since the last request). A retry of
    the same message, or a message without a token (a manual run), always runs."""
    now = timezone.now()
    rows = MatchingWork.objects.filter(kind=kind, object_id=object_id)
    if token is None or retry:
        rows.update(claimed_at=now)
        return now
    seen = datetime.fromisoformat(token)
    fresh_claim = Q(claimed_at__gte=now - claim_timeout()) & Q(claimed_at__gte=F("requested_at"))
    claimed = rows.filter(requested_at__gte=seen).exclude(fresh_claim).update(claimed_at=now)
    return now if claimed else None


def work_done(*, kind: str, object_id: int, started: datetime) -> None:
    """The run that started at `started` is written: the row goes unless a newer request arrived meanwhile."""
    MatchingWork.objects.filter(kind=kind, object_id=object_id, requested_at__lte=started).delete()


def work_release(*, kind: str, object_id: int) -> None:
    """A run failed and will be retried or given up: leave the row due for the reconciler."""
    MatchingWork.objects.filter(kind=kind, object_id=object_id).update(claimed_at=None)


def work_requeue_due(*, limit: int = 200) -> int:
    """Send again every row a lost message, a dead worker or a task given up left behind. Returns how many."""
    now = timezone.now()
    stale_claim = Q(claimed_at__lt=now - claim_timeout())
    due = MatchingWork.objects.filter(
        # Never sent (the broker was down): after a short grace, so that the send after commit goes first.
        Q(claimed_at__isnull=True, enqueued_at__isnull=True, requested_at__lt=now - min(UNSENT_GRACE, resend_after()))
        | Q(claimed_at__isnull=True, enqueued_at__lt=now - resend_after())
        | stale_claim
    )
    rows = list(due.order_by("requested_at").values_list("pk", "kind", "object_id")[:limit])
    MatchingWork.objects.filter(stale_claim, pk__in=[pk for pk, _, _ in rows]).update(claimed_at=None)
    return sum(1 for _, kind, object_id in rows if send(kind=kind, object_id=object_id))


def work_pending() -> int:
    return MatchingWork.objects.count()
