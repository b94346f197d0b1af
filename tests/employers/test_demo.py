from __future__ import annotations

import io

import pytest

from employers.models import Organisation, Vacancy

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_duplicates_and_employer_can_log_in(client):
    from employers import demo

    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    assert Organisation.objects.filter(legal_name="Klinikum Hamburg-Nord gGmbH", status="vetted").count() == 1
    nurses = Vacancy.objects.get(external_id="demo-klinikum-nurses")
    assert nurses.status == Vacancy.Status.PUBLISHED and nurses.skill_requirements.filter(is_essential=True).exists()
    response = client.post(
        "/accounts/login/", {"username": "employer@demo.talentpool.eu", "password": "demo-pass-2026"}
    )
    assert response.status_code == 302
    assert "Registered nurses" in client.get("/employers/dashboard/").content.decode()
