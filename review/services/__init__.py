"""Writes of the review app, one module per concern:

- `queue`: opening items (other apps' news arrives through review.receivers), claiming, releasing;
- `decisions` with `item_kinds`: deciding on an item, and what a decision does for each kind;
- `matches`: a caseworker's decisions on a vacancy's proposed matches;
- `oversight`: pausing and resuming automated ranking.

The names below are re-exported for callers that import `review.services` as one module.
"""

from __future__ import annotations

from review.services.decisions import review_item_decide
from review.services.matches import (
    close_vacancy_item_if_done,
    match_add_manually,
    match_move,
    match_reject,
    match_release,
    matches_bulk_decide,
    matches_set_ranking_aside,
)
from review.services.oversight import oversight_pause, oversight_resume
from review.services.queue import (
    ACTIVE_STATUSES,
    TARGET_FIELDS,
    review_item_claim,
    review_item_claim_next,
    review_item_open,
    review_item_release,
)

__all__ = [
    "ACTIVE_STATUSES",
    "TARGET_FIELDS",
    "close_vacancy_item_if_done",
    "match_add_manually",
    "match_move",
    "match_reject",
    "match_release",
    "matches_bulk_decide",
    "matches_set_ranking_aside",
    "oversight_pause",
    "oversight_resume",
    "review_item_claim",
    "review_item_claim_next",
    "review_item_decide",
    "review_item_open",
    "review_item_release",
]
