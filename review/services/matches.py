"""A caseworker's decisions on the matches proposed for a vacancy: release to the employer, reject, reorder, set the
engine's ranking aside, add a candidate by hand, decide several at once.

The vacancy's matches are worked by whoever claimed its queue item (staff may step in): that check is the queue's
own, on top of the `review.review_matches` permission.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import Consent
from candidates.selectors import has_active_consent
from core.audit import log_decision
from core.exceptions import Conflict, NotFound, ValidationFailed
from core.permissions import require
from employers.models import Vacancy
from matching.models import Match, MatchDecision
from matching.pipeline import active_weights, score_candidates
from matching.rules import RULESET_VERSION
from review.models import ReviewEvent, ReviewItem
from review.reasons import MatchRejectReason
from review.selectors import review_order
from review.services.queue import ACTIVE_STATUSES, actor_or_none, review_item_open
from review.tasks import notify_candidate_put_forward

# Statuses from which a caseworker may propose the pair again by hand.
ADDABLE_AGAIN = (Match.Status.REJECTED, Match.Status.WITHDRAWN, Match.Status.INELIGIBLE)


def _record_match_decision(
    *, match: Match, actor: Any, action: str, from_status: str, reason_code: str = "", note: str = ""
) -> None:
    MatchDecision.objects.create(
        match=match,
        actor=actor,
        actor_role=getattr(actor, "role", ""),
        action=action,
        from_status=from_status,
        to_status=match.status,
        reason_code=reason_code,
        note=note,
        components=match.components or {},
    )
    log_decision(
        actor=actor, subject_type="match", subject_id=match.pk, action=action, reason_code=reason_code, note=note
    )


def check_vacancy_not_claimed_by_other(*, vacancy: Any, actor: Any) -> None:
    """A vacancy's proposed matches are worked by whoever claimed its queue item (staff may step in)."""
    if not actor.has_perm("review.work_vacancy_matches", vacancy):
        raise Conflict(_("Another caseworker has claimed this vacancy's matches."))


def _lock_match(match: Match, actor: Any) -> Match:
    try:
        locked = Match.objects.select_for_update().get(pk=match.pk)
    except Match.DoesNotExist as exc:
        raise NotFound(_("This match no longer exists.")) from exc
    check_vacancy_not_claimed_by_other(vacancy=locked.vacancy, actor=actor)
    return locked


def close_vacancy_item_if_done(*, vacancy_id: int, actor: Any) -> None:
    """The vacancy's queue item is decided once no proposed match is left on it. Idempotent."""
    if Match.objects.filter(vacancy_id=vacancy_id, status=Match.Status.PROPOSED).exists():
        return
    now = timezone.now()
    for item in ReviewItem.objects.select_for_update().filter(
        kind=ReviewItem.Kind.MATCHES, vacancy_id=vacancy_id, status__in=ACTIVE_STATUSES
    ):
        item.status = ReviewItem.Status.DONE
        item.decided_at = now
        item.save(update_fields=["status", "decided_at", "updated_at"])
        ReviewEvent.objects.create(item=item, actor=actor_or_none(actor), action="all_matches_decided")


@transaction.atomic
def match_release(*, match: Match, actor: Any, note: str = "") -> Match:
    """Approve a proposed match: PROPOSED → RELEASED, so the employer sees the candidate.

    Writes the approval record every employer-facing read requires (MatchDecision action "release") and a
    DecisionLog row; after commit the candidate is told by e-mail that they were put forward.
    """
    require(actor, "review.review_matches", match.vacancy)
    locked = _lock_match(match, actor)
    if locked.status != Match.Status.PROPOSED:
        raise Conflict(_("Only a proposed match can be released."))
    if not locked.eligible or locked.failed_rules:
        raise Conflict(_("This candidate does not meet the vacancy's hard rules and cannot be released."))
    if not has_active_consent(locked.candidate, Consent.Purpose.SHARE_WITH_EMPLOYERS):
        raise Conflict(_("The candidate has not agreed to be shown to employers."))
    from_status = locked.status
    locked.status = Match.Status.RELEASED
    locked.released_at = timezone.now()
    locked.released_by = actor
    locked.save(update_fields=["status", "released_at", "released_by", "updated_at"])
    _record_match_decision(match=locked, actor=actor, action="release", from_status=from_status, note=note.strip())
    close_vacancy_item_if_done(vacancy_id=locked.vacancy_id, actor=actor)
    transaction.on_commit(partial(notify_candidate_put_forward.delay, locked.pk))
    return locked


@transaction.atomic
def match_reject(*, match: Match, actor: Any, reason_code: str, note: str = "") -> Match:
    """Reject a proposed match with a reason: PROPOSED → REJECTED. The employer never sees it."""
    require(actor, "review.review_matches", match.vacancy)
    note = (note or "").strip()
    if reason_code not in MatchRejectReason.values:
        raise ValidationFailed(_("Choose a reason for the rejection."), field="reason_code")
    if reason_code == MatchRejectReason.OTHER and not note:
        raise ValidationFailed(_("Explain the reason in the note."), field="note")
    locked = _lock_match(match, actor)
    if locked.status != Match.Status.PROPOSED:
        raise Conflict(_("Only a proposed match can be rejected."))
    from_status = locked.status
    locked.status = Match.Status.REJECTED
    locked.save(update_fields=["status", "updated_at"])
    _record_match_decision(
        match=locked, actor=actor, action="reject", from_status=from_status, reason_code=reason_code, note=note
    )
    close_vacancy_item_if_done(vacancy_id=locked.vacancy_id, actor=actor)
    return locked


def _proposed_for_update(vacancy_id: int) -> list[Match]:
    return review_order(Match.objects.select_for_update().filter(vacancy_id=vacancy_id, status=Match.Status.PROPOSED))


def _write_review_ranks(ordered: list[Match]) -> None:
    for position, match in enumerate(ordered, start=1):
        if match.review_rank != position:
            Match.objects.filter(pk=match.pk).update(review_rank=position)
            match.review_rank = position


@transaction.atomic
def match_move(*, match: Match, actor: Any, direction: str) -> Match:
    """Move a proposed match one place up or down in the caseworker's order (review_rank), logged."""
    require(actor, "review.review_matches", match.vacancy)
    if direction not in ("up", "down"):
        raise ValidationFailed(_("Direction must be up or down."), field="direction")
    check_vacancy_not_claimed_by_other(vacancy=match.vacancy, actor=actor)
    ordered = _proposed_for_update(match.vacancy_id)
    index = next((i for i, m in enumerate(ordered) if m.pk == match.pk), None)
    if index is None:
        raise Conflict(_("Only proposed matches can be reordered."))
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    _write_review_ranks(ordered)
    log_decision(actor=actor, subject_type="match", subject_id=match.pk, action=f"move_{direction}")
    return ordered[other if 0 <= other < len(ordered) else index]


@transaction.atomic
def matches_set_ranking_aside(*, vacancy: Any, actor: Any, note: str = "") -> list[Match]:
    """Ignore the engine's scores: order the vacancy's proposed matches by pseudonym (an order that says nothing about
    fit), so the caseworker judges each profile on its own. Logged as a human-oversight decision."""
    require(actor, "review.review_matches", vacancy)
    ordered = sorted(
        Match.objects.select_for_update()
        .select_related("candidate")
        .filter(vacancy_id=vacancy.pk, status=Match.Status.PROPOSED),
        key=lambda m: str(m.candidate.pseudonym),
    )
    _write_review_ranks(ordered)
    log_decision(actor=actor, subject_type="vacancy", subject_id=vacancy.pk, action="ranking_set_aside", note=note)
    return ordered


def engine_verdict(*, vacancy: Any, candidate: Any) -> dict[str, Any]:
    """The engine's rule results and scores for one pair, computed as a match run computes them, so that a match
    added by hand shows the same "rules passed / failed" as the engine would (never a blanket "all rules passed").
    A candidate the engine would not even load (inactive profile, no matching consent) fails `active_consented`."""
    today = timezone.localdate()
    weights, _ranker = active_weights()
    loaded = Vacancy.objects.select_related("organisation", "occupation", "programme", "scheme").get(pk=vacancy.pk)
    _vf, ranked = score_candidates(loaded, [candidate.pk], weights=weights, today=today)
    pair = next((p for p in ranked if p.candidate_id == candidate.pk), None)
    if pair is None:
        return {
            "eligible": False,
            "passed_rules": [],
            "failed_rules": ["active_consented"],
            "explanation": {"added_manually": True},
        }
    return {
        "eligible": pair.eligible,
        "score": pair.score,
        "components": pair.contributions,
        "passed_rules": list(pair.passed_rules),
        "failed_rules": list(pair.failed_rules),
        "matched_essential_skills": list(pair.matched_essential_skills),
        "missing_essential_skills": list(pair.missing_essential_skills),
        "explanation": {
            "added_manually": True,
            "values": pair.values,
            "verified_essential_skills": list(pair.verified_essential_skills),
            "ruleset_version": RULESET_VERSION,
            "today": today.isoformat(),
        },
    }


@transaction.atomic
def match_add_manually(*, vacancy: Any, candidate: Any, actor: Any, note: str = "") -> Match:
    """Propose a candidate for a vacancy by hand. The match joins the end of the caseworker's order.

    A candidate who withdrew matching consent cannot be added; a candidate rejected earlier can be proposed again.
    The engine's hard rules are evaluated for the pair and stored on the match: a candidate a rule excludes can be
    put on the list (the caseworker sees why) but not released to the employer.
    """
    require(actor, "review.review_matches", vacancy)
    note = (note or "").strip()
    if not note:
        raise ValidationFailed(_("Say why you add this candidate by hand."), field="note")
    if not has_active_consent(candidate, Consent.Purpose.MATCHING):
        raise Conflict(_("This candidate has not agreed to be matched with vacancies."))
    ordered = _proposed_for_update(vacancy.pk)
    existing = Match.objects.select_for_update().filter(vacancy_id=vacancy.pk, candidate_id=candidate.pk).first()
    if existing is not None and existing.status not in ADDABLE_AGAIN:
        raise Conflict(_("This candidate is already on the list for this vacancy."))
    position = len(ordered) + 1
    verdict = engine_verdict(vacancy=vacancy, candidate=candidate)
    match = existing or Match(vacancy_id=vacancy.pk, candidate_id=candidate.pk)
    from_status = existing.status if existing is not None else ""
    match.status = Match.Status.PROPOSED
    match.added_manually = True
    match.review_rank = position
    for field, value in verdict.items():
        setattr(match, field, value)
    match.save()
    _record_match_decision(match=match, actor=actor, action="add_manually", from_status=from_status, note=note)
    review_item_open(
        kind=ReviewItem.Kind.MATCHES, vacancy=vacancy, country=vacancy.country, sector=vacancy.sector, actor=actor
    )
    return match


@transaction.atomic
def matches_bulk_decide(
    *, vacancy: Any, actor: Any, match_ids: list[int], decision: str, reason_code: str = "", note: str = ""
) -> int:
    """Release or reject several proposed matches of one vacancy at once; all or nothing. Returns how many."""
    require(actor, "review.review_matches", vacancy)
    if decision not in ("release", "reject"):
        raise ValidationFailed(_("Bulk decision must be release or reject."), field="decision")
    ids = sorted({int(i) for i in match_ids})
    if not ids:
        raise ValidationFailed(_("Select at least one match."), field="match_ids")
    matches = list(Match.objects.filter(vacancy_id=vacancy.pk, pk__in=ids).order_by("pk"))
    if len(matches) != len(ids):
        raise ValidationFailed(_("Some selected matches do not belong to this vacancy."), field="match_ids")
    for match in matches:
        if decision == "release":
            match_release(match=match, actor=actor, note=note)
        else:
            match_reject(match=match, actor=actor, reason_code=reason_code, note=note)
    return len(matches)
