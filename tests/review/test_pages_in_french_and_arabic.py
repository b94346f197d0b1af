"""Review pages read in French and Arabic have no English left in what was reported (issue 11)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from review import services
from review.models import ReviewItem
from tests.factories.employers import VacancyFactory

pytestmark = pytest.mark.django_db


def _client_in(client_for, user, language: str):  # type: ignore[no-untyped-def]
    client = client_for(user)
    client.cookies["django_language"] = language
    return client


def test_item_history_says_opened_in_french_and_arabic(client_for, caseworker, candidate):
    item = services.review_item_open(kind=ReviewItem.Kind.PROFILE, candidate=candidate, country="TN")
    french = _client_in(client_for, caseworker, "fr").get(reverse("review:item", args=[item.pk])).content.decode()
    history = french[french.index('id="history-h"') :]
    assert "ouvert" in history and "opened" not in history
    arabic = _client_in(client_for, caseworker, "ar").get(reverse("review:item", args=[item.pk])).content.decode()
    assert "فُتح" in arabic[arabic.index('id="history-h"') :]


def test_vacancy_review_page_names_the_excluded_section_in_french(client_for, caseworker, employer_member):
    vacancy = VacancyFactory(organisation=employer_member.organisation, country="DE")
    page = _client_in(client_for, caseworker, "fr").get(reverse("review:vacancy_matches", args=[vacancy.pk]))
    html = page.content.decode()
    assert "Exclus par une règle" in html and "Excluded by a rule" not in html
    assert "Aucun candidat n'a été exclu" in html or "Aucun candidat n&#x27;a été exclu" in html
    assert "Allemagne" in html  # the vacancy's country, by name


def test_the_candidate_code_reads_in_french_and_a_french_code_finds_her(client_for, caseworker, employer_member):
    """Issue 11: "Candidate 1A2B3C4D" stayed English on French pages."""
    from tests.factories.review import ConsentingCandidateFactory

    vacancy = VacancyFactory(organisation=employer_member.organisation, country="DE")
    amina = ConsentingCandidateFactory()
    code = str(amina.pseudonym)[:8].upper()
    client = _client_in(client_for, caseworker, "fr")
    url = reverse("review:vacancy_matches", args=[vacancy.pk])
    page = client.get(url, {"q": f"Candidat {code.lower()}"}).content.decode()
    assert f"Candidat {code}" in page and f"Candidate {code}" not in page
    arabic = _client_in(client_for, caseworker, "ar").get(url, {"q": f"المرشح {code}"}).content.decode()
    assert f"المرشح {code}" in arabic
