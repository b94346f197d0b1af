"""`manage.py load_demo`, the README's first command's data step: every demo role can log in, and a second run
changes nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from core.models import User
from employers.models import Vacancy
from matching.models import Match

pytestmark = pytest.mark.django_db

DEMO_LOGINS = [
    ("candidate@demo.talentpool.eu", "/candidates/"),
    ("employer@demo.talentpool.eu", "/employers/"),
    ("caseworker@demo.talentpool.eu", "/review/"),
    ("programme-admin@demo.talentpool.eu", "/programmes/"),
    ("staff@demo.talentpool.eu", "/review/"),
]


def test_demo_world_lets_every_role_log_in_and_is_idempotent(client, settings):
    settings.MATCHING_ENCODER = "hashing"  # the engine's test encoder: the demo's shape, not the model's speed
    call_command("load_demo", verbosity=0)
    counts = (User.objects.count(), Vacancy.objects.count(), Match.objects.count())
    call_command("load_demo", verbosity=0)
    assert (User.objects.count(), Vacancy.objects.count(), Match.objects.count()) == counts
    for email, workspace in DEMO_LOGINS:
        client.logout()
        client.post("/accounts/login/", {"username": email, "password": "demo-pass-2026"})
        response = client.get("/")
        assert response.status_code == 302 and response["Location"].startswith(workspace), email
