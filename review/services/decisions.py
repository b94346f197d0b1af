"""Deciding on a queue item: approve, reject, request changes or escalate, always with a reason code.

What the decision does depends on the item's kind (review.services.item_kinds); this module checks the request,
lets the kind carry it out, closes or escalates the item and records the decision once.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import log_decision
from core.exceptions import Conflict, ValidationFailed
from core.permissions import require
from review.models import ReviewEvent, ReviewItem
from review.reasons import DECISION_REASONS, Decision
from review.services.item_kinds import DecisionRequest, kind_of
from review.services.queue import ACTIVE_STATUSES


def _check_reason(decision: str, reason_code: str, note: str) -> None:
    if decision not in DECISION_REASONS:
        raise ValidationFailed(_("Unknown decision."), field="decision")
    if reason_code not in DECISION_REASONS[decision]:
        raise ValidationFailed(_("Choose a reason that fits the decision."), field="reason_code")
    if reason_code == "other" and not note.strip():
        raise ValidationFailed(_("Explain the reason in the note."), field="note")


@transaction.atomic
def review_item_decide(*, item: ReviewItem, actor: Any, decision: str, reason_code: str, note: str = "") -> ReviewItem:
    """Approve, reject, request changes or escalate a claimed item, with a reason code and note.

    Preconditions: `actor` holds the claim (staff may decide any active item); the kind accepts the decision.
    Side effects: those of the kind (review.services.item_kinds); escalating hands the item to staff with high
    priority. Records a ReviewEvent and a DecisionLog row.
    """
    require(actor, "review.view_reviewitem", item)
    note = (note or "").strip()
    _check_reason(decision, reason_code, note)
    current = ReviewItem.objects.select_for_update().get(pk=item.pk)
    if current.status not in ACTIVE_STATUSES:
        raise Conflict(_("This item has already been decided."))
    if not actor.has_perm("review.decide_reviewitem", current):
        raise Conflict(_("Claim the item before deciding on it."))
    kind = kind_of(current)
    if decision != Decision.ESCALATE and decision not in kind.decisions:
        raise ValidationFailed(_(kind.refused_message), field="decision")
    missing_note = kind.notes_required.get(decision)
    if missing_note and not note:
        raise ValidationFailed(_(missing_note), field="note")

    if decision == Decision.ESCALATE:
        current.status = ReviewItem.Status.ESCALATED
        current.assignee = None
        current.claimed_at = None
        current.priority = 1
    else:
        kind.apply(DecisionRequest(item=current, actor=actor, decision=decision, reason_code=reason_code, note=note))
        current.status = ReviewItem.Status.DONE
        current.decided_at = timezone.now()
    current.save()
    ReviewEvent.objects.create(item=current, actor=actor, action=decision, reason_code=reason_code, note=note)
    log_decision(
        actor=actor,
        subject_type=f"review_item.{current.kind}",
        subject_id=current.pk,
        action=decision,
        reason_code=reason_code,
        note=note,
    )
    return current
