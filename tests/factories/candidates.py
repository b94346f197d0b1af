from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from candidates.models import CandidateProfile, Consent
from tests.factories.core import UserFactory


class CandidateProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateProfile

    user = factory.SubFactory(UserFactory, role="candidate")
    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    birth_date = dt.date(1998, 5, 17)
    nationality = "MA"
    residence_country = "MA"
    status = CandidateProfile.Status.VERIFIED
    last_confirmed_at = factory.LazyFunction(timezone.now)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    profile = factory.SubFactory(CandidateProfileFactory)
    purpose = Consent.Purpose.MATCHING
    text_version = "2026-01"
    granted_at = factory.LazyFunction(timezone.now)
