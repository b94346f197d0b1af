"""The candidate's own API, and the authorization matrix: one candidate never reads or changes another's data."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from candidates.models import CandidateProfile
from candidates.services.credentials import credential_claim
from candidates.services.documents import document_upload
from taxonomy.models import Skill
from tests.candidates.conftest import pdf_bytes
from tests.factories.candidates import (
    CandidateLanguageFactory,
    CandidateSkillFactory,
    EducationFactory,
    ExperienceFactory,
)
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_api_walks_every_step_to_a_submitted_profile(client_for, programme, hooks):
    user = UserFactory(email="ion.api@example.md", role="candidate")
    client = client_for(user)
    assert client.get("/api/v1/me/profile/").json()["status"] == "draft"
    response = client.patch(
        "/api/v1/me/profile/",
        {
            "given_name": "Ion",
            "family_name": "Rusu",
            "birth_date": "1998-01-20",
            "nationality": "MD",
            "residence_country": "MD",
            "desired_occupations": [{"text": "software developer"}],
            "destinations": ["SK"],
            "min_stay_months": 12,
            "max_stay_months": 24,
        },
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["given_name"] == "Ion" and body["destinations"] == ["SK"] and body["desired_occupation_uris"]
    skill = Skill.objects.first()
    created = client.post(
        "/api/v1/me/profile/skills/", {"label": "", "skill_uri": skill.uri, "years": 3}, content_type=JSON
    )
    assert created.status_code == 201 and created.json()["skill_uri"] == skill.uri
    assert (
        client.post("/api/v1/me/profile/languages/", {"code": "en", "level": "B2"}, content_type=JSON).status_code
        == 201
    )
    assert (
        client.post(
            "/api/v1/me/profile/education/",
            {"field": "Computer science", "start_year": 2016, "end_year": 2020, "country": "MD"},
            content_type=JSON,
        ).status_code
        == 201
    )
    assert (
        client.post(
            "/api/v1/me/profile/experience/", {"title": "software developer", "start": "2020-09-01"}, content_type=JSON
        ).status_code
        == 201
    )
    document = client.post(
        "/api/v1/me/profile/documents/",
        {"kind": "credential_evidence", "file": SimpleUploadedFile("diploma.pdf", pdf_bytes())},
    )
    assert document.status_code == 201
    claim = client.post(
        "/api/v1/me/profile/credentials/",
        {"programme": programme.pk, "title": "DIGI TALENTS graduate", "evidence_document_id": document.json()["id"]},
        content_type=JSON,
    )
    assert claim.status_code == 201 and claim.json()["status"] == "claimed"
    assert (
        client.post("/api/v1/me/profile/consents/", {"purpose": "keep_profile"}, content_type=JSON).status_code == 200
    )
    submitted = client.post("/api/v1/me/profile/submit/")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert client.post("/api/v1/me/profile/submit/").status_code == 409


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"birth_date": "2015-01-01"}, "birth_date"),
        ({"birth_date": "2999-01-01"}, "birth_date"),
        ({"nationality": "ZZ"}, "nationality"),
        ({"min_stay_months": 99999999999999999999}, "min_stay_months"),
        ({"min_stay_months": "many"}, "min_stay_months"),
        ({"destinations": "DE"}, "destinations"),
        ({"destinations": ["Germany"]}, "destinations"),
        ({"min_stay_months": 24, "max_stay_months": 6}, "max_stay_months"),
        ({"gender": "robot"}, "gender"),
    ],
)
def test_api_bad_profile_input_gets_400_naming_the_field(candidate, client_for, payload, field):
    before = CandidateProfile.objects.get(pk=candidate.pk)
    response = client_for(candidate.user).patch("/api/v1/me/profile/", payload, content_type=JSON)
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    after = CandidateProfile.objects.get(pk=candidate.pk)
    assert (after.birth_date, after.nationality, after.min_stay_months) == (
        before.birth_date,
        before.nationality,
        before.min_stay_months,
    )


@pytest.mark.parametrize(
    ("kind", "payload", "field"),
    [
        ("languages", {"code": "xx", "level": "B1"}, "code"),
        ("languages", {"code": "de", "level": "B3"}, "level"),
        ("languages", {"code": "de", "level": "B1", "certificate_document_id": 10**30}, "certificate_document_id"),
        ("skills", {"label": "", "skill_uri": ""}, "label"),
        ("skills", {"label": "x", "years": -1}, "years"),
        ("education", {"field": "Nursing", "start_year": 2020, "end_year": 2010}, "end_year"),
        ("education", {"field": "Nursing", "isced_level": 12}, "isced_level"),
        ("experience", {"title": "nurse", "start": "2020-01-01", "end": "2019-01-01"}, "end"),
        ("experience", {"title": "nurse", "country": "QQ"}, "country"),
    ],
)
def test_api_bad_item_input_gets_400_and_nothing_saved(candidate, client_for, kind, payload, field):
    response = client_for(candidate.user).post(f"/api/v1/me/profile/{kind}/", payload, content_type=JSON)
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    assert getattr(CandidateProfile.objects.get(pk=candidate.pk), kind).count() == 0


FACTORIES = {
    "skills": CandidateSkillFactory,
    "languages": CandidateLanguageFactory,
    "education": EducationFactory,
    "experience": ExperienceFactory,
}


@pytest.mark.parametrize("kind", list(FACTORIES))
def test_another_candidates_items_are_404_by_api(candidate, other_candidate, client_for, kind):
    theirs = FACTORIES[kind](profile=other_candidate)
    client = client_for(candidate.user)
    url = f"/api/v1/me/profile/{kind}/{theirs.pk}/"
    assert client.get(url).status_code == 404
    assert client.patch(url, {"label": "hijack"}, content_type=JSON).status_code == 404
    assert client.delete(url).status_code == 404
    assert type(theirs).objects.filter(pk=theirs.pk).exists()
    assert client.get(f"/api/v1/me/profile/{kind}/").json() == []
    mine = client_for(other_candidate.user)
    assert mine.get(url).status_code == 200


def test_owner_can_patch_and_delete_own_item(candidate, client_for):
    mine = CandidateLanguageFactory(profile=candidate, code="fr", level="B1")
    client = client_for(candidate.user)
    response = client.patch(f"/api/v1/me/profile/languages/{mine.pk}/", {"level": "C1"}, content_type=JSON)
    assert response.status_code == 200 and response.json()["level"] == "C1"
    assert client.delete(f"/api/v1/me/profile/languages/{mine.pk}/").status_code == 204
    assert not candidate.languages.exists()
    assert client.get(f"/api/v1/me/profile/languages/{10**25}/").status_code == 404


def test_another_candidates_documents_and_credentials_are_404(candidate, other_candidate, client_for, programme):
    document = document_upload(profile=other_candidate, kind="cv", content=pdf_bytes(), name="cv.pdf")
    credential = credential_claim(profile=other_candidate, programme=programme, title="Training")
    client = client_for(candidate.user)
    for url in (
        f"/api/v1/me/profile/documents/{document.pk}/",
        f"/api/v1/me/profile/documents/{document.pk}/download/",
        f"/api/v1/me/profile/credentials/{credential.pk}/",
        f"/candidates/documents/{document.pk}/download/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.delete(f"/api/v1/me/profile/documents/{document.pk}/").status_code == 404
    assert client.delete(f"/api/v1/me/profile/credentials/{credential.pk}/").status_code == 404
    assert client.post(f"/candidates/credentials/{credential.pk}/withdraw/").status_code == 404
    assert client.post(f"/candidates/documents/{document.pk}/delete/").status_code == 404
    claim = client.post(
        "/api/v1/me/profile/credentials/",
        {"programme": programme.pk, "title": "x", "evidence_document_id": document.pk},
        content_type=JSON,
    )
    assert claim.status_code == 400
    other_candidate.refresh_from_db()
    assert other_candidate.documents.count() == 1 and other_candidate.credentials.count() == 1


CANDIDATE_PAGES = [
    "/candidates/dashboard/",
    "/candidates/profile/personal/",
    "/candidates/documents/",
    "/candidates/fee-report/",
    "/candidates/my-data/export/",
    "/candidates/my-data/erase/",
    "/candidates/account/email/",
]
API_ROUTES = [
    "/api/v1/me/profile/",
    "/api/v1/me/profile/skills/",
    "/api/v1/me/profile/languages/",
    "/api/v1/me/profile/education/",
    "/api/v1/me/profile/experience/",
    "/api/v1/me/profile/credentials/",
    "/api/v1/me/profile/consents/",
    "/api/v1/me/profile/documents/",
    "/api/v1/me/profile/matches/",
    "/api/v1/me/profile/export/",
]


@pytest.mark.parametrize("url", CANDIDATE_PAGES + API_ROUTES)
def test_route_matrix_by_role(url, candidate, client_for, employer_member, caseworker, programme_admin, client):
    assert client_for(candidate.user).get(url).status_code == 200
    for outsider in (employer_member.user, caseworker, programme_admin):
        assert client_for(outsider).get(url).status_code == 404, (url, outsider.role)
    anonymous = client.get(url).status_code
    assert anonymous in (302, 401, 403)
    assert not CandidateProfile.objects.filter(user__in=[employer_member.user, caseworker, programme_admin]).exists()


def test_schema_lists_the_candidate_api(client, staff_user, client_for):
    response = client_for(staff_user).get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for route in [*API_ROUTES, "/api/v1/me/profile/erase/", "/api/v1/me/profile/submit/"]:
        assert route in paths, route
