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


class CandidateSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "candidates.CandidateSkill"

    profile = factory.SubFactory(CandidateProfileFactory)
    label = "patient care"
    years = 3


class CandidateLanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "candidates.CandidateLanguage"

    profile = factory.SubFactory(CandidateProfileFactory)
    code = "de"
    level = "B1"


class EducationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "candidates.Education"

    profile = factory.SubFactory(CandidateProfileFactory)
    isced_level = 6
    field = "Nursing"
    institution = "Institut Supérieur des Sciences Infirmières de Tunis"
    country = "TN"
    start_year = 2016
    end_year = 2019


class ExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "candidates.Experience"

    profile = factory.SubFactory(CandidateProfileFactory)
    title = "Nurse"
    employer_name = "Hôpital Charles Nicolle"
    country = "TN"
    start = dt.date(2019, 9, 1)
    description = "Ward nurse in internal medicine"
