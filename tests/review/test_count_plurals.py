"""Counts read as a person writes them: "1 released candidate", never "1 matches" or "1 years" (issue 11)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from candidates.models import CandidateSkill
from review import services
from review.models import ReviewItem
from tests.employers.conftest import release
from tests.factories.employers import VacancyFactory
from tests.factories.review import ProposedMatchFactory

pytestmark = pytest.mark.django_db


def test_employer_dashboard_counts_one_released_candidate_in_the_singular(client_for, employer_member, candidate):
    vacancy = VacancyFactory(organisation=employer_member.organisation, status="published")
    release(vacancy, candidate)
    html = client_for(employer_member.user).get("/employers/dashboard/").content.decode()
    assert "1 released candidate to look at" in html and "candidate(s)" not in html
    client = client_for(employer_member.user)
    client.cookies["django_language"] = "fr"
    assert "1 candidat transmis à examiner" in client.get("/employers/dashboard/").content.decode()


def test_bulk_decision_on_one_match_says_one_match(client_for, caseworker, employer_member):
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    match = ProposedMatchFactory(vacancy=vacancy, rank=1, score=0.9)
    services.review_item_open(kind=ReviewItem.Kind.MATCHES, vacancy=vacancy, country="DE", sector="Q")
    response = client_for(caseworker).post(
        reverse("review:matches_bulk", args=[vacancy.pk]),
        {"match_ids": [match.pk], "decision": "reject", "reason_code": "skills_mismatch", "note": "Not now"},
        follow=True,
    )
    html = response.content.decode()
    assert "Decision recorded for 1 match." in html and "1 matches" not in html


def test_caseworker_profile_says_one_year_of_practice(client_for, caseworker, candidate):
    CandidateSkill.objects.create(profile=candidate, label="Knitting", years=1)
    item = services.review_item_open(kind=ReviewItem.Kind.PROFILE, candidate=candidate, country="TN")
    html = client_for(caseworker).get(reverse("review:item", args=[item.pk])).content.decode()
    assert "Knitting · 1 year " in html and "1 years" not in html
