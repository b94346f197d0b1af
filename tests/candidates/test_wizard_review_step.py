"""The last wizard step before submitting shows what the candidate entered in words, not codes (issue 11)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from candidates.services.items import candidate_item_create
from candidates.services.profile import profile_get_or_create, profile_set_mobility, profile_update_personal
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(client_for):  # type: ignore[no-untyped-def]
    return UserFactory(email="salma@example.tn", role="candidate")


def test_review_step_shows_names_levels_in_words_destinations_and_dates(client_for, newcomer):
    profile = profile_get_or_create(user=newcomer)
    profile_update_personal(
        profile=profile,
        data={
            "given_name": "Salma",
            "family_name": "Ben Youssef",
            "birth_date": dt.date(1999, 3, 14),
            "nationality": "MA",
            "residence_country": "TN",
        },
    )
    candidate_item_create(profile=profile, kind="languages", data={"code": "de", "level": "B1"})
    candidate_item_create(profile=profile, kind="experience", data={"title": "Waiter", "start": dt.date(2019, 9, 2)})
    start = dt.date.today() + dt.timedelta(days=60)
    profile_set_mobility(profile=profile, data={"destinations": ["DE", "BE"], "available_from": start})

    english = client_for(newcomer).get("/candidates/profile/review/").content.decode()
    summary = english[english.index('<dl class="summary">') :]
    assert "Morocco" in summary and "Tunisia" in summary
    assert "German (B1 · intermediate)" in summary
    assert "Germany" in summary and "Belgium" in summary
    assert start.strftime("%-d %B %Y") in summary and "14 March 1999" in summary
    assert ">MA<" not in summary and "de B1" not in summary

    french_client = client_for(newcomer)
    french_client.cookies["django_language"] = "fr"
    french = french_client.get("/candidates/profile/review/").content.decode()
    summary = french[french.index('<dl class="summary">') :]
    assert "Maroc" in summary and "Allemand (B1 · intermédiaire)" in summary and "Allemagne" in summary
    assert "14 mars 1999" in summary


def _formset(prefix: str, rows: list[dict]) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    data.update({f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "60"})
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def test_work_before_fourteen_is_refused_on_the_form_and_the_other_rows_stay_filled_in(client_for, newcomer):
    profile = profile_get_or_create(user=newcomer)
    profile_update_personal(
        profile=profile,
        data={
            "given_name": "Salma",
            "family_name": "Ben Youssef",
            "birth_date": dt.date(1999, 3, 14),
            "nationality": "MA",
            "residence_country": "MA",
        },
    )
    rows = [
        {"title": "Receptionist", "employer_name": "Hôtel Atlas", "start": "2019-01-07"},
        {"title": "Waiter", "employer_name": "Café Sidi", "start": "2010-06-01"},
    ]
    response = client_for(newcomer).post("/candidates/profile/experience/", _formset("experience", rows))
    assert response.status_code == 400
    html = response.content.decode()
    assert "14" in html and "before" in html.lower()
    assert 'value="Hôtel Atlas"' in html and 'value="Café Sidi"' in html and 'value="2019-01-07"' in html
    assert not profile.experience.exists()


def test_an_availability_date_in_2099_is_refused_on_the_form_and_the_ticked_destinations_stay(client_for, newcomer):
    profile = profile_get_or_create(user=newcomer)
    data = {"destinations": ["DE", "BE"], "available_from": "2099-01-01", "min_stay_months": "12"}
    response = client_for(newcomer).post("/candidates/profile/mobility/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "too far in the future" in html
    ticked = set(re.findall(r'<input type="checkbox" name="destinations" value="(\w+)"[^>]*checked', html))
    assert ticked == {"DE", "BE"}
    assert 'value="12"' in html
    profile.refresh_from_db()
    assert profile.available_from is None and profile.destinations == []
