from __future__ import annotations

import io

import pytest

from core.models import User
from programmes import demo
from programmes.models import Cohort, Programme

pytestmark = pytest.mark.django_db


def test_demo_gives_the_programme_admin_their_programmes_and_is_idempotent(client):
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    admin = User.objects.get(email=demo.ADMIN_EMAIL)
    assert set(admin.administered_programmes.values_list("slug", flat=True)) == {"thamm", "palim"}
    assert Cohort.objects.filter(programme__slug="thamm").count() == 2
    assert (
        Programme.objects.get(slug="triple-win")
        .occupations.filter(preferred_label="nurse responsible for general care")
        .exists()
    )
    assert admin.check_password(demo.PASSWORD)
    body = client.get("/programmes/p/thamm/").content.decode()
    assert "Hospitality Agadir 2027" in body and "Training provider" in body
