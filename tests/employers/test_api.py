"""The employers API: own organisation, vacancy CRUD and publishing, released candidates and decisions."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from core.models import AccessLog
from employers.models import Organisation, Vacancy
from matching.models import Match
from tests.employers.conftest import release
from tests.factories.employers import VacancyFactory

pytestmark = pytest.mark.django_db


def api(user):  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(user)
    return client


def vacancy_body(nurse, **overrides):  # type: ignore[no-untyped-def]
    today = dt.date.today()
    body = {
        "title": "Nurse, geriatric ward",
        "occupation": nurse.uri,
        "country": "DE",
        "city": "Köln",
        "positions": 2,
        "contract_type": "permanent",
        "start_date": (today + dt.timedelta(days=90)).isoformat(),
        "expires_on": (today + dt.timedelta(days=40)).isoformat(),
        "pay_min": "3000.00",
        "pay_max": "3500.00",
        "pay_currency": "EUR",
        "pay_period": "month",
        "languages": [{"code": "de", "min_level": "B1"}],
    }
    body.update(overrides)
    return body


def test_member_sees_only_own_organisation(employer_member, other_employer_member):
    response = api(employer_member.user).get("/api/v1/organisations/")
    assert response.status_code == 200
    assert [row["legal_name"] for row in response.json()["results"]] == ["Klinikum Nord GmbH"]
    assert (
        api(employer_member.user).get(f"/api/v1/organisations/{other_employer_member.organisation_id}/").status_code
        == 404
    )


def test_create_prefills_esco_skills_and_publish(employer_member, nurse, matching_hooks):
    client = api(employer_member.user)
    response = client.post("/api/v1/vacancies/", vacancy_body(nurse), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft" and body["requires_recognition"] is True
    assert len(body["essential_skills"]) == 10  # ESCO's short list for the occupation, not its 88
    published = client.post(f"/api/v1/vacancies/{body['id']}/publish/")
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert matching_hooks.changed == [body["id"]]


def test_publish_invalid_vacancy_gives_field_errors(employer_member, nurse, matching_hooks):
    client = api(employer_member.user)
    created = client.post(
        "/api/v1/vacancies/", vacancy_body(nurse, pay_min=None, pay_max=None, expires_on=None), format="json"
    )
    response = client.post(f"/api/v1/vacancies/{created.json()['id']}/publish/")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert {"pay_min", "pay_max", "expires_on"} <= set(fields)
    assert Vacancy.objects.get(pk=created.json()["id"]).status == Vacancy.Status.DRAFT


def test_suspended_org_cannot_publish_via_api(employer_member, nurse, matching_hooks):
    Organisation.objects.filter(pk=employer_member.organisation_id).update(status=Organisation.Status.SUSPENDED)
    vacancy = VacancyFactory(organisation=employer_member.organisation, occupation=nurse, status=Vacancy.Status.DRAFT)
    response = api(employer_member.user).post(f"/api/v1/vacancies/{vacancy.pk}/publish/")
    assert response.status_code == 403
    assert "suspended" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    "bad",
    [
        {"pay_min": "5000", "pay_max": "10"},
        {"positions": 0},
        {"positions": 10**30},
        {"pay_min": "1e400"},
        {"occupation": "http://nope"},
        {"essential_skills": ["x"]},
        {"country": "ZZ"},
        {"start_date": "tomorrow"},
        {"programme": 10**20},
        {"languages": [{"code": "xx", "min_level": "Z9"}]},
        {"title": ""},
        {"title": 0},
        {"positions": "3"},
        {"start_date": 5},
        {"pay_min": 3000},
        {"accepts_recognition_pending": "yes"},
        {"country": 1},
        {"essential_skills": "not a list"},
        {"languages": "de"},
    ],
)
def test_bad_input_is_400_never_500(employer_member, nurse, bad):
    response = api(employer_member.user).post("/api/v1/vacancies/", vacancy_body(nurse, **bad), format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]


def test_other_employer_gets_404_everywhere(
    employer_member, other_employer_member, candidate, caseworker, matching_hooks
):
    draft = VacancyFactory(organisation=employer_member.organisation, status=Vacancy.Status.DRAFT)
    published = VacancyFactory(organisation=employer_member.organisation)
    match = release(published, candidate, caseworker=caseworker)
    client = api(other_employer_member.user)
    assert client.get("/api/v1/vacancies/").json()["results"] == []
    for vacancy in (draft, published):
        assert client.get(f"/api/v1/vacancies/{vacancy.pk}/").status_code == 404
        assert client.patch(f"/api/v1/vacancies/{vacancy.pk}/", {"title": "x"}, format="json").status_code == 404
        assert client.post(f"/api/v1/vacancies/{vacancy.pk}/publish/").status_code == 404
        assert client.post(f"/api/v1/vacancies/{vacancy.pk}/close/", {}, format="json").status_code == 404
        assert client.get(f"/api/v1/vacancies/{vacancy.pk}/candidates/").status_code == 404
    decision = client.post(
        f"/api/v1/vacancies/{published.pk}/candidates/{match.pk}/decisions/",
        {"decision": "shortlist", "reason_code": "skills"},
        format="json",
    )
    assert decision.status_code == 404
    assert Match.objects.get(pk=match.pk).status == Match.Status.RELEASED
    assert not AccessLog.objects.filter(actor=other_employer_member.user).exists()


def test_candidate_role_is_refused(candidate):
    assert api(candidate.user).get("/api/v1/vacancies/").status_code == 403


def test_released_candidates_and_decision_via_api(employer_member, candidate, other_candidate, caseworker):
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    match = release(vacancy, candidate, caseworker=caseworker, matched_essential_skills=["apply nursing care"])
    Match.objects.create(vacancy=vacancy, candidate=other_candidate, status=Match.Status.PROPOSED)
    client = api(employer_member.user)
    rows = client.get(f"/api/v1/vacancies/{vacancy.pk}/candidates/").json()["results"]
    assert [row["match_id"] for row in rows] == [match.pk]
    assert rows[0]["name"] == candidate.display_name and rows[0]["email"] == candidate.user.email
    assert rows[0]["shares_identity"] is True
    assert rows[0]["matched_essential_skills"] == ["apply nursing care"] and rows[0]["summary"]
    assert AccessLog.objects.filter(actor=employer_member.user, subject_candidate_id=candidate.pk).exists()
    url = f"/api/v1/vacancies/{vacancy.pk}/candidates/{match.pk}/decisions/"
    bad = client.post(url, {"decision": "hire", "reason_code": "skills_gap"}, format="json")
    assert bad.status_code == 400 and "reason_code" in bad.json()["error"]["fields"]
    ok = client.post(url, {"decision": "interview", "reason_code": "good_fit", "note": "Tuesday 10:00"}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "interview"


def test_status_filter_and_unknown_status(employer_member):
    VacancyFactory(organisation=employer_member.organisation, status=Vacancy.Status.DRAFT)
    VacancyFactory(organisation=employer_member.organisation)
    client = api(employer_member.user)
    assert len(client.get("/api/v1/vacancies/?status=draft").json()["results"]) == 1
    assert client.get("/api/v1/vacancies/?status=bogus").status_code == 400
    assert client.get("/api/v1/vacancies/?page=999").status_code == 404


def test_huge_ids_are_404(employer_member):
    client = api(employer_member.user)
    assert client.get(f"/api/v1/vacancies/{10**25}/").status_code == 404
    assert client.get(f"/api/v1/organisations/{10**25}/").status_code == 404


def test_candidate_reports_a_fee_via_api(candidate, employer_member):
    from review.models import ReviewItem

    client = api(candidate.user)
    response = client.post(
        "/api/v1/fee-reports/",
        {"organisation": employer_member.organisation_id, "description": "The agent wanted 800 EUR"},
        format="json",
    )
    assert response.status_code == 201
    assert ReviewItem.objects.filter(kind="fee_report", fee_report_id=response.json()["id"]).exists()
    assert (
        client.post("/api/v1/fee-reports/", {"organisation": 10**9, "description": "x"}, format="json").status_code
        == 400
    )
    assert (
        api(employer_member.user)
        .post("/api/v1/fee-reports/", {"organisation": 1, "description": "x"}, format="json")
        .status_code
        == 403
    )
