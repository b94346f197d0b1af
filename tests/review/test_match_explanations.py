"""What a caseworker reads about matches: ESCO labels in the interface language with the URI as a link, the
candidates a rule excluded with that rule in plain words, and the engine's own rule results for a manual add."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AccessLog
from matching.models import Match
from review import services
from taxonomy.models import Occupation, OccupationLabel, Skill
from taxonomy.selectors import labels_for
from tests.factories.employers import VacancyFactory
from tests.factories.programmes import CredentialFactory, LegalSchemeFactory, ProgrammeFactory
from tests.factories.review import ConsentingCandidateFactory, ProposedMatchFactory

pytestmark = pytest.mark.django_db

CHEF = "http://data.europa.eu/esco/occupation/01484951-15e6-4b88-a20f-1201868d36a0"


def test_labels_come_in_the_asked_language_with_english_as_fallback_in_one_query():
    skill = Skill.objects.order_by("pk").first()
    unknown = "http://data.europa.eu/esco/skill/not-in-the-taxonomy"
    with CaptureQueriesContext(connection) as queries:
        french = labels_for([CHEF, skill.uri, unknown], language="fr")
    assert len(queries) == 1
    french_labels = set(
        OccupationLabel.objects.filter(occupation__uri=CHEF, language="fr", is_preferred=True).values_list(
            "label", flat=True
        )
    )
    assert french[CHEF] in french_labels and "cuisini" in french[CHEF]
    assert french[skill.uri] == skill.preferred_label and unknown not in french
    assert labels_for([CHEF], language="en") == {CHEF: Occupation.objects.get(uri=CHEF).preferred_label}
    assert labels_for([CHEF], language="sw") == labels_for([CHEF], language="en")  # no Swahili labels bundled


def test_why_this_candidate_shows_skill_labels_and_links_the_uri(client_for, caseworker):
    held, missing = Skill.objects.order_by("pk")[:2]
    match = ProposedMatchFactory(
        matched_essential_skills=[held.uri], missing_essential_skills=[missing.uri], passed_rules=["who_safeguard"]
    )
    body = client_for(caseworker).get(reverse("review:vacancy_matches", args=[match.vacancy_id])).content.decode()
    assert f'<a href="{held.uri}"' in body and f">{held.preferred_label}</a>" in body
    assert f">{missing.preferred_label}</a>" in body
    assert f">{held.uri}<" not in body  # the URI is never the text a person reads
    assert "WHO health workforce safeguards list" in body and "who_safeguard" not in body


def test_candidates_a_rule_excluded_are_listed_with_the_rule_in_plain_words(client_for, caseworker):
    vacancy = VacancyFactory()
    ProposedMatchFactory(vacancy=vacancy)
    excluded = ProposedMatchFactory(
        vacancy=vacancy,
        status=Match.Status.INELIGIBLE,
        eligible=False,
        passed_rules=["active_consented"],
        failed_rules=["programme_reservation", "who_safeguard"],
    )
    body = client_for(caseworker).get(reverse("review:vacancy_matches", args=[vacancy.pk])).content.decode()
    section = body[body.index('id="excluded"') :]
    assert f'id="excluded-{excluded.pk}"' in section
    assert excluded.candidate.pseudonymous_label in section
    assert "reserved for the partners of the candidate&#x27;s training programme" in section
    assert "health workers are not actively recruited from countries on the WHO safeguards list" in section
    assert AccessLog.objects.filter(subject_candidate_id=excluded.candidate_id, part="match_explanation").exists()


def test_the_excluded_list_costs_the_same_queries_for_three_or_thirty_candidates(client_for, caseworker):
    vacancy = VacancyFactory()
    client = client_for(caseworker)
    url = reverse("review:vacancy_matches", args=[vacancy.pk])

    def count(n: int) -> int:
        for _ in range(n):
            ProposedMatchFactory(vacancy=vacancy, status=Match.Status.INELIGIBLE, eligible=False, failed_rules=["x"])
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len([q for q in queries if "core_accesslog" not in q["sql"]])

    assert count(3) == count(27)


def test_a_manual_add_shows_the_rule_the_engine_excludes_the_candidate_under(client_for, caseworker):
    programme = ProgrammeFactory(destination_countries=["BE"])
    LegalSchemeFactory(
        programme=programme, destination_country="BE", reservation_months=24, reserved_destinations=["BE"]
    )
    candidate = ConsentingCandidateFactory(destinations=["DE", "BE"])
    CredentialFactory(
        candidate=candidate, programme=programme, status="verified", completed_on=dt.date.today() - dt.timedelta(30)
    )
    vacancy = VacancyFactory(country="DE")
    match = services.match_add_manually(vacancy=vacancy, candidate=candidate, actor=caseworker, note="Asked by PES")
    assert "programme_reservation" in match.failed_rules and not match.eligible
    assert "programme_reservation" not in match.passed_rules
    body = client_for(caseworker).get(reverse("review:vacancy_matches", args=[vacancy.pk])).content.decode()
    card = body[body.index(f'id="match-{match.pk}"') :]
    assert "reserved for the partners of the candidate&#x27;s training programme" in card[: card.index("</article>")]
