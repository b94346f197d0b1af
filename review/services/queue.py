"""The queue itself: opening items (other apps' news arrives through review.receivers), claiming and releasing them.

Who may work the queue is django-rules' answer (review/rules.py); what the service adds are the queue's own checks:
an item can be won only once, and only a claimed item can be given back.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import Conflict, PermissionDeniedError
from core.permissions import require
from review.models import ReviewEvent, ReviewItem

TARGET_FIELDS = ("candidate", "other_candidate", "document", "credential", "organisation", "fee_report", "vacancy")
ACTIVE_STATUSES = (ReviewItem.Status.OPEN, ReviewItem.Status.CLAIMED, ReviewItem.Status.ESCALATED)


def actor_or_none(actor: Any) -> Any:
    """The user to record on an event; None for the system (a receiver, a task)."""
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def review_subject(targets: dict[str, Any]) -> str:
    """The targets as ids, in a fixed order: one active item per kind and subject (a unique constraint)."""
    parts = [f"{name}={getattr(targets[name], 'pk', targets[name])}" for name in TARGET_FIELDS if targets.get(name)]
    return ";".join(parts)[:200]


def review_item_open(
    *,
    kind: str,
    priority: int = 2,
    actor: Any = None,
    country: str = "",
    sector: str = "",
    programme: Any = None,
    **targets: Any,
) -> ReviewItem:
    """Open a queue item for `targets` (e.g. candidate=profile), or return the one already open for them.

    Idempotent: one open/claimed/escalated item per kind and target, so a re-submitted profile does not queue twice
    and a redelivered event changes nothing.
    """
    unknown = set(targets) - set(TARGET_FIELDS)
    if unknown:
        raise ValueError(f"unknown review targets: {sorted(unknown)}")
    existing = ReviewItem.objects.select_for_update().filter(kind=kind, status__in=ACTIVE_STATUSES, **targets).first()
    if existing is not None:
        return existing
    subject = review_subject(targets)
    try:
        with transaction.atomic():
            item = ReviewItem.objects.create(
                kind=kind,
                subject=subject,
                priority=priority,
                country=country,
                sector=sector,
                programme=programme,
                **targets,
            )
    except IntegrityError:  # opened at the same moment by another process: that item it is
        return ReviewItem.objects.get(kind=kind, subject=subject, status__in=ACTIVE_STATUSES)
    ReviewEvent.objects.create(item=item, actor=actor_or_none(actor), action="opened")
    return item


def review_item_claim_next(*, actor: Any, queryset: QuerySet[ReviewItem] | None = None) -> ReviewItem | None:
    """Hand the next open item (highest priority, then oldest) to `actor`, or return None when nothing is left.

    Safe under concurrency: candidate rows are locked with SKIP LOCKED so parallel claimers look at different rows,
    and the claim itself is a conditional UPDATE (status still open, no assignee) so a row can be won only once.
    `queryset` narrows the pool (the queue's filters); it must be a plain ReviewItem queryset.
    """
    require(actor, "review.use_review_area")
    pool = (queryset if queryset is not None else ReviewItem.objects.all()).select_related(None).prefetch_related(None)
    for _attempt in range(10):
        with transaction.atomic():
            item = (
                pool.filter(status=ReviewItem.Status.OPEN, assignee__isnull=True)
                .order_by("priority", "created_at", "pk")
                .select_for_update(skip_locked=True, of=("self",))
                .first()
            )
            if item is None:
                return None
            now = timezone.now()
            won = ReviewItem.objects.filter(pk=item.pk, status=ReviewItem.Status.OPEN, assignee__isnull=True).update(
                status=ReviewItem.Status.CLAIMED, assignee=actor, claimed_at=now, updated_at=now
            )
            if won == 1:
                ReviewEvent.objects.create(item_id=item.pk, actor=actor, action="claimed")
                return ReviewItem.objects.get(pk=item.pk)
    return None


@transaction.atomic
def review_item_claim(*, item: ReviewItem, actor: Any) -> ReviewItem:
    """Claim one given item. Open items can be claimed by any caseworker; escalated ones only by staff."""
    require(actor, "review.view_reviewitem", item)
    current = ReviewItem.objects.get(pk=item.pk)
    if current.assignee_id == actor.pk and current.status == ReviewItem.Status.CLAIMED:
        return current
    if not actor.has_perm("review.claim_reviewitem", current):
        raise Conflict(_("This item is already claimed by someone else or no longer open."))
    now = timezone.now()
    # Conditional: of two caseworkers claiming at once, one wins and the other is told.
    won = ReviewItem.objects.filter(pk=item.pk, status=current.status, assignee__isnull=True).update(
        status=ReviewItem.Status.CLAIMED, assignee=actor, claimed_at=now, updated_at=now
    )
    if won != 1:
        raise Conflict(_("This item is already claimed by someone else or no longer open."))
    ReviewEvent.objects.create(item_id=item.pk, actor=actor, action="claimed")
    return ReviewItem.objects.get(pk=item.pk)


@transaction.atomic
def review_item_release(*, item: ReviewItem, actor: Any) -> ReviewItem:
    """Give a claimed item back to the queue. The assignee (or staff) may release it."""
    require(actor, "review.view_reviewitem", item)
    current = ReviewItem.objects.select_for_update().get(pk=item.pk)
    if current.status != ReviewItem.Status.CLAIMED:
        raise Conflict(_("Only a claimed item can be released."))
    if not actor.has_perm("review.release_claim", current):
        raise PermissionDeniedError(_("This item is claimed by another caseworker."))
    current.status = ReviewItem.Status.OPEN
    current.assignee = None
    current.claimed_at = None
    current.save(update_fields=["status", "assignee", "claimed_at", "updated_at"])
    ReviewEvent.objects.create(item=current, actor=actor, action="released")
    return current
