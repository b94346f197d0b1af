"""The caseworker's "add a candidate by hand" search: no case or accents, ESCO labels in any language, the code shown."""

from __future__ import annotations

import pytest
from django.urls import reverse

from candidates.services.profile import profile_set_occupations
from taxonomy.models import Occupation, OccupationLabel
from tests.factories.employers import VacancyFactory
from tests.factories.review import ConsentingCandidateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vacancy(employer_member):  # type: ignore[no-untyped-def]
    return VacancyFactory(organisation=employer_member.organisation, title="Hotel receptionist")


@pytest.fixture
def receptionist() -> Occupation:
    occupation = Occupation.objects.create(
        uri="http://data.europa.eu/esco/occupation/test-receptionist",
        code="4226.1",
        isco_group="4226",
        preferred_label="hotel receptionist",
    )
    for language, label, preferred in (("en", "hotel receptionist", True), ("fr", "réceptionniste d'hôtel", True)):
        OccupationLabel.objects.create(
            occupation=occupation,
            language=language,
            label=label,
            normalized=label.replace("é", "e").replace("ô", "o").replace("'", " "),
            is_preferred=preferred,
        )
    return occupation


def _search(client, vacancy, query: str) -> str:  # type: ignore[no-untyped-def]
    return client.get(reverse("review:vacancy_matches", args=[vacancy.pk]), {"q": query}).content.decode()


def test_search_ignores_case_and_accents_in_what_the_candidate_typed(client_for, caseworker, vacancy):
    amina = ConsentingCandidateFactory()
    profile_set_occupations(profile=amina, desired=[{"text": "Réceptionniste de nuit"}], language="fr")
    client = client_for(caseworker)
    for query in ("receptionniste", "RÉCEPTIONNISTE", "réceptionniste de nuit"):
        assert amina.pseudonymous_label in _search(client, vacancy, query), query


def test_english_occupation_finds_a_candidate_who_typed_it_in_french(client_for, caseworker, vacancy, receptionist):
    amina = ConsentingCandidateFactory()
    profile_set_occupations(
        profile=amina, desired=[{"text": "Réceptionniste d'hôtel", "uri": receptionist.uri}], language="fr"
    )
    other = ConsentingCandidateFactory(headline="Cook")
    page = _search(client_for(caseworker), vacancy, "receptionist")
    assert amina.pseudonymous_label in page and other.pseudonymous_label not in page


def test_the_candidate_code_shown_on_the_page_is_searchable(client_for, caseworker, vacancy):
    amina, other = ConsentingCandidateFactory(headline="Nurse"), ConsentingCandidateFactory(headline="Nurse")
    client = client_for(caseworker)
    code = amina.pseudonymous_label  # "Candidate 1A2B3C4D"
    for query in (code, code.split()[1], code.split()[1].lower()):
        page = _search(client, vacancy, query)
        assert amina.pseudonymous_label in page and other.pseudonymous_label not in page, query
