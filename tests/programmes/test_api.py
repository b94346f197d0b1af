from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from programmes.models import Credential, LegalScheme
from tests.factories.programmes import CredentialFactory, graduate_of

pytestmark = pytest.mark.django_db


def api(user=None) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def slugs(response) -> set[str]:  # type: ignore[no-untyped-def]
    return {row["slug"] for row in response.json()["results"]}


def test_programme_list_is_public_and_filterable():
    response = api().get("/api/v1/programmes/", {"origin": "MD"})
    assert response.status_code == 200
    assert slugs(response) == {"digi-talents", "bg-labour-agreements"}
    assert "lu-cape-verde" in slugs(api().get("/api/v1/programmes/", {"kind": "young_professionals", "page_size": 100}))
    full = slugs(api().get("/api/v1/programmes/", {"full_smp": "yes", "page_size": 100}))
    assert "triple-win" in full and "aptc" not in full


def test_bad_filter_values_get_400_not_500():
    for params in (
        {"origin": "ZZZ"},
        {"kind": "x"},
        {"state_cooperation": "maybe"},
        {"page": "99999"},
        {"page_size": "-1"},
    ):
        assert api().get("/api/v1/programmes/", params).status_code in (200, 400, 404), params
    assert api().get("/api/v1/programmes/", {"origin": "ZZ"}).status_code == 400


def test_programme_detail_has_components_schemes_and_funnel():
    body = api().get("/api/v1/programmes/lu-cape-verde/").json()
    assert [c["key"] for c in body["components"]] == [
        "state_cooperation",
        "multi_stakeholder",
        "training",
        "skills_recognition",
        "mobility",
    ]
    scheme = body["schemes"][0]
    assert (scheme["min_age"], scheme["max_age"], scheme["annual_quota"], scheme["eligible_nationalities"]) == (
        18,
        35,
        10,
        ["CV"],
    )
    assert [stage["key"] for stage in body["funnel"]] == ["trained", "registered", "matched", "placed", "returned"]
    assert api().get("/api/v1/programmes/nope/").status_code == 404


def test_scheme_and_stakeholder_lists_filter():
    response = api().get("/api/v1/schemes/", {"nationality": "CV", "destination": "LU"})
    assert [row["slug"] for row in response.json()["results"]] == ["lu-cv-young-professionals"]
    g2g = {
        row["slug"]
        for row in api()
        .get("/api/v1/schemes/", {"government_to_government": "true", "page_size": 100})
        .json()["results"]
    }
    assert "de-placement-agreement" in g2g and "ie-imgti" not in g2g
    names = [row["name"] for row in api().get("/api/v1/stakeholders/", {"q": "IOM"}).json()["results"]]
    assert names == ["International Organization for Migration (IOM)"]


def test_only_own_administrator_or_staff_may_change_a_programme(
    programme, programme_admin, other_programme_admin, staff_user
):
    url = f"/api/v1/programmes/{programme.slug}/"
    assert api().patch(url, {"name": "X"}, format="json").status_code in (401, 403)
    # The directory is public: another programme's administrator may read it, not change it (403, not 404).
    assert api(other_programme_admin).patch(url, {"name": "X"}, format="json").status_code == 403
    response = api(programme_admin).patch(
        url, {"name": "THAMM test", "origin_countries": ["ma"], "has_training": True}, format="json"
    )
    assert response.status_code == 200 and response.json()["name"] == "THAMM test"
    assert response.json()["origin_countries"] == ["MA"]
    assert api(staff_user).patch(url, {"status": "ended"}, format="json").json()["status"] == "ended"


def test_programme_update_validates_input(programme, programme_admin):
    url = f"/api/v1/programmes/{programme.slug}/"
    response = api(programme_admin).patch(url, {"origin_countries": ["Morocco"], "capacity": 10**12}, format="json")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"origin_countries", "capacity"}
    bad_uri = api(programme_admin).patch(
        url, {"occupation_uris": ["http://data.europa.eu/esco/occupation/none"]}, format="json"
    )
    assert bad_uri.status_code == 400


def test_scheme_create_and_update_by_own_administrator(
    programme, programme_admin, other_programme, other_programme_admin
):
    body = {
        "slug": "t-de",
        "name": "Test DE",
        "destination_country": "DE",
        "min_age": 18,
        "max_age": 40,
        "reservation_months": 12,
    }
    assert (
        api(other_programme_admin)
        .post(f"/api/v1/programmes/{programme.slug}/schemes/", body, format="json")
        .status_code
        == 403
    )
    assert (
        api(programme_admin).post(f"/api/v1/programmes/{programme.slug}/schemes/", body, format="json").status_code
        == 201
    )
    assert (
        api(programme_admin).post(f"/api/v1/programmes/{programme.slug}/schemes/", body, format="json").status_code
        == 400
    )
    assert api(other_programme_admin).patch("/api/v1/schemes/t-de/", {"max_age": 99}, format="json").status_code == 403
    assert api(programme_admin).patch("/api/v1/schemes/t-de/", {"max_age": 10}, format="json").status_code == 400
    assert api(programme_admin).patch("/api/v1/schemes/t-de/", {"max_age": 45}, format="json").json()["max_age"] == 45
    assert LegalScheme.objects.get(slug="t-de").programme == programme


def test_bulk_issue_api_reports_errors_and_imports_nothing(programme, programme_admin):
    graduate_of(programme, user__email="ok@example.org")
    csv_text = (
        "issue_reference,candidate,title,completed_on\nR-1,ok@example.org,Cook,2025-01-01\nR-2,,Cook,2025-01-01\n"
    )
    response = api(programme_admin).post(
        f"/api/v1/programmes/{programme.slug}/credentials/bulk/", {"csv": csv_text}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [{"line": 3, "field": "candidate", "message": "This field is required."}]
    assert not Credential.objects.filter(status=Credential.Status.ISSUED).exists()


def test_credential_decisions_through_the_api(programme, programme_admin, other_programme_admin):
    claim = CredentialFactory(programme=programme)
    assert api(other_programme_admin).post(f"/api/v1/credentials/{claim.pk}/verify/").status_code == 404
    assert (
        api(programme_admin).post(f"/api/v1/credentials/{claim.pk}/reject/", {"reason": ""}, format="json").status_code
        == 400
    )
    assert api(programme_admin).post(f"/api/v1/credentials/{claim.pk}/verify/").json()["status"] == "verified"
    assert api(programme_admin).post(f"/api/v1/credentials/{claim.pk}/verify/").status_code == 409


def test_a_credentials_holder_sees_it_but_may_not_decide_it(programme):
    claim = CredentialFactory(programme=programme)
    assert api(claim.candidate.user).post(f"/api/v1/credentials/{claim.pk}/verify/").status_code == 403
    claim.refresh_from_db()
    assert claim.status == "claimed"
