"""Upward news between the layers, sent after commit through a transactional outbox.

The layers call only downward (`core ← taxonomy ← programmes ← {candidates, employers} ← matching ← review`, pages
and API on top; see ARCHITECTURE.md). When a lower layer's change matters to a higher one — a profile changed, a
vacancy was published, a document needs checking — its service calls `emit(EVENT, id=...)` inside its own
transaction. That writes one `OutboxEvent` row in the same transaction (so the news commits with the change or not
at all) and, after commit, hands it to the receivers the higher apps registered with `@receiver(EVENT)` in their
`AppConfig.ready()`.

If the process dies between commit and dispatch, or a receiver fails (a database blip, the broker down), the row
stays undelivered and `dispatch_pending` — every minute from Celery beat, and opportunistically after each new event
in a process without beat (the embedded default) — delivers it again, with a capped backoff. Receivers are therefore
called at least once and must be idempotent. Payloads carry ids and short codes only, never personal data: the
outbox, like the broker, is outside the erasure path.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

from core.models import OutboxEvent

logger = logging.getLogger(__name__)

Payload = int | str | None
Receiver = Callable[..., None]

# The catalogue: event name → payload keys. Adding an event means adding it here, so that ARCHITECTURE.md and a
# reader can see every message that crosses a layer in one place.
PROFILE_CHANGED = "profile_changed"  # a candidate's matching-relevant data changed: re-embed and re-match
PROFILE_SUBMITTED = "profile_submitted"  # submitted or changed after verification: a caseworker looks again
PROFILE_LEFT_MATCHING = "profile_left_matching"  # consent withdrawn, dormant, erased: proposed matches leave
CONSENT_WITHDRAWN = "consent_withdrawn"  # purpose: matching | share_with_employers | keep_profile | ...
DUPLICATE_SUSPECTED = "duplicate_suspected"
DOCUMENT_UPLOADED = "document_uploaded"
CREDENTIAL_CLAIMED = "credential_claimed"
CREDENTIAL_CHANGED = "credential_changed"  # verified, issued, rejected, recognition changed: re-match the holder
FEE_REPORT_FILED = "fee_report_filed"
ORGANISATION_SIGNED_UP = "organisation_signed_up"
ORGANISATION_CLOSED = "organisation_closed"  # suspended or rejected: its vacancies leave matching
VACANCY_CHANGED = "vacancy_changed"  # published or changed while published: re-embed and run
VACANCY_CLOSED = "vacancy_closed"  # closed, filled or expired: proposed matches leave the queue
SCHEME_CHANGED = "scheme_changed"  # a legal scheme's rules, quota or partners changed: re-run its vacancies
MATCHES_PROPOSED = "matches_proposed"  # a run proposed eligible matches for a vacancy: the queue gets an item
MATCH_DECIDED = "match_decided"  # a person moved a match (release, reject, hire, ...)

EVENTS: dict[str, tuple[str, ...]] = {
    PROFILE_CHANGED: ("profile_id",),
    PROFILE_SUBMITTED: ("profile_id",),
    PROFILE_LEFT_MATCHING: ("profile_id",),
    CONSENT_WITHDRAWN: ("profile_id", "purpose"),
    DUPLICATE_SUSPECTED: ("profile_id", "other_profile_id"),
    DOCUMENT_UPLOADED: ("document_id",),
    CREDENTIAL_CLAIMED: ("credential_id",),
    CREDENTIAL_CHANGED: ("credential_id", "profile_id"),
    FEE_REPORT_FILED: ("fee_report_id",),
    ORGANISATION_SIGNED_UP: ("organisation_id",),
    ORGANISATION_CLOSED: ("organisation_id",),
    VACANCY_CHANGED: ("vacancy_id",),
    VACANCY_CLOSED: ("vacancy_id",),
    SCHEME_CHANGED: ("scheme_id",),
    MATCHES_PROPOSED: ("vacancy_id", "run_id"),
    MATCH_DECIDED: ("match_id", "action"),
}

MAX_BACKOFF = timedelta(minutes=30)

_receivers: dict[str, list[Receiver]] = defaultdict(list)


def receiver(name: str) -> Callable[[Receiver], Receiver]:
    """Register `fn(**payload)` for event `name`. Call from `AppConfig.ready()` (import the receivers module)."""
    if name not in EVENTS:
        raise ValueError(f"unknown event {name!r}")

    def register(fn: Receiver) -> Receiver:
        if fn not in _receivers[name]:
            _receivers[name].append(fn)
        return fn

    return register


def receivers_of(name: str) -> tuple[Receiver, ...]:
    return tuple(_receivers.get(name, ()))


def emit(name: str, **payload: Payload) -> OutboxEvent:
    """Record `name` with its payload in the current transaction; deliver it after commit.

    Outside a transaction the row is committed at once and delivered at once. Raises ValueError for an unknown event
    or a payload that does not match the catalogue (a programming error, never user input).
    """
    keys = EVENTS.get(name)
    if keys is None:
        raise ValueError(f"unknown event {name!r}")
    if set(payload) != set(keys):
        raise ValueError(f"event {name!r} takes {sorted(keys)}, got {sorted(payload)}")
    for key, value in payload.items():
        if value is not None and not isinstance(value, int | str):
            raise ValueError(f"event {name!r}: {key} must be an id or a short code")
        if isinstance(value, str) and len(value) > 40:
            raise ValueError(f"event {name!r}: {key} is a code, at most 40 characters")
    event = OutboxEvent.objects.create(name=name, payload=payload)
    transaction.on_commit(partial(_after_commit, event.pk), robust=True)
    return event


def _after_commit(event_id: int) -> None:
    dispatch(event_id)
    # A process without beat (the embedded default) still delivers what an earlier failure left behind.
    dispatch_pending(limit=20, exclude=event_id)


def dispatch(event_id: int) -> bool:
    """Deliver one event to its receivers in one transaction; True when delivered (now or earlier).

    The row is locked with SKIP LOCKED, so two dispatchers never deliver the same event at the same time. On failure
    the receivers' writes roll back and the row records the attempt and the next time to try.
    """
    try:
        with transaction.atomic():
            event = (
                OutboxEvent.objects.select_for_update(skip_locked=True)
                .filter(pk=event_id, delivered_at__isnull=True)
                .first()
            )
            if event is None:
                return True
            for fn in receivers_of(event.name):
                fn(**event.payload)
            event.delivered_at = timezone.now()
            event.save(update_fields=["delivered_at"])
            return True
    except Exception as exc:
        _record_failure(event_id, exc)
        return False


def _record_failure(event_id: int, exc: BaseException) -> None:
    # The error's type only: a message may quote data.
    logger.warning("event delivery failed", extra={"event_id": event_id, "error": type(exc).__name__})
    try:
        event = OutboxEvent.objects.filter(pk=event_id).first()
        if event is None:
            return
        attempts = event.attempts + 1
        backoff = min(timedelta(seconds=5 * 2**attempts), MAX_BACKOFF)
        OutboxEvent.objects.filter(pk=event_id).update(
            attempts=attempts, last_error=type(exc).__name__[:80], next_attempt_at=timezone.now() + backoff
        )
    except Exception:  # the database itself is down: the row stays due, the next dispatcher run retries
        logger.warning("event failure not recorded", extra={"event_id": event_id})


def dispatch_pending(*, limit: int = 500, exclude: int | None = None) -> int:
    """Deliver due, undelivered events, oldest first. Returns how many were delivered."""
    due = OutboxEvent.objects.filter(delivered_at__isnull=True, next_attempt_at__lte=timezone.now())
    if exclude is not None:
        due = due.exclude(pk=exclude)
    ids = list(due.order_by("id").values_list("id", flat=True)[:limit])
    return sum(1 for event_id in ids if dispatch(event_id))


def purge_delivered(*, older_than: timedelta = timedelta(days=7)) -> int:
    """Delivered rows are history only; keep a week for debugging."""
    cutoff = timezone.now() - older_than
    deleted, _ = OutboxEvent.objects.filter(delivered_at__lt=cutoff).delete()
    return deleted
