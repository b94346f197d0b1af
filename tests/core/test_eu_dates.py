"""English dates are written the EU way (day before month); French and Arabic keep their own formats (issue 11)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from candidates.services.profile import profile_get_or_create
from matching.models import OversightPause
from review import services
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


def test_oversight_page_writes_an_english_date_day_first(client_for, staff_user):
    pause = services.oversight_pause(actor=staff_user, country="DE", reason="Audit")
    OversightPause.objects.filter(pk=pause.pk).update(paused_at=dt.datetime(2026, 3, 12, 9, 30, tzinfo=dt.UTC))
    html = client_for(staff_user).get(reverse("review:oversight")).content.decode()
    assert "12/03/2026 09:30" in html
    assert "03/12/2026" not in html and "a.m." not in html


def test_oversight_page_in_french_keeps_the_french_format(client_for, staff_user):
    pause = services.oversight_pause(actor=staff_user, country="DE", reason="Audit")
    OversightPause.objects.filter(pk=pause.pk).update(paused_at=dt.datetime(2026, 3, 12, 9, 30, tzinfo=dt.UTC))
    client = client_for(staff_user)
    client.cookies["django_language"] = "fr"
    assert "12/03/2026 09:30" in client.get(reverse("review:oversight")).content.decode()


def test_a_typed_day_first_date_is_read_day_first_and_iso_still_works(client_for):
    user = UserFactory(email="salma@example.tn", role="candidate")
    profile = profile_get_or_create(user=user)
    client = client_for(user)
    next_year = timezone.localdate().year + 1
    response = client.post("/candidates/profile/mobility/", {"available_from": f"01/02/{next_year}"})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.available_from == dt.date(next_year, 2, 1)  # 1 February, not 2 January
    client.post("/candidates/profile/mobility/", {"available_from": f"{next_year}-03-04"})
    profile.refresh_from_db()
    assert profile.available_from == dt.date(next_year, 3, 4)
