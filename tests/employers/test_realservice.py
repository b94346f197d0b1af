"""The employer's view of matches and the scheme quota on a real PostgreSQL (second pass)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from core.exceptions import Conflict
from employers import services
from employers.selectors import released_matches, vacancy_stage_counts
from matching.models import Match
from programmes.models import SchemeQuota
from tests.employers.conftest import release
from tests.factories.candidates import CandidateProfileFactory
from tests.factories.employers import VacancyFactory
from tests.factories.programmes import LegalSchemeFactory

pytestmark = [pytest.mark.realservice, pytest.mark.django_db]


def test_released_matches_and_stage_counts_on_postgres(employer_member, other_employer_member, caseworker):
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    Match.objects.create(vacancy=vacancy, candidate=CandidateProfileFactory(), status=Match.Status.PROPOSED)
    shown = release(vacancy, CandidateProfileFactory(), caseworker=caseworker, status="shortlisted")
    Match.objects.create(
        vacancy=vacancy, candidate=CandidateProfileFactory(), status=Match.Status.RELEASED
    )  # no release record
    assert list(released_matches(viewer=employer_member.user, vacancy=vacancy)) == [shown]
    assert list(released_matches(viewer=other_employer_member.user, vacancy=vacancy)) == []
    counts = vacancy_stage_counts(vacancies=[vacancy])[vacancy.pk]
    assert (counts["proposed"], counts["released"], counts["shortlisted"]) == (1, 1, 1)


def test_hire_beyond_quota_is_refused_on_postgres(employer_member, caseworker, matching_hooks):
    scheme = LegalSchemeFactory(destination_country="DE")
    SchemeQuota.objects.create(scheme=scheme, year=timezone.localdate().year, nationality="", quota=1)
    vacancy = VacancyFactory(organisation=employer_member.organisation, scheme=scheme, positions=3)
    first = release(vacancy, CandidateProfileFactory(), caseworker=caseworker)
    second = release(vacancy, CandidateProfileFactory(), caseworker=caseworker)
    services.match_employer_decide(
        match=first, actor=employer_member.user, decision="hire", reason_code="offer_accepted"
    )
    with pytest.raises(Conflict):
        services.match_employer_decide(
            match=second, actor=employer_member.user, decision="hire", reason_code="offer_accepted"
        )
    assert SchemeQuota.objects.get(scheme=scheme).used == 1
