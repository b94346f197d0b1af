from __future__ import annotations

import datetime as dt
import secrets

import factory
from django.utils import timezone

from employers.models import FeeReport, Invitation, Membership, Organisation, Vacancy, VacancyLanguage, VacancySkill
from tests.factories.core import UserFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    legal_name = factory.Sequence(lambda n: f"Employer {n} GmbH")
    country = "DE"
    sector = "Q"
    status = Organisation.Status.VETTED
    pledge_accepted_at = factory.LazyFunction(timezone.now)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory, role="employer")
    organisation = factory.SubFactory(OrganisationFactory)
    is_admin = True


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"colleague{n}@example.org")
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Vacancy {n}")
    description = "Nurse for a hospital ward"
    country = "DE"
    city = "Berlin"
    sector = "Q"
    positions = 2
    duration_months = 24
    start_date = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=90))
    expires_on = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=45))
    pay_min = 2800
    pay_max = 3400
    status = Vacancy.Status.PUBLISHED


class VacancySkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VacancySkill

    vacancy = factory.SubFactory(VacancyFactory)
    is_essential = True


class VacancyLanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VacancyLanguage

    vacancy = factory.SubFactory(VacancyFactory)
    code = "de"
    min_level = "B1"


class FeeReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeeReport

    organisation = factory.SubFactory(OrganisationFactory)
    description = "An agent asked for 2,000 EUR to arrange the interview."
