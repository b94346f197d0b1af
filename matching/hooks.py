"""What other apps tell the matching engine. Their services call these; the engine decides what to recompute.

Each function only records state in the database (stale flags) and enqueues work after commit, so a lost message
is picked up by the periodic reconciler.
"""

from __future__ import annotations


def profile_changed(*, profile_id: int) -> None:
    """A candidate profile was saved: re-embed it and re-evaluate it against open vacancies (after commit)."""
    from matching.services import embedding_mark_stale_and_enqueue

    embedding_mark_stale_and_enqueue(kind="candidate", object_id=profile_id, rematch=True)


def vacancy_changed(*, vacancy_id: int) -> None:
    """A vacancy was published or changed: re-embed it and start a match run (after commit)."""
    from matching.services import embedding_mark_stale_and_enqueue

    embedding_mark_stale_and_enqueue(kind="vacancy", object_id=vacancy_id, rematch=True)


def candidate_left_matching(*, profile_id: int) -> None:
    """Matching consent withdrawn, profile dormant or erased: withdraw every match not yet released, at once."""
    from matching.services import matches_withdraw_for_candidate

    matches_withdraw_for_candidate(profile_id=profile_id)


def candidate_stopped_sharing(*, profile_id: int) -> None:
    """Sharing or keep-profile consent withdrawn, profile erased: no employer keeps the candidate in front of them;
    proposed matches leave the queue and released ones leave the employer's list, at once."""
    from matching.services import matches_withdraw_for_candidate

    matches_withdraw_for_candidate(profile_id=profile_id, with_employers=True)


def vacancy_left_matching(*, vacancy_id: int) -> None:
    """Vacancy closed, filled, or its organisation suspended: proposed matches leave the queue."""
    from matching.services import matches_withdraw_for_vacancy

    matches_withdraw_for_vacancy(vacancy_id=vacancy_id)
