import io

import pytest
from django.test import Client

from candidates import demo
from candidates.models import CandidateProfile

pytestmark = pytest.mark.django_db


def test_demo_candidates_load_idempotently_and_the_demo_login_sees_a_dashboard():
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    assert CandidateProfile.objects.filter(user__email__endswith="@demo.talentpool.eu").count() == len(demo.PEOPLE)
    salma = CandidateProfile.objects.get(user__email="candidate@demo.talentpool.eu")
    assert salma.skills.count() == 3 and salma.skills.filter(skill__isnull=False).exists()
    client = Client()
    login = client.post("/accounts/login/", {"username": "candidate@demo.talentpool.eu", "password": "demo-pass-2026"})
    assert login.status_code == 302
    page = client.get("/candidates/dashboard/").content.decode()
    assert "Verified" in page
