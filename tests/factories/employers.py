from __future__ import annotations

import datetime as dt

import factory

from employers.models import Membership, Organisation, Vacancy
from tests.factories.core import UserFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    legal_name = factory.Sequence(lambda n: f"Employer {n} GmbH")
    country = "DE"
    sector = "Q"
    status = Organisation.Status.VETTED


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory, role="employer")
    organisation = factory.SubFactory(OrganisationFactory)
    is_admin = True


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
    pay_min = 2800
    pay_max = 3400
    status = Vacancy.Status.PUBLISHED
