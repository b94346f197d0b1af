"""Writes to the caseworker queue. Other apps open items through `review_item_open`; the queue's own pages and API
work them (claim, release, decide), decide on proposed matches, and switch automated ranking off and on."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from core.audit import log_decision
from core.exceptions import Conflict, NotFound, PermissionDeniedError, ValidationFailed
from review.models import ReviewEvent, ReviewItem
from review.reasons import DECISION_REASONS, Decision, MatchRejectReason, ReasonCode

TARGET_FIELDS = ("candidate", "other_candidate", "document", "credential", "organisation", "fee_report", "vacancy")
ACTIVE_STATUSES = (ReviewItem.Status.OPEN, ReviewItem.Status.CLAIMED, ReviewItem.Status.ESCALATED)


def _actor_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _require_case_officer(actor: Any) -> None:
    if not getattr(actor, "is_authenticated", False) or not actor.is_case_officer:
        raise PermissionDeniedError("Only caseworkers and staff work the review queue.")


@transaction.atomic
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

    Idempotent: one open/claimed item per kind and target, so a re-submitted profile does not queue twice.
    """
    unknown = set(targets) - set(TARGET_FIELDS)
    if unknown:
        raise ValueError(f"unknown review targets: {sorted(unknown)}")
    existing = ReviewItem.objects.select_for_update().filter(kind=kind, status__in=ACTIVE_STATUSES, **targets).first()
    if existing is not None:
        return existing
    item = ReviewItem.objects.create(
        kind=kind, priority=priority, country=country, sector=sector, programme=programme, **targets
    )
    ReviewEvent.objects.create(item=item, actor=_actor_or_none(actor), action="opened")
    return item


# --- claiming -------------------------------------------------------------------------------------------------------


def review_item_claim_next(*, actor: Any, queryset: QuerySet[ReviewItem] | None = None) -> ReviewItem | None:
    """Hand the next open item (highest priority, then oldest) to `actor`, or return None when nothing is left.

    Safe under concurrency: candidate rows are locked with SKIP LOCKED so parallel claimers look at different rows,
    and the claim itself is a conditional UPDATE (status still open, no assignee) so a row can be won only once.
    `queryset` narrows the pool (the queue's filters); it must be a plain ReviewItem queryset.
    """
    _require_case_officer(actor)
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
    _require_case_officer(actor)
    allowed = [ReviewItem.Status.OPEN]
    if actor.is_staff_role:
        allowed.append(ReviewItem.Status.ESCALATED)
    now = timezone.now()
    won = ReviewItem.objects.filter(pk=item.pk, status__in=allowed, assignee__isnull=True).update(
        status=ReviewItem.Status.CLAIMED, assignee=actor, claimed_at=now, updated_at=now
    )
    if won != 1:
        current = ReviewItem.objects.get(pk=item.pk)
        if current.assignee_id == actor.pk and current.status == ReviewItem.Status.CLAIMED:
            return current
        raise Conflict("This item is already claimed by someone else or no longer open.")
    ReviewEvent.objects.create(item_id=item.pk, actor=actor, action="claimed")
    return ReviewItem.objects.get(pk=item.pk)


@transaction.atomic
def review_item_release(*, item: ReviewItem, actor: Any) -> ReviewItem:
    """Give a claimed item back to the queue. The assignee (or staff) may release it."""
    _require_case_officer(actor)
    current = ReviewItem.objects.select_for_update().get(pk=item.pk)
    if current.status != ReviewItem.Status.CLAIMED:
        raise Conflict("Only a claimed item can be released.")
    if current.assignee_id != actor.pk and not actor.is_staff_role:
        raise PermissionDeniedError("This item is claimed by another caseworker.")
    current.status = ReviewItem.Status.OPEN
    current.assignee = None
    current.claimed_at = None
    current.save(update_fields=["status", "assignee", "claimed_at", "updated_at"])
    ReviewEvent.objects.create(item=current, actor=actor, action="released")
    return current


# --- deciding on items ----------------------------------------------------------------------------------------------


def _check_reason(decision: str, reason_code: str, note: str) -> None:
    if decision not in DECISION_REASONS:
        raise ValidationFailed("Unknown decision.", field="decision")
    if reason_code not in DECISION_REASONS[decision]:
        raise ValidationFailed("Choose a reason that fits the decision.", field="reason_code")
    if reason_code == "other" and not note.strip():
        raise ValidationFailed("Explain the reason in the note.", field="note")


def _apply_profile_decision(item: ReviewItem, decision: str, note: str) -> None:
    from candidates.models import CandidateProfile

    profile = item.candidate
    if profile is None:
        return
    if decision == Decision.APPROVE:
        CandidateProfile.objects.filter(pk=profile.pk).update(status=CandidateProfile.Status.VERIFIED, review_note="")
    elif decision in (Decision.REJECT, Decision.REQUEST_CHANGES):
        CandidateProfile.objects.filter(pk=profile.pk).update(
            status=CandidateProfile.Status.CHANGES_REQUESTED, review_note=note
        )


def _apply_document_decision(item: ReviewItem, decision: str, note: str) -> None:
    from candidates.models import CandidateProfile

    # A rejected or unclear document sends the profile back to the candidate with the caseworker's note.
    if item.candidate_id and decision in (Decision.REJECT, Decision.REQUEST_CHANGES):
        CandidateProfile.objects.filter(pk=item.candidate_id).update(
            status=CandidateProfile.Status.CHANGES_REQUESTED, review_note=note
        )


def _apply_credential_decision(item: ReviewItem, decision: str, actor: Any, reason_text: str) -> None:
    from programmes.services import credential_reject, credential_verify

    if item.credential is None:
        return
    if decision == Decision.APPROVE:
        credential_verify(credential=item.credential, actor=actor)
    elif decision == Decision.REJECT:
        credential_reject(credential=item.credential, actor=actor, reason=reason_text)


def _apply_organisation_decision(item: ReviewItem, decision: str, actor: Any, reason_text: str) -> None:
    from employers.models import Organisation
    from employers.services import organisation_reject, organisation_suspend, organisation_vet

    organisation = item.organisation
    if organisation is None:
        return
    if decision == Decision.APPROVE:
        organisation_vet(organisation=organisation, actor=actor)
    elif decision == Decision.REJECT:
        if organisation.status == Organisation.Status.VETTED:
            organisation_suspend(organisation=organisation, actor=actor, reason=reason_text)
        else:
            organisation_reject(organisation=organisation, actor=actor, reason=reason_text)


def _apply_fee_report_decision(item: ReviewItem, decision: str, actor: Any, reason_text: str) -> None:
    from employers.services import organisation_suspend

    # Charging candidates a recruitment fee breaks the ILO fair-recruitment pledge: an upheld report suspends.
    if decision == Decision.APPROVE and item.fee_report is not None:
        organisation_suspend(organisation=item.fee_report.organisation, actor=actor, reason=reason_text)


@transaction.atomic
def review_item_decide(*, item: ReviewItem, actor: Any, decision: str, reason_code: str, note: str = "") -> ReviewItem:
    """Approve, reject, request changes or escalate a claimed item, with a reason code and note.

    Preconditions: `actor` holds the claim (staff may decide any active item). Side effects by kind: profiles change
    status; credentials and organisations go through the programmes and employers services; an upheld fee report
    suspends the organisation. Proposed matches are decided one by one on the vacancy's page, not here.
    Records a ReviewEvent and a DecisionLog row.
    """
    _require_case_officer(actor)
    note = (note or "").strip()
    _check_reason(decision, reason_code, note)
    current = ReviewItem.objects.select_for_update().get(pk=item.pk)
    if current.status not in ACTIVE_STATUSES:
        raise Conflict("This item has already been decided.")
    if not actor.is_staff_role and not (
        current.status == ReviewItem.Status.CLAIMED and current.assignee_id == actor.pk
    ):
        raise Conflict("Claim the item before deciding on it.")
    if current.kind == ReviewItem.Kind.MATCHES and decision != Decision.ESCALATE:
        raise ValidationFailed(
            "Decide on proposed matches one by one or in bulk on the vacancy's page.", field="decision"
        )
    if current.kind == ReviewItem.Kind.PROFILE and decision == Decision.REQUEST_CHANGES and not note:
        raise ValidationFailed("Tell the candidate what to change in the note.", field="note")

    reason_text = note or str(ReasonCode(reason_code).label)
    if current.kind == ReviewItem.Kind.PROFILE:
        _apply_profile_decision(current, decision, note)
    elif current.kind == ReviewItem.Kind.DOCUMENT:
        _apply_document_decision(current, decision, note)
    elif current.kind == ReviewItem.Kind.CREDENTIAL:
        _apply_credential_decision(current, decision, actor, reason_text)
    elif current.kind == ReviewItem.Kind.ORGANISATION:
        _apply_organisation_decision(current, decision, actor, reason_text)
    elif current.kind == ReviewItem.Kind.FEE_REPORT:
        _apply_fee_report_decision(current, decision, actor, reason_text)

    now = timezone.now()
    if decision == Decision.ESCALATE:
        current.status = ReviewItem.Status.ESCALATED
        current.assignee = None
        current.claimed_at = None
        current.priority = 1
    else:
        current.status = ReviewItem.Status.DONE
        current.decided_at = now
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


# --- proposed matches -----------------------------------------------------------------------------------------------


def _notify_candidate_put_forward(match_id: int) -> None:
    from review.tasks import notify_candidate_put_forward

    notify_candidate_put_forward.delay(match_id)


def _record_match_decision(
    *, match: Any, actor: Any, action: str, from_status: str, reason_code: str = "", note: str = ""
) -> None:
    from matching.models import MatchDecision

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


def _lock_match(match: Any, actor: Any) -> Any:
    from matching.models import Match

    try:
        locked = Match.objects.select_for_update().get(pk=match.pk)
    except Match.DoesNotExist as exc:
        raise NotFound("This match no longer exists.") from exc
    _check_vacancy_not_claimed_by_other(vacancy_id=locked.vacancy_id, actor=actor)
    return locked


def _check_vacancy_not_claimed_by_other(*, vacancy_id: int, actor: Any) -> None:
    """A vacancy's proposed matches are worked by whoever claimed its queue item (staff may step in)."""
    if actor.is_staff_role:
        return
    if (
        ReviewItem.objects.filter(kind=ReviewItem.Kind.MATCHES, vacancy_id=vacancy_id, status=ReviewItem.Status.CLAIMED)
        .exclude(assignee=actor)
        .exists()
    ):
        raise Conflict("Another caseworker has claimed this vacancy's matches.")


def close_vacancy_item_if_done(*, vacancy_id: int, actor: Any) -> None:
    """The vacancy's queue item is decided once no proposed match is left on it."""
    from matching.models import Match

    if Match.objects.filter(vacancy_id=vacancy_id, status=Match.Status.PROPOSED).exists():
        return
    now = timezone.now()
    for item in ReviewItem.objects.select_for_update().filter(
        kind=ReviewItem.Kind.MATCHES, vacancy_id=vacancy_id, status__in=ACTIVE_STATUSES
    ):
        item.status = ReviewItem.Status.DONE
        item.decided_at = now
        item.save(update_fields=["status", "decided_at", "updated_at"])
        ReviewEvent.objects.create(item=item, actor=_actor_or_none(actor), action="all_matches_decided")


@transaction.atomic
def match_release(*, match: Any, actor: Any, note: str = "") -> Any:
    """Approve a proposed match: PROPOSED → RELEASED, so the employer sees the candidate.

    Writes the approval record every employer-facing read requires (MatchDecision action "release") and a
    DecisionLog row; after commit the candidate is told by e-mail that they were put forward.
    """
    _require_case_officer(actor)
    from matching.models import Match

    locked = _lock_match(match, actor)
    if locked.status != Match.Status.PROPOSED:
        raise Conflict("Only a proposed match can be released.")
    if not locked.eligible or locked.failed_rules:
        raise Conflict("This candidate does not meet the vacancy's hard rules and cannot be released.")
    if not _candidate_shares_with_employers(locked.candidate):
        raise Conflict("The candidate has not agreed to be shown to employers.")
    from_status = locked.status
    locked.status = Match.Status.RELEASED
    locked.released_at = timezone.now()
    locked.released_by = actor
    locked.save(update_fields=["status", "released_at", "released_by", "updated_at"])
    _record_match_decision(match=locked, actor=actor, action="release", from_status=from_status, note=note.strip())
    close_vacancy_item_if_done(vacancy_id=locked.vacancy_id, actor=actor)
    match_id = locked.pk
    transaction.on_commit(lambda: _notify_candidate_put_forward(match_id))
    return locked


def _candidate_shares_with_employers(profile: Any) -> bool:
    from candidates.models import Consent
    from candidates.selectors import has_active_consent

    return bool(has_active_consent(profile, Consent.Purpose.SHARE_WITH_EMPLOYERS))


@transaction.atomic
def match_reject(*, match: Any, actor: Any, reason_code: str, note: str = "") -> Any:
    """Reject a proposed match with a reason: PROPOSED → REJECTED. The employer never sees it."""
    _require_case_officer(actor)
    from matching.models import Match

    note = (note or "").strip()
    if reason_code not in MatchRejectReason.values:
        raise ValidationFailed("Choose a reason for the rejection.", field="reason_code")
    if reason_code == MatchRejectReason.OTHER and not note:
        raise ValidationFailed("Explain the reason in the note.", field="note")
    locked = _lock_match(match, actor)
    if locked.status != Match.Status.PROPOSED:
        raise Conflict("Only a proposed match can be rejected.")
    from_status = locked.status
    locked.status = Match.Status.REJECTED
    locked.save(update_fields=["status", "updated_at"])
    _record_match_decision(
        match=locked, actor=actor, action="reject", from_status=from_status, reason_code=reason_code, note=note
    )
    close_vacancy_item_if_done(vacancy_id=locked.vacancy_id, actor=actor)
    return locked


def review_order(matches: Iterable[Any]) -> list[Any]:
    """The order a caseworker sees: their own order first (review_rank), then the engine's rank, then by id."""
    big = 10**9
    return sorted(
        matches,
        key=lambda m: (
            m.review_rank if m.review_rank is not None else big,
            m.rank if m.rank is not None else big,
            m.pk,
        ),
    )


def _proposed_for_update(vacancy_id: int) -> list[Any]:
    from matching.models import Match

    return review_order(Match.objects.select_for_update().filter(vacancy_id=vacancy_id, status=Match.Status.PROPOSED))


def _write_review_ranks(ordered: list[Any]) -> None:
    from matching.models import Match

    for position, match in enumerate(ordered, start=1):
        if match.review_rank != position:
            Match.objects.filter(pk=match.pk).update(review_rank=position)
            match.review_rank = position


@transaction.atomic
def match_move(*, match: Any, actor: Any, direction: str) -> Any:
    """Move a proposed match one place up or down in the caseworker's order (review_rank), logged."""
    _require_case_officer(actor)
    if direction not in ("up", "down"):
        raise ValidationFailed("Direction must be up or down.", field="direction")
    _check_vacancy_not_claimed_by_other(vacancy_id=match.vacancy_id, actor=actor)
    ordered = _proposed_for_update(match.vacancy_id)
    index = next((i for i, m in enumerate(ordered) if m.pk == match.pk), None)
    if index is None:
        raise Conflict("Only proposed matches can be reordered.")
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    _write_review_ranks(ordered)
    log_decision(actor=actor, subject_type="match", subject_id=match.pk, action=f"move_{direction}")
    return ordered[other if 0 <= other < len(ordered) else index]


@transaction.atomic
def matches_set_ranking_aside(*, vacancy: Any, actor: Any, note: str = "") -> list[Any]:
    """Ignore the engine's scores: order the vacancy's proposed matches by pseudonym (an order that says nothing about
    fit), so the caseworker judges each profile on its own. Logged as a human-oversight decision."""
    _require_case_officer(actor)
    from matching.models import Match

    ordered = sorted(
        Match.objects.select_for_update()
        .select_related("candidate")
        .filter(vacancy_id=vacancy.pk, status=Match.Status.PROPOSED),
        key=lambda m: str(m.candidate.pseudonym),
    )
    _write_review_ranks(ordered)
    log_decision(actor=actor, subject_type="vacancy", subject_id=vacancy.pk, action="ranking_set_aside", note=note)
    return ordered


@transaction.atomic
def match_add_manually(*, vacancy: Any, candidate: Any, actor: Any, note: str = "") -> Any:
    """Propose a candidate for a vacancy by hand. The match joins the end of the caseworker's order.

    A candidate who withdrew matching consent cannot be added; a candidate rejected earlier can be proposed again.
    """
    _require_case_officer(actor)
    from candidates.models import Consent
    from candidates.selectors import has_active_consent
    from matching.models import Match

    note = (note or "").strip()
    if not note:
        raise ValidationFailed("Say why you add this candidate by hand.", field="note")
    if not has_active_consent(candidate, Consent.Purpose.MATCHING):
        raise Conflict("This candidate has not agreed to be matched with vacancies.")
    ordered = _proposed_for_update(vacancy.pk)
    existing = Match.objects.select_for_update().filter(vacancy_id=vacancy.pk, candidate_id=candidate.pk).first()
    if existing is not None and existing.status not in (
        Match.Status.REJECTED,
        Match.Status.WITHDRAWN,
        Match.Status.INELIGIBLE,
    ):
        raise Conflict("This candidate is already on the list for this vacancy.")
    position = len(ordered) + 1
    if existing is None:
        match = Match.objects.create(
            vacancy_id=vacancy.pk,
            candidate_id=candidate.pk,
            status=Match.Status.PROPOSED,
            added_manually=True,
            review_rank=position,
            eligible=True,
            explanation={"added_manually": True},
        )
        from_status = ""
    else:
        from_status = existing.status
        existing.status = Match.Status.PROPOSED
        existing.added_manually = True
        existing.review_rank = position
        existing.eligible = True
        existing.failed_rules = []
        existing.save()
        match = existing
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
    _require_case_officer(actor)
    from matching.models import Match

    if decision not in ("release", "reject"):
        raise ValidationFailed("Bulk decision must be release or reject.", field="decision")
    ids = sorted({int(i) for i in match_ids})
    if not ids:
        raise ValidationFailed("Select at least one match.", field="match_ids")
    matches = list(Match.objects.filter(vacancy_id=vacancy.pk, pk__in=ids).order_by("pk"))
    if len(matches) != len(ids):
        raise ValidationFailed("Some selected matches do not belong to this vacancy.", field="match_ids")
    for match in matches:
        if decision == "release":
            match_release(match=match, actor=actor, note=note)
        else:
            match_reject(match=match, actor=actor, reason_code=reason_code, note=note)
    return len(matches)


# --- oversight switch -----------------------------------------------------------------------------------------------


@transaction.atomic
def oversight_pause(*, actor: Any, country: str, reason: str) -> Any:
    """Stop automated ranking for the whole service (country "") or one destination country (AI Act 'stop').

    Match runs are not created while a pause covers them (the matching engine checks OversightPause); queues and
    manual lists keep working. Logged in the decision log.
    """
    from matching.models import OversightPause

    if not getattr(actor, "is_authenticated", False) or not actor.is_staff_role:
        raise PermissionDeniedError("Only staff can pause automated ranking.")
    country = (country or "").strip().upper()
    reason = (reason or "").strip()
    if country and (len(country) != 2 or not country.isalpha()):
        raise ValidationFailed(
            "Country must be a two-letter ISO code, or empty for the whole service.", field="country"
        )
    if not reason:
        raise ValidationFailed("Give the reason for the pause.", field="reason")
    if OversightPause.objects.select_for_update().filter(country=country, lifted_at__isnull=True).exists():
        raise Conflict("Automated ranking is already paused there.")
    pause = OversightPause.objects.create(country=country, reason=reason, paused_by=actor)
    log_decision(
        actor=actor,
        subject_type="oversight_pause",
        subject_id=pause.pk,
        action="pause",
        note=f"{country or 'ALL'}: {reason}",
    )
    return pause


@transaction.atomic
def oversight_resume(*, actor: Any, pause: Any, note: str = "") -> Any:
    """Lift a pause: automated ranking resumes there. Logged in the decision log."""
    from matching.models import OversightPause

    if not getattr(actor, "is_authenticated", False) or not actor.is_staff_role:
        raise PermissionDeniedError("Only staff can resume automated ranking.")
    lifted = OversightPause.objects.filter(pk=pause.pk, lifted_at__isnull=True).update(
        lifted_at=timezone.now(), lifted_by=actor
    )
    if lifted != 1:
        raise Conflict("This pause has already been lifted.")
    log_decision(actor=actor, subject_type="oversight_pause", subject_id=pause.pk, action="resume", note=note.strip())
    return OversightPause.objects.get(pk=pause.pk)
