"""Object permissions of the review queue (django-rules, autodiscovered)."""

from __future__ import annotations

import rules

from core.permissions import is_case_officer, is_staff_role


@rules.predicate
def holds_claim(user, item) -> bool:  # type: ignore[no-untyped-def]
    return item is not None and item.status == "claimed" and item.assignee_id == user.pk


rules.add_perm("review.view_reviewitem", is_case_officer)
rules.add_perm("review.decide_reviewitem", is_staff_role | (is_case_officer & holds_claim))
rules.add_perm("review.release_claim", is_staff_role | (is_case_officer & holds_claim))
rules.add_perm("review.review_matches", is_case_officer)
rules.add_perm("review.pause_ranking", is_staff_role)
rules.add_perm("review.view_accesslog", is_staff_role)
rules.add_perm("review.view_fairness", is_case_officer)
