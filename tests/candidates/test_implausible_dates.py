"""Dates a person cannot mean are refused with a clear message, nothing stored: work before 14, a start in 2099."""

from __future__ import annotations

import datetime as dt

import pytest

from candidates.models import Experience
from candidates.services import candidate_item_create, profile_set_mobility
from core.exceptions import ValidationFailed

pytestmark = pytest.mark.django_db


def test_work_experience_before_the_age_of_14_is_refused(candidate):  # type: ignore[no-untyped-def]
    candidate.birth_date = dt.date(1998, 6, 1)
    candidate.save(update_fields=["birth_date"])
    with pytest.raises(ValidationFailed) as refused:
        candidate_item_create(
            profile=candidate, kind="experience", data={"title": "Waiter", "start": dt.date(2008, 9, 1)}
        )
    assert refused.value.field == "start" and "14" in refused.value.message
    assert not Experience.objects.filter(profile=candidate).exists()
    candidate_item_create(profile=candidate, kind="experience", data={"title": "Waiter", "start": dt.date(2013, 9, 1)})
    assert Experience.objects.filter(profile=candidate).count() == 1


def test_an_availability_date_decades_ahead_is_refused(candidate):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as refused:
        profile_set_mobility(profile=candidate, data={"available_from": dt.date(2099, 1, 1)})
    assert refused.value.field == "available_from"
    candidate.refresh_from_db()
    assert candidate.available_from != dt.date(2099, 1, 1)
    soon = dt.date.today() + dt.timedelta(days=120)
    profile_set_mobility(profile=candidate, data={"available_from": soon})
    candidate.refresh_from_db()
    assert candidate.available_from == soon
