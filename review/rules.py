"""Who may do what in the review queue (django-rules, autodiscovered). Pages, the API and the services ask these.

Area permissions take no object: `review.use_review_area` (the queue, items, a vacancy's matches, fairness) and the
staff-only oversight switch and access log. Object permissions take a ReviewItem.
"""

from __future__ import annotations

from typing import Any

import rules

from core.permissions import is_case_officer, is_staff_role
from review.models import ReviewItem


@rules.predicate
def holds_claim(user: Any, item: Any) -> bool:
    return item is not None and item.status == "claimed" and item.assignee_id == user.pk


@rules.predicate
def is_open(user: Any, item: Any) -> bool:
    return item is not None and item.status == "open"


@rules.predicate
def is_escalated(user: Any, item: Any) -> bool:
    return item is not None and item.status == "escalated"


@rules.predicate
def vacancy_claimed_by_other(user: Any, vacancy: Any) -> bool:
    """Someone else holds the claim on the vacancy's matches item."""
    return (
        vacancy is not None
        and ReviewItem.objects.filter(kind=ReviewItem.Kind.MATCHES, vacancy_id=vacancy.pk, status="claimed")
        .exclude(assignee_id=user.pk)
        .exists()
    )


rules.add_perm("review.use_review_area", is_case_officer)
rules.add_perm("review.view_reviewitem", is_case_officer)
# An escalated item waits for a senior look: only staff take it.
rules.add_perm("review.claim_reviewitem", is_case_officer & (is_open | (is_escalated & is_staff_role)))
rules.add_perm("review.decide_reviewitem", is_staff_role | (is_case_officer & holds_claim))
rules.add_perm("review.release_claim", is_staff_role | (is_case_officer & holds_claim))
rules.add_perm("review.review_matches", is_case_officer)
# A vacancy's proposed matches are worked by whoever claimed its queue item; staff may step in.
rules.add_perm("review.work_vacancy_matches", is_staff_role | (is_case_officer & ~vacancy_claimed_by_other))
rules.add_perm("review.view_fairness", is_case_officer)
rules.add_perm("review.pause_ranking", is_staff_role)
rules.add_perm("review.view_accesslog", is_staff_role)
