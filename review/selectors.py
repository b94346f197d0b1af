"""Role-scoped reads of the review queue, the proposed matches of a vacancy, the logs and the fairness counts."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any, Literal

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from candidates.models import CandidateProfile, Consent
from candidates.searching import pseudonym_prefix, search_key
from core.models import AccessLog
from employers.models import Vacancy
from matching.models import Match, MatchDecision, OversightPause
from programmes.models import Credential
from review.models import ReviewItem
from taxonomy.models import OccupationLabel


def _may_review(viewer: Any) -> bool:
    return bool(viewer is not None and viewer.has_perm("review.use_review_area"))


def review_order(matches: Iterable[Match]) -> list[Match]:
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


def review_items_for(*, viewer: Any) -> QuerySet[ReviewItem]:
    """Every queue item a caseworker or staff member may see (one shared queue); nothing for other roles."""
    if not _may_review(viewer):
        return ReviewItem.objects.none()
    return ReviewItem.objects.select_related(
        "assignee",
        "programme",
        "candidate",
        "organisation",
        "vacancy__organisation",
        "credential",
        "fee_report",
    )


def overdue_cutoff() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=settings.REVIEW_OVERDUE_DAYS)


def is_overdue(item: ReviewItem) -> bool:
    return item.status in (ReviewItem.Status.OPEN, ReviewItem.Status.CLAIMED, ReviewItem.Status.ESCALATED) and (
        item.created_at < overdue_cutoff()
    )


def queue_counts(*, viewer: Any) -> dict[str, int]:
    items = review_items_for(viewer=viewer)
    active = items.filter(status__in=[ReviewItem.Status.OPEN, ReviewItem.Status.CLAIMED, ReviewItem.Status.ESCALATED])
    return active.aggregate(
        open=Count("pk", filter=Q(status=ReviewItem.Status.OPEN)),
        mine=Count("pk", filter=Q(status=ReviewItem.Status.CLAIMED, assignee=viewer)),
        escalated=Count("pk", filter=Q(status=ReviewItem.Status.ESCALATED)),
        overdue=Count("pk", filter=Q(created_at__lt=overdue_cutoff())),
    )


def proposed_matches_for(*, viewer: Any, vacancy: Any) -> list[Any]:
    """The vacancy's matches a caseworker reviews, in review order: proposed ones first (caseworker's order, then the
    engine's rank), followed by the ones already decided (so employer decisions flow back onto the page)."""
    if not _may_review(viewer):
        return []
    matches = list(
        Match.objects.filter(vacancy=vacancy)
        .exclude(status=Match.Status.INELIGIBLE)
        .select_related("candidate", "released_by")
        .prefetch_related("decisions__actor")
    )
    proposed = review_order([m for m in matches if m.status == Match.Status.PROPOSED])
    decided = sorted((m for m in matches if m.status != Match.Status.PROPOSED), key=lambda m: (m.status, m.pk))
    return proposed + decided


EXCLUDED_SHOWN = 100


def excluded_matches_for(*, viewer: Any, vacancy: Any) -> list[Match]:
    """The candidates the engine found but a hard rule excluded, with the rules that did (so "why was she not
    proposed?" has an answer). Best engine score first, at most EXCLUDED_SHOWN. One query."""
    if not _may_review(viewer):
        return []
    return list(
        Match.objects.filter(vacancy=vacancy, status=Match.Status.INELIGIBLE)
        .select_related("candidate")
        .order_by("-score", "pk")[:EXCLUDED_SHOWN]
    )


def vacancies_for_review(*, viewer: Any) -> QuerySet[Any]:
    if not _may_review(viewer):
        return Vacancy.objects.none()
    return Vacancy.objects.select_related("organisation")


def candidates_for_manual_add(*, viewer: Any, vacancy: Any, query: str = "") -> QuerySet[Any]:
    """Candidates a caseworker may add by hand: consented to matching, not already proposed or decided here."""
    if not _may_review(viewer):
        return CandidateProfile.objects.none()
    consent = Consent.objects.filter(
        profile=OuterRef("pk"), purpose=Consent.Purpose.MATCHING, withdrawn_at__isnull=True
    )
    active = Match.objects.filter(vacancy=vacancy, candidate=OuterRef("pk")).exclude(
        status__in=[Match.Status.REJECTED, Match.Status.WITHDRAWN, Match.Status.INELIGIBLE]
    )
    qs = CandidateProfile.objects.filter(Exists(consent)).exclude(Exists(active)).order_by("pseudonym")
    query = (query or "").strip()
    if query:
        qs = qs.filter(_manual_add_search(query))
    return qs


def _manual_add_search(query: str) -> Q:
    """Headline, titles and desired occupations compared without case or accents ("receptionniste" finds
    "Réceptionniste"); the occupations held or sought by their ESCO labels in every language ("receptionist" finds
    whoever sought "Réceptionniste" linked to ESCO); the candidate code shown on the page; the profile number."""
    key = search_key(query)
    filters = (
        Q(headline__icontains=query)
        | Q(current_title__icontains=query)
        | Q(current_occupation__preferred_label__icontains=query)
    )
    if key:
        labelled = OccupationLabel.objects.filter(normalized__contains=key).values("occupation_id")
        filters |= (
            Q(search_text__contains=key)
            | Q(current_occupation__in=labelled)
            | Q(
                pk__in=CandidateProfile.desired_occupations.through.objects.filter(occupation__in=labelled).values(
                    "candidateprofile_id"
                )
            )
        )
    prefix = pseudonym_prefix(query)
    if prefix:
        filters |= Q(pseudonym__range=(uuid.UUID(prefix + "0" * 24), uuid.UUID(prefix + "f" * 24)))
    digits = query.lstrip("#")
    if digits.isdigit() and len(digits) < 15:
        filters |= Q(pk=int(digits))
    return filters


def access_log_for(*, viewer: Any) -> QuerySet[AccessLog]:
    """The access log, read-only, for staff only."""
    if viewer is None or not viewer.has_perm("review.view_accesslog"):
        return AccessLog.objects.none()
    return AccessLog.objects.select_related("actor").order_by("-created_at", "-pk")


def oversight_pauses_for(*, viewer: Any) -> QuerySet[Any]:
    if viewer is None or not viewer.has_perm("review.pause_ranking"):
        return OversightPause.objects.none()
    return OversightPause.objects.select_related("paused_by", "lifted_by").order_by("-paused_at")


def ranking_paused_for(*, country: str) -> bool:
    """True while an active pause covers the whole service or `country`."""
    return OversightPause.objects.filter(Q(country="") | Q(country=country), lifted_at__isnull=True).exists()


# --- fairness -------------------------------------------------------------------------------------------------------

REACHED_SHORTLIST = ("shortlisted", "interview", "hired")
_STAGES: tuple[Literal["proposed", "released", "shortlisted", "hired"], ...] = (
    "proposed",
    "released",
    "shortlisted",
    "hired",
)


def fairness_counts(
    *, viewer: Any, date_from: dt.date | None = None, date_to: dt.date | None = None, programme: Any = None
) -> dict[str, dict[str, dict[str, int]]]:
    """How many matches reached each stage, by candidate nationality and by gender (where given). One query.

    A match counts at a stage if it ever got there (a hire later declined still counts as shortlisted): the
    decisions on the match are the evidence, the current status a fallback.
    """
    empty: dict[str, dict[str, dict[str, int]]] = {"nationality": {}, "gender": {}}
    if not _may_review(viewer):
        return empty
    decisions = MatchDecision.objects.filter(match=OuterRef("pk"))
    qs = Match.objects.exclude(status=Match.Status.INELIGIBLE)
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    if programme is not None:
        credential = Credential.objects.filter(candidate=OuterRef("candidate"), programme=programme)
        qs = qs.filter(Q(vacancy__programme=programme) | Exists(credential))
    qs = qs.annotate(
        was_released=Exists(decisions.filter(action="release")),
        was_shortlisted=Exists(decisions.filter(to_status__in=REACHED_SHORTLIST)),
        was_hired=Exists(decisions.filter(to_status="hired")),
    )
    rows = (
        qs.values("candidate__nationality", "candidate__gender")
        .annotate(
            proposed=Count("pk"),
            released=Count(
                "pk", filter=Q(was_released=True) | Q(status__in=("released", "declined", *REACHED_SHORTLIST))
            ),
            shortlisted=Count("pk", filter=Q(was_shortlisted=True) | Q(status__in=REACHED_SHORTLIST)),
            hired=Count("pk", filter=Q(was_hired=True) | Q(status="hired")),
        )
        .order_by()
    )
    result = empty
    for row in rows:
        nationality = row["candidate__nationality"] or "??"
        gender = row["candidate__gender"]
        for dimension, group in (("nationality", nationality), ("gender", gender)):
            if dimension == "gender" and gender in ("", "undisclosed", None):
                continue
            bucket = result[dimension].setdefault(group, {"proposed": 0, "released": 0, "shortlisted": 0, "hired": 0})
            for stage in _STAGES:
                bucket[stage] += row[stage]
    return result
