"""Review API: queue with filters, claim next, decide, match release and reject; 4xx on bad input."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from matching.models import Match
from review import services
from review.models import ReviewItem
from tests.factories.review import ProposedMatchFactory, ReviewItemFactory

pytestmark = pytest.mark.django_db


def api(user):  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_queue_list_with_filters(caseworker):
    a = ReviewItemFactory(country="MA")
    ReviewItemFactory(country="TN")
    body = api(caseworker).get("/api/v1/review/items/", {"country": "MA", "unknown": "x"}).json()
    assert [row["id"] for row in body["results"]] == [a.pk]
    assert body["results"][0]["kind"] == "profile" and body["results"][0]["overdue"] is False


@pytest.mark.parametrize(
    "params",
    [
        {"programme": "abc"},
        {"programme": "99999999999999999999999"},
        {"country": "toolong"},
        {"kind": "nope"},
        {"page": "-1"},
        {"page_size": "100000"},
    ],
)
def test_queue_list_bad_input_is_4xx_or_ok(caseworker, params):
    ReviewItemFactory()
    assert api(caseworker).get("/api/v1/review/items/", params).status_code in (200, 400, 404)


def test_claim_next_then_decide(caseworker):
    item = ReviewItemFactory()
    client = api(caseworker)
    claimed = client.post("/api/v1/review/items/claim-next/", {}, format="json")
    assert (
        claimed.status_code == 200
        and claimed.json()["id"] == item.pk
        and claimed.json()["assignee"] == caseworker.email
    )
    assert client.post("/api/v1/review/items/claim-next/", {}, format="json").status_code == 204
    bad = client.post(
        f"/api/v1/review/items/{item.pk}/decide/",
        {"decision": "approve", "reason_code": "legal_question"},
        format="json",
    )
    assert bad.status_code == 400 and bad.json()["error"]["fields"] == {
        "reason_code": ["Choose a reason that fits the decision."]
    }
    ok = client.post(
        f"/api/v1/review/items/{item.pk}/decide/", {"decision": "approve", "reason_code": "criteria_met"}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["status"] == "done"
    again = client.post(
        f"/api/v1/review/items/{item.pk}/decide/", {"decision": "approve", "reason_code": "criteria_met"}, format="json"
    )
    assert again.status_code == 409


def test_claim_next_rejects_bad_filters(caseworker):
    response = api(caseworker).post(
        "/api/v1/review/items/claim-next/", {"country": 12, "programme": "x"}, format="json"
    )
    assert response.status_code == 400


def test_match_release_and_reject(caseworker):
    a, b = ProposedMatchFactory(), ProposedMatchFactory()
    client = api(caseworker)
    listing = client.get(f"/api/v1/review/vacancies/{a.vacancy_id}/matches/").json()
    assert listing[0]["summary"].startswith("Holds 2 of 3")
    assert client.post(f"/api/v1/review/matches/{a.pk}/release/", {}, format="json").json()["status"] == "released"
    assert (
        client.post(f"/api/v1/review/matches/{b.pk}/reject/", {"reason_code": "bad"}, format="json").status_code == 400
    )
    assert (
        client.post(f"/api/v1/review/matches/{b.pk}/reject/", {"reason_code": "experience"}, format="json").status_code
        == 200
    )
    assert client.post(f"/api/v1/review/matches/{b.pk}/release/", {}, format="json").status_code == 409
    assert Match.objects.get(pk=b.pk).status == "rejected"


@pytest.mark.parametrize("role", ["candidate", "employer", "programme_admin"])
def test_other_roles_are_told_the_review_api_does_not_exist(role):
    from tests.factories.core import UserFactory

    user = UserFactory(role=role)
    match = ProposedMatchFactory()
    assert api(user).get("/api/v1/review/items/").status_code == 404
    assert api(user).post(f"/api/v1/review/matches/{match.pk}/release/", {}, format="json").status_code == 404
    assert Match.objects.get(pk=match.pk).status == "proposed"


def test_unknown_objects_are_404(caseworker):
    client = api(caseworker)
    assert client.get("/api/v1/review/items/99999999/").status_code == 404
    assert client.post("/api/v1/review/matches/99999999/release/", {}, format="json").status_code == 404


def test_escalate_through_the_api_then_staff_claims(caseworker, staff_user):
    item = services.review_item_claim(item=ReviewItemFactory(), actor=caseworker)
    api(caseworker).post(
        f"/api/v1/review/items/{item.pk}/decide/",
        {"decision": "escalate", "reason_code": "legal_question"},
        format="json",
    )
    assert api(staff_user).post(f"/api/v1/review/items/{item.pk}/claim/").json()["status"] == ReviewItem.Status.CLAIMED
