"""Writes to the append-only logs. Every view of a candidate's personal data by someone else goes through log_access."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING, cast

from django.utils import timezone

from core.models import AccessLog, DecisionLog, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    # request.user (a page's or the API's), a service's acting user, or None (the system).
    Actor = User | AnonymousUser | None


def log_access(*, actor: Actor, candidate_id: int, part: str, purpose: str, path: str = "") -> None:
    """Record that `actor` saw `part` of candidate `candidate_id`'s data. A candidate viewing themself is not logged."""
    if getattr(actor, "is_candidate", False):
        return
    AccessLog.objects.create(
        actor=cast("User", actor) if getattr(actor, "is_authenticated", False) else None,
        actor_role=getattr(actor, "role", ""),
        subject_candidate_id=candidate_id,
        part=part,
        purpose=purpose,
        path=path[:300],
    )


def log_accesses(*, actor: Actor, entries: Iterable[tuple[int, str]], purpose: str, path: str = "") -> None:
    """`log_access` for a page or list showing many candidates: one insert for all (candidate id, part) pairs."""
    if getattr(actor, "is_candidate", False):
        return
    who = cast("User", actor) if getattr(actor, "is_authenticated", False) else None
    role = getattr(actor, "role", "")
    AccessLog.objects.bulk_create(
        AccessLog(
            actor=who, actor_role=role, subject_candidate_id=candidate_id, part=part, purpose=purpose, path=path[:300]
        )
        for candidate_id, part in entries
    )


def log_decision(
    *, actor: Actor, subject_type: str, subject_id: int, action: str, reason_code: str = "", note: str = ""
) -> DecisionLog:
    return DecisionLog.objects.create(
        actor=cast("User", actor) if getattr(actor, "is_authenticated", False) else None,
        actor_role=getattr(actor, "role", "") or "",
        subject_type=subject_type,
        subject_id=subject_id,
        action=action,
        reason_code=reason_code,
        note=note,
    )


def purge_logs_older_than(*, days: int) -> int:
    """Retention: remove access and decision logs older than `days` (never less than 183). Returns rows removed."""
    days = max(days, 183)
    cutoff = timezone.now() - timedelta(days=days)
    # QuerySet deletes bypass Model.delete(): retention is the one sanctioned deletion path for these rows.
    removed = 0
    for model in (AccessLog, DecisionLog):
        removed += model.objects.filter(created_at__lt=cutoff)._raw_delete(model.objects.db)
    return removed
