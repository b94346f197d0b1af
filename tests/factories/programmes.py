from __future__ import annotations

import factory

from programmes.models import Cohort, LegalScheme, Programme, Stakeholder


class StakeholderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stakeholder

    name = factory.Sequence(lambda n: f"Training institute {n}")
    kind = Stakeholder.Kind.TRAINING_INSTITUTE
    country = "MA"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    slug = factory.Sequence(lambda n: f"programme-{n}")
    name = factory.Sequence(lambda n: f"Programme {n}")
    acronym = factory.Sequence(lambda n: f"P{n}")
    kind = Programme.Kind.SMP
    status = Programme.Status.RUNNING
    origin_countries = ["MA", "TN"]
    destination_countries = ["DE"]


class LegalSchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalScheme

    slug = factory.Sequence(lambda n: f"scheme-{n}")
    name = factory.Sequence(lambda n: f"Scheme {n}")
    destination_country = "DE"
    programme = factory.SubFactory(ProgrammeFactory)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")
    status = Cohort.Status.OPEN


class CredentialFactory(factory.django.DjangoModelFactory):
    """A credential claimed by a candidate, awaiting the programme's decision."""

    class Meta:
        model = "programmes.Credential"

    candidate = factory.SubFactory("tests.factories.candidates.CandidateProfileFactory")
    programme = factory.SubFactory(ProgrammeFactory)
    title = "Hotel operations, German B1"
    status = "claimed"


def graduate_of(programme, **fields):  # type: ignore[no-untyped-def]
    """A candidate linked to `programme` by their own claim on one of its credentials (what issuing needs)."""
    from tests.factories.candidates import CandidateProfileFactory

    profile = CandidateProfileFactory(**fields)
    CredentialFactory(programme=programme, candidate=profile, title="Training of the programme (my claim)")
    return profile
