"""A create sent twice makes one thing (issue 16, double submits): the vacancy form posted twice, a retried API
call with the same Idempotency-Key, a fee report double-clicked."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from employers.models import FeeReport, Vacancy
from review.models import ReviewItem
from tests.employers.conftest import valid_vacancy_post

pytestmark = pytest.mark.django_db


def _key_of(page: str) -> str:
    found = re.search(r'name="creation_key" value="([^"]+)"', page)
    assert found, "the new-vacancy form carries no key"
    return found.group(1)


def test_the_new_vacancy_form_submitted_twice_makes_one_vacancy(client_for, employer_member, nurse, matching_hooks):
    client = client_for(employer_member.user)
    key = _key_of(client.get(reverse("employers:vacancy_create")).content.decode())
    assert _key_of(client.get(reverse("employers:vacancy_create")).content.decode()) != key  # one per form shown
    first = client.post(reverse("employers:vacancy_create"), {**valid_vacancy_post(nurse), "creation_key": key})
    second = client.post(reverse("employers:vacancy_create"), {**valid_vacancy_post(nurse), "creation_key": key})
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Vacancy.objects.filter(organisation=employer_member.organisation).count() == 1


def test_going_back_and_resubmitting_the_new_form_saves_the_edit_on_the_same_vacancy(
    client_for, employer_member, nurse, matching_hooks
):
    client = client_for(employer_member.user)
    key = _key_of(client.get(reverse("employers:vacancy_create")).content.decode())
    client.post(reverse("employers:vacancy_create"), {**valid_vacancy_post(nurse), "creation_key": key})
    edited = {**valid_vacancy_post(nurse, title="Pflegefachkraft Intensivstation (m/w/d)"), "creation_key": key}
    client.post(reverse("employers:vacancy_create"), edited)
    vacancy = Vacancy.objects.get(organisation=employer_member.organisation)
    assert vacancy.title == "Pflegefachkraft Intensivstation (m/w/d)"


def test_a_form_posted_with_a_key_that_failed_validation_keeps_its_key(client_for, employer_member, nurse):
    client = client_for(employer_member.user)
    data = {**valid_vacancy_post(nurse, pay_min="5000", pay_max="100"), "creation_key": "k" * 32}
    page = client.post(reverse("employers:vacancy_create"), data).content.decode()
    assert _key_of(page) == "k" * 32


def test_an_api_create_retried_with_the_same_idempotency_key_returns_the_first_vacancy(
    client_for, employer_member, nurse, matching_hooks
):
    client = client_for(employer_member.user)
    payload = {"title": "Krankenpfleger", "occupation": nurse.uri, "country": "DE", "city": "Köln", "positions": 2}
    first = client.post(
        "/api/v1/vacancies/", payload, content_type="application/json", HTTP_IDEMPOTENCY_KEY="retry-0001"
    )
    again = client.post(
        "/api/v1/vacancies/", payload, content_type="application/json", HTTP_IDEMPOTENCY_KEY="retry-0001"
    )
    assert first.status_code == again.status_code == 201, first.content
    assert first.json()["id"] == again.json()["id"]
    other = client.post(
        "/api/v1/vacancies/", payload, content_type="application/json", HTTP_IDEMPOTENCY_KEY="retry-0002"
    )
    assert other.json()["id"] != first.json()["id"]
    assert Vacancy.objects.filter(organisation=employer_member.organisation).count() == 2
    bad = client.post("/api/v1/vacancies/", payload, content_type="application/json", HTTP_IDEMPOTENCY_KEY="<script>")
    assert bad.status_code == 400


def test_another_user_with_the_same_key_gets_their_own_vacancy(
    client_for, employer_member, other_employer_member, nurse, matching_hooks
):
    payload = {"title": "Krankenpfleger", "occupation": nurse.uri, "country": "DE", "city": "Köln", "positions": 1}
    mine = client_for(employer_member.user).post(
        "/api/v1/vacancies/", payload, content_type="application/json", HTTP_IDEMPOTENCY_KEY="shared-key-1"
    )
    theirs = client_for(other_employer_member.user).post(
        "/api/v1/vacancies/", payload, content_type="application/json", HTTP_IDEMPOTENCY_KEY="shared-key-1"
    )
    assert mine.status_code == theirs.status_code == 201
    assert mine.json()["id"] != theirs.json()["id"]


def test_a_fee_report_sent_twice_is_recorded_once_with_one_queue_item(client_for, candidate, employer_member):
    client = client_for(candidate.user)
    payload = {
        "organisation": employer_member.organisation.pk,
        "description": "Der Vermittler verlangte 1.500 € für den Arbeitsvertrag.",
    }
    for _ in range(2):
        response = client.post(
            "/api/v1/fee-reports/", payload, content_type="application/json", HTTP_IDEMPOTENCY_KEY="fee-report-01"
        )
        assert response.status_code == 201, response.content
    assert FeeReport.objects.count() == 1
    assert ReviewItem.objects.filter(kind=ReviewItem.Kind.FEE_REPORT).count() == 1
