"""The lists people page through cost the same number of queries for 3 rows as for 15 (issue 14 measured the
vacancy list at 34 -> 304 queries from 10 to 100 rows, released candidates at 91 -> 605, the review matches page 152
for 73 rows). Each test also checks what the rows carry, so a prefetch that drops data fails too."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidates.models import CandidateLanguage
from core.models import AccessLog
from employers.models import VacancyLanguage, VacancySkill
from programmes.models import Credential
from taxonomy.models import Skill
from tests.employers.conftest import release
from tests.factories.candidates import CandidateProfileFactory
from tests.factories.employers import VacancyFactory
from tests.factories.programmes import ProgrammeFactory
from tests.factories.review import ProposedMatchFactory

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> tuple[int, object]:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(queries), response


def test_the_employers_vacancy_list_api_costs_the_same_for_3_or_15_vacancies(client_for, employer_member):
    skills = list(Skill.objects.order_by("pk")[:4])

    def add(n: int) -> None:
        for _ in range(n):
            vacancy = VacancyFactory(organisation=employer_member.organisation)
            for i, skill in enumerate(skills):
                VacancySkill.objects.create(vacancy=vacancy, skill=skill, is_essential=i < 3)
            VacancyLanguage.objects.create(vacancy=vacancy, code="de", min_level="B1")

    client = client_for(employer_member.user)
    add(3)
    few, _ = _queries(client, "/api/v1/vacancies/?page_size=100")
    add(12)
    many, response = _queries(client, "/api/v1/vacancies/?page_size=100")
    assert many == few
    rows = response.json()["results"]
    assert len(rows) == 15
    assert all(len(r["essential_skills"]) == 3 and len(r["optional_skills"]) == 1 for r in rows)
    assert all(r["languages"] == [{"code": "de", "min_level": "B1"}] for r in rows)
    labels = [s["preferred_label"] for s in rows[0]["essential_skills"]]
    assert labels == sorted(labels)


def test_released_candidates_cost_the_same_for_3_or_15_and_each_view_is_logged(client_for, employer_member, caseworker):
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    VacancyLanguage.objects.create(vacancy=vacancy, code="de", min_level="B1")
    programme = ProgrammeFactory()

    def add(n: int) -> None:
        for _ in range(n):
            profile = CandidateProfileFactory()
            CandidateLanguage.objects.create(profile=profile, code="de", level="B2")
            Credential.objects.create(candidate=profile, programme=programme, title="Pflegeassistenz")
            release(vacancy, profile, caseworker=caseworker)

    client = client_for(employer_member.user)
    url = f"/api/v1/vacancies/{vacancy.pk}/candidates/"
    add(3)
    few, _ = _queries(client, url)
    add(12)
    before = AccessLog.objects.filter(actor=employer_member.user).count()
    many, response = _queries(client, url)
    assert many == few
    rows = response.json()["results"]
    assert len(rows) == 15
    assert all(r["languages"][0]["code"] == "de" and r["languages"][0]["meets"] for r in rows)
    assert all(r["credentials"][0]["title"] == "Pflegeassistenz" for r in rows)
    assert all(r["shares_identity"] and r["name"] for r in rows)
    logged = AccessLog.objects.filter(actor=employer_member.user).count() - before
    assert logged == 30  # per candidate: the explanation and the identity shown
    page, _ = _queries(client, reverse("employers:vacancy_candidates", args=[vacancy.pk]))
    assert page <= few + 10


def test_the_caseworkers_matches_page_and_api_cost_the_same_for_3_or_15_matches(client_for, caseworker):
    vacancy = VacancyFactory()
    client = client_for(caseworker)
    page_url = reverse("review:vacancy_matches", args=[vacancy.pk])
    api_url = f"/api/v1/review/vacancies/{vacancy.pk}/matches/"
    for _ in range(3):
        ProposedMatchFactory(vacancy=vacancy)
    few_page, _ = _queries(client, page_url)
    few_api, _ = _queries(client, api_url)
    for _ in range(12):
        ProposedMatchFactory(vacancy=vacancy)
    before = AccessLog.objects.filter(actor=caseworker).count()
    many_page, response = _queries(client, page_url)
    assert AccessLog.objects.filter(actor=caseworker).count() - before == 15
    many_api, api = _queries(client, api_url)
    assert (many_page, many_api) == (few_page, few_api)
    assert response.content.decode().count('class="match"') >= 15
    assert len(api.json()) == 15 and all("Holds 2 of 3 essential skills" in m["summary"] for m in api.json())
