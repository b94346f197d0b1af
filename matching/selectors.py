"""Role-scoped reads of matches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from matching.models import Match

if TYPE_CHECKING:
    from candidates.models import CandidateProfile
    from employers.models import Vacancy

HIDDEN_FROM_CANDIDATE = (Match.Status.INELIGIBLE, Match.Status.WITHDRAWN, Match.Status.REJECTED)


def vacancies_for_candidate(profile: CandidateProfile) -> QuerySet[Match]:
    """'Vacancies for me': the candidate's own eligible matches on published vacancies, best first."""
    return (
        Match.objects.filter(candidate=profile, eligible=True, vacancy__status="published")
        .exclude(status__in=HIDDEN_FROM_CANDIDATE)
        .select_related("vacancy", "vacancy__organisation", "vacancy__occupation")
        .order_by("-score", "vacancy_id")
    )


def matches_for_vacancy(*, vacancy: Vacancy, include_ineligible: bool = False) -> QuerySet[Match]:
    qs = Match.objects.filter(vacancy=vacancy).select_related("candidate")
    if not include_ineligible:
        qs = qs.filter(eligible=True)
    return qs.order_by("rank", "id")
