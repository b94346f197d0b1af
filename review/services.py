"""Writes to the caseworker queue. Other apps open items through `review_item_open`; the queue's own pages and API
work them (claim, release, decide)."""
from __future__ import annotations

from typing import Any

from django.db import transaction

from review.models import ReviewEvent, ReviewItem

TARGET_FIELDS = ("candidate", "other_candidate", "document", "credential", "organisation", "fee_report", "vacancy")


@transaction.atomic
def review_item_open(*, kind: str, priority: int = 2, actor: Any = None, country: str = "", sector: str = "",
                     programme: Any = None, **targets: Any) -> ReviewItem:
    """Open a queue item for `targets` (e.g. candidate=profile), or return the one already open for them.

    Idempotent: one open/claimed item per kind and target, so a re-submitted profile does not queue twice.
    """
    unknown = set(targets) - set(TARGET_FIELDS)
    if unknown:
        raise ValueError(f"unknown review targets: {sorted(unknown)}")
    existing = (
        ReviewItem.objects.select_for_update()
        .filter(kind=kind, status__in=[ReviewItem.Status.OPEN, ReviewItem.Status.CLAIMED, ReviewItem.Status.ESCALATED], **targets)
        .first()
    )
    if existing is not None:
        return existing
    item = ReviewItem.objects.create(kind=kind, priority=priority, country=country, sector=sector, programme=programme, **targets)
    ReviewEvent.objects.create(item=item, actor=actor if getattr(actor, "is_authenticated", False) else None, action="opened")
    return item
